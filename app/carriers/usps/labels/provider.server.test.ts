import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeDomesticZone, fakePrice, startUspsFake, type UspsFake } from "../../../../tests/fakes/usps";
import type { LabelPurchase, PaymentAuthorization } from "../../labels";
import { memoryPriceMemory } from "../price-memory";
import { memoryQuotaStore } from "../quota";
import { secrets, settings } from "../test-support";
import { createUspsLabelProvider } from "./provider.server";
import { MAX_QUOTE_CALLS } from "./quote.server";

let fake: UspsFake;
beforeEach(async () => {
  fake = await startUspsFake();
});
afterEach(() => fake.close());

const signal = new AbortController().signal;
const connection = (over: Record<string, unknown> = {}) => ({
  id: `conn-${Math.random()}`,
  shop: "labels.myshopify.com",
  mode: "test" as const,
  settings: settings({ crid: "56982563", mid: "902345678", paymentAccount: { type: "EPS", number: "1000000001" }, ...over }),
  secrets: secrets(),
  saveSecrets: async () => undefined,
});
const provider = (over: Record<string, unknown> = {}) =>
  createUspsLabelProvider(connection(over), { fetch: (...a) => fetch(...a), now: Date.now, baseUrl: fake.url, quotaStore: memoryQuotaStore(), priceMemory: memoryPriceMemory() });

const purchase = (over: Partial<LabelPurchase> = {}): LabelPurchase => ({
  idempotencyKey: "0b7b5e0e-5c1d-5d9a-9a43-2f7d1c1b6a01",
  serviceCode: "PRIORITY_MAIL",
  mailingDate: "2026-12-02",
  from: { name: "Waypost Demo", address1: "1 Main St", city: "Fredericksburg", province: "VA", zip: "22407", country: "US" },
  to: { name: "Ada Lovelace", address1: "4120 Russell Blvd", city: "St Louis", province: "MO", zip: "63110", country: "US" },
  parcel: { grams: 907, dimensionsMm: { l: 300, w: 200, h: 100 }, value: 4500, currency: "USD" },
  options: { signature: true, insurance: false },
  ...over,
});

async function authorized(p = provider()): Promise<PaymentAuthorization> {
  const auth = await p.authorizePayment(signal);
  if (!auth.ok) throw new Error(auth.failure.message);
  return auth.value;
}

