import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeInternationalZone, fakePrice, startUspsFake, type UspsFake } from "../../../../tests/fakes/usps";
import type { LabelPurchase, PaymentAuthorization } from "../../labels";
import { memoryQuotaStore } from "../quota";
import { secrets, settings } from "../test-support";
import { internationalLabelRequest } from "./international";
import { createUspsLabelProvider } from "./provider.server";

let fake: UspsFake;
beforeEach(async () => {
  fake = await startUspsFake();
});
afterEach(() => fake.close());

const signal = new AbortController().signal;
const provider = () =>
  createUspsLabelProvider(
    { id: `conn-${Math.random()}`, shop: "intl.myshopify.com", mode: "test", settings: settings({ crid: "56982563", mid: "902345678", paymentAccount: { type: "EPS", number: "1000000001" } }), secrets: secrets(), saveSecrets: async () => undefined },
    { fetch: (...a) => fetch(...a), now: Date.now, baseUrl: fake.url, quotaStore: memoryQuotaStore() },
  );

const abroad = (over: Partial<LabelPurchase> = {}): LabelPurchase => ({
  idempotencyKey: "1c6a3c47-0d3e-5b7e-8f55-4b8a2d0c9e11",
  serviceCode: "PRIORITY_MAIL_INTERNATIONAL",
  mailingDate: "2026-12-02",
  from: { name: "Waypost Demo", address1: "1 Main St", city: "Fredericksburg", province: "VA", zip: "22407", country: "US" },
  to: { name: "Marie Curie", address1: "11 Rue Pierre et Marie Curie", city: "Paris", province: "", zip: "75005", country: "FR", phone: "+33 1 44 27 00 00" },
  parcel: { grams: 1100, dimensionsMm: { l: 300, w: 200, h: 100 }, value: 3000, currency: "USD" },
  options: { signature: false, insurance: true },
  customs: { contentType: "MERCHANDISE", currency: "USD", items: [{ description: "Ceramic mug", quantity: 2, unitValue: 1500, unitGrams: 400, hsCode: "6912004400", originCountry: "PT" }] },
  reference: "#1001",
  ...over,
});

async function authorized(p: ReturnType<typeof provider>): Promise<PaymentAuthorization> {
  const auth = await p.authorizePayment(signal);
  if (!auth.ok) throw new Error(auth.failure.message);
  return auth.value;
}