describe("the USPS label provider against the fake", () => {
  it("buys a label whose PDF, tracking number and charges come from the multipart answer", async () => {
    const p = provider();
    const bought = await p.buyLabel(purchase(), await authorized(p), signal);
    if (!bought.ok) throw new Error(bought.failure.message);
    expect(new TextDecoder().decode(bought.value.image.bytes.subarray(0, 5))).toBe("%PDF-");
    expect(bought.value.trackingNumber).toMatch(/^9400\d{18}$/);
    // 2 lb Priority Mail at the fake's price for the zone (what its prices API answers), plus signature 4.40
    // (tracking is free).
    const postage = Math.round(fakePrice("PRIORITY_MAIL", fakeDomesticZone("22407", "63110"), 2) * 100);
    expect(bought.value.charges).toEqual([
      { kind: "postage", name: "Postage", amount: postage },
      { kind: "extra_service", name: "USPS Tracking", amount: 0 },
      { kind: "extra_service", name: "Signature Confirmation", amount: 440 },
    ]);
    expect(bought.value.total).toBe(postage + 440);
    expect(fake.state.labels.invalidBodies).toEqual([]);
  });

  it("returns the same label and charges once when the same idempotency key is sent again", async () => {
    const p = provider();
    const auth = await authorized(p);
    const a = await p.buyLabel(purchase(), auth, signal);
    const b = await p.buyLabel(purchase(), auth, signal);
    expect(a.ok && b.ok && a.value.trackingNumber === b.value.trackingNumber).toBe(true);
    expect(fake.state.labels.charges).toHaveLength(1);
  });

  it("refuses to pay without an EPS or permit account on the connection", async () => {
    const auth = await provider({ paymentAccount: undefined }).authorizePayment(signal);
    expect(auth.ok ? null : auth.failure).toMatchObject({ kind: "refused", code: "no_payment_account" });
  });

  it("passes USPS's message through when it refuses a label", async () => {
    const p = provider();
    const r = await p.buyLabel(purchase({ to: { ...purchase().to, address1: "1 Undeliverable Way" } }), await authorized(p), signal);
    expect(r.ok ? null : r.failure).toMatchObject({ kind: "refused", message: expect.stringContaining("not deliverable") });
  });

  it("classifies a 503 as retry and a 429 as rate limited with USPS's Retry-After", async () => {
    const p = provider();
    const auth = await authorized(p);
    fake.faults.next({ kind: "status", status: 503, body: { error: { message: "down" } } }, { path: "/labels/v3/label" });
    const a = await p.buyLabel(purchase(), auth, signal);
    expect(a.ok ? null : a.failure.kind).toBe("retry");
    fake.faults.next({ kind: "status", status: 429, headers: { "retry-after": "42" } }, { path: "/labels/v3/label" });
    const b = await p.buyLabel(purchase(), auth, signal);
    expect(b.ok ? null : b.failure).toMatchObject({ kind: "rate_limited", retryAfterSeconds: 42 });
  });

  it("reads a malformed label answer as retryable, never as a bought label", async () => {
    const p = provider();
    const auth = await authorized(p);
    fake.faults.next({ kind: "bad_json" }, { path: "/labels/v3/label" });
    const r = await p.buyLabel(purchase(), auth, signal);
    expect(r.ok ? null : r.failure).toMatchObject({ kind: "retry", code: "malformed" });
  });

  it("voids a fresh label as refunded, a manifested one as a refund request, and refuses a used one", async () => {
    const p = provider();
    const auth = await authorized(p);
    const buy = async (key: string) => {
      const r = await p.buyLabel(purchase({ idempotencyKey: key }), auth, signal);
      if (!r.ok) throw new Error(r.failure.message);
      return r.value.trackingNumber;
    };
    const fresh = await buy("0b7b5e0e-5c1d-5d9a-9a43-2f7d1c1b6a02");
    const manifested = await buy("0b7b5e0e-5c1d-5d9a-9a43-2f7d1c1b6a03");
    const used = await buy("0b7b5e0e-5c1d-5d9a-9a43-2f7d1c1b6a04");
    fake.state.labels.manifested.add(manifested);
    fake.state.labels.used.add(used);
    expect(await p.voidLabel(fresh, auth, signal)).toEqual({ ok: true, value: { status: "refunded" } });
    expect(await p.voidLabel(manifested, auth, signal)).toMatchObject({ ok: true, value: { status: "refund_requested", disputeId: expect.any(String) } });
    const refused = await p.voidLabel(used, auth, signal);
    expect(refused.ok ? null : refused.failure).toMatchObject({ kind: "refused", message: expect.stringContaining("already been used") });
  });

  it("flags an address USPS cannot match exactly, with its suggestion", async () => {
    const p = provider();
    const ok = await p.validateAddress(purchase().to, signal);
    expect(ok).toMatchObject({ ok: true, value: { deliverable: true, suggestion: { zip: "63110-1234" } } });
    const tower = await p.validateAddress({ ...purchase().to, address1: "1 Tower Rd" }, signal);
    expect(tower).toMatchObject({ ok: true, value: { deliverable: false, message: expect.stringContaining("more information is needed") } });
    fake.state.labels.unknownStreets.add("9 NOWHERE LN");
    const unknown = await p.validateAddress({ ...purchase().to, address1: "9 Nowhere Ln" }, signal);
    expect(unknown).toMatchObject({ ok: true, value: { deliverable: false, message: expect.stringContaining("Address Not Found") } });
  });

  it("counts label calls against the shared quota and stops before rating's reserved share", async () => {
    const store = memoryQuotaStore();
    const p = createUspsLabelProvider(connection({ hourlyQuota: 8 }), { fetch: (...a) => fetch(...a), now: Date.now, baseUrl: fake.url, quotaStore: store });
    // 8/hour: 2 reserved for tokens, 2 for rating → 4 label calls (the token call counts too).
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await p.validateAddress(purchase().to, signal));
    const refused = results.filter((r) => !r.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0].ok ? null : refused[0].failure).toMatchObject({ kind: "rate_limited", retryAfterSeconds: expect.any(Number) });
    expect(fake.state.rejected429).toBe(0);
  });

  it("quotes the postage a label is then charged, asking USPS once for packages of one shape", async () => {
    const p = provider();
    const same = { serviceCode: "PRIORITY_MAIL", from: purchase().from, to: purchase().to, parcel: purchase().parcel };
    const calls = () => fake.requests.filter((r) => r.path === "/prices/v3/total-rates/search").length;
    const quotes = await p.quote!([same, { ...same, to: { ...same.to, name: "Another buyer" } }], signal);
    expect(calls()).toBe(1);
    const bought = await p.buyLabel(purchase(), await authorized(p), signal);
    if (!bought.ok) throw new Error(bought.failure.message);
    const postage = bought.value.charges.filter((c) => c.kind !== "extra_service").reduce((n, c) => n + c.amount, 0);
    expect(quotes).toEqual([{ amount: postage, currency: "USD" }, { amount: postage, currency: "USD" }]);
    expect(fake.state.invalidBodies).toEqual([]);
  });

  it("gives no quote, and spends no label, when USPS offers no price for the service", async () => {
    fake.state.unavailable.add("PRIORITY_MAIL");
    const quotes = await provider().quote!([{ serviceCode: "PRIORITY_MAIL", from: purchase().from, to: purchase().to, parcel: purchase().parcel }], signal);
    expect(quotes).toEqual([null]);
    expect(fake.state.labels.charges).toEqual([]);
  });

  it("spends at most a few calls quoting one batch, leaving the rest of the hour to its purchases", async () => {
    const zips = ["10001", "20001", "30301", "40201", "50301", "60601", "70112", "80202", "90001", "98101", "33101", "02101"];
    const requests = zips.map((zip) => ({ serviceCode: "PRIORITY_MAIL", from: purchase().from, to: { ...purchase().to, zip }, parcel: purchase().parcel }));
    const quotes = await provider().quote!(requests, signal);
    expect(fake.requests.filter((r) => r.path === "/prices/v3/total-rates/search")).toHaveLength(MAX_QUOTE_CALLS);
    expect(quotes.slice(0, MAX_QUOTE_CALLS).every((q) => q !== null)).toBe(true);
    expect(quotes.slice(MAX_QUOTE_CALLS)).toEqual(zips.slice(MAX_QUOTE_CALLS).map(() => null));
  });
});