describe("USPS international labels", () => {
  it("maps the customs form: one content line per item with total value in dollars, total weight in pounds, HS code and origin", () => {
    const r = internationalLabelRequest(abroad());
    if (!r.ok) throw new Error(r.message);
    expect(r.body.toAddress).toMatchObject({ country: "France", countryISOAlpha2Code: "FR", postalCode: "75005", firstName: "Marie", lastName: "Curie", phone: "33144270000" });
    expect(r.body.customsForm).toEqual({
      customsContentType: "MERCHANDISE",
      AESITN: "NO EEI 30.37(a)",
      invoiceNumber: "1001",
      contents: [{ itemDescription: "Ceramic mug", itemQuantity: 2, itemTotalValue: 30, weightUOM: "lb", itemTotalWeight: 1.7638, HSTariffNumber: "6912004400", countryofOrigin: "PT" }],
    });
    expect(r.body.packageDescription).toMatchObject({ mailClass: "PRIORITY_MAIL_INTERNATIONAL", extraServices: [930], packageOptions: { packageValue: 30 } });
  });

  it("refuses a domestic service or a missing customs form before calling USPS", () => {
    expect(internationalLabelRequest(abroad({ serviceCode: "PRIORITY_MAIL" }))).toMatchObject({ ok: false, message: expect.stringContaining("does not go abroad") });
    expect(internationalLabelRequest(abroad({ customs: undefined }))).toMatchObject({ ok: false, message: expect.stringContaining("customs form") });
  });

  it("buys a label the fake accepts against the international OpenAPI file, with its international tracking number", async () => {
    const p = provider();
    const bought = await p.buyLabel(abroad(), await authorized(p), signal);
    if (!bought.ok) throw new Error(bought.failure.message);
    expect(fake.state.labels.invalidBodies).toEqual([]);
    expect(bought.value.trackingNumber).toMatch(/^CP\d{9}US$/);
    expect(new TextDecoder().decode(bought.value.image.bytes.subarray(0, 5))).toBe("%PDF-");
    expect(bought.value.charges).toEqual([
      { kind: "postage", name: "Postage", amount: Math.round(fakePrice("PRIORITY_MAIL_INTERNATIONAL", fakeInternationalZone("FR"), 2.4251) * 100) },
      { kind: "extra_service", name: "Insurance <= $500", amount: 325 },
    ]);
    expect(fake.state.labels.labels.get(bought.value.trackingNumber)?.customsForm).toMatchObject({ contents: [{ HSTariffNumber: "6912004400", countryofOrigin: "PT" }] });
  });

  it("is refused by the fake's schema check when a content line has no country of origin", async () => {
    const p = provider();
    const r = internationalLabelRequest(abroad());
    if (!r.ok) throw new Error(r.message);
    const customs = abroad().customs!;
    const broken = await p.buyLabel(abroad({ customs: { ...customs, items: [{ ...customs.items[0], originCountry: "" }] } }), await authorized(p), signal);
    expect(broken).toMatchObject({ ok: false, failure: { kind: "refused" } });
    expect(fake.state.labels.invalidBodies.at(-1)?.errors.join(" ")).toMatch(/countryofOrigin|pattern/);
  });

  it("accepts the fields the spec merges with allOf and refuses a field the request does not define", async () => {
    const r = internationalLabelRequest(abroad());
    if (!r.ok) throw new Error(r.message);
    const p = provider();
    const auth = await authorized(p);
    const token = (await (await fetch(`${fake.url}/oauth2/v3/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ grant_type: "client_credentials", client_id: secrets().consumerKey, client_secret: secrets().consumerSecret }) })).json()) as { access_token: string };
    const post = (body: unknown) =>
      fetch(`${fake.url}/international-labels/v3/international-label`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token.access_token}`, "x-payment-authorization-token": auth.token }, body: JSON.stringify(body) });
    expect((await post(r.body)).status).toBe(201);
    expect((await post({ ...r.body, smugglersNote: "none" })).status).toBe(400);
    expect(fake.state.labels.invalidBodies.at(-1)?.errors.join(" ")).toContain("additional properties");
  });

  it("voids an international label on the international labels path", async () => {
    const p = provider();
    const auth = await authorized(p);
    const bought = await p.buyLabel(abroad({ idempotencyKey: "7f1e2d3c-4b5a-5968-8776-a5b4c3d2e1f0" }), auth, signal);
    if (!bought.ok) throw new Error(bought.failure.message);
    expect(await p.voidLabel(bought.value.trackingNumber, auth, signal)).toEqual({ ok: true, value: { status: "refunded" } });
    expect(fake.requests.at(-1)).toMatchObject({ method: "DELETE", path: `/international-labels/v3/international-label/${bought.value.trackingNumber}` });
  });

  it("asks for ZPL and gets the thermal-printer label back as ZPL text", async () => {
    const p = provider();
    const bought = await p.buyLabel(abroad({ imageFormat: "ZPL", idempotencyKey: "5d3e0f9a-9a0c-5f61-bb1e-0c2b8e3d7a42" }), await authorized(p), signal);
    if (!bought.ok) throw new Error(bought.failure.message);
    expect(bought.value.image.format).toBe("ZPL");
    const zpl = new TextDecoder().decode(bought.value.image.bytes);
    expect(zpl.startsWith("^XA")).toBe(true);
    expect(zpl).toContain(`^FD${bought.value.trackingNumber}^FS`);
    expect(fake.requests.at(-1)?.json).toMatchObject({ imageInfo: { imageType: "ZPL203DPI" } });
  });
});
