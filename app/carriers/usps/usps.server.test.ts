// The USPS connector against the loopback fake: live prices, token handling, the quota, and every fault.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeDomesticZone, fakeInternationalZone, fakePrice, startUspsFake, type UspsFake } from "../../../tests/fakes/usps";
import type { RateRequest } from "../carrier";
import type { CarrierConnectionContext } from "../connector";
import { uspsConnector, type UspsDeps } from "./index.server";
import { memoryPriceMemory } from "./price-memory";
import { memoryQuotaStore } from "./quota";
import type { UspsSecrets, UspsSettings } from "./settings";
import { address, rateRequest, secrets, settings } from "./test-support";

let fake: UspsFake;
let clock = Date.parse("2026-12-01T15:00:00Z");
let saved: UspsSecrets[] = [];

beforeEach(async () => {
  clock = Date.parse("2026-12-01T15:00:00Z");
  saved = [];
  fake = await startUspsFake({ now: () => clock, contractAccounts: ["1000012345"] });
});
afterEach(async () => {
  await fake.close();
  expect(fake.state.invalidBodies).toEqual([]);
});

let connectionSeq = 0;
function source(over: Partial<UspsSettings> = {}, extra: Partial<UspsDeps> = {}) {
  const connection: CarrierConnectionContext<UspsSettings, UspsSecrets> = {
    id: `conn-${++connectionSeq}`,
    shop: "demo.myshopify.com",
    mode: "test",
    settings: settings(over),
    secrets: secrets(),
    saveSecrets: async (next) => void saved.push(next),
  };
  // A fresh fetch wrapper per source keeps the shared-client cache from leaking between tests.
  const deps: UspsDeps = { fetch: (...a) => fetch(...a), now: () => clock, baseUrl: fake.url, quotaStore: memoryQuotaStore(), priceMemory: memoryPriceMemory(), timeoutMs: 500, ...extra };
  return uspsConnector.createSource(connection, deps, { services: [] });
}

const signal = () => new AbortController().signal;
const to = (postalCode: string, country = "US"): Partial<RateRequest> => ({ destination: address({ country, postalCode }) });
const priceCalls = () => fake.requests.filter((r) => r.path.includes("prices")).length;

describe("USPS connector against the fake", () => {
  it("quotes live domestic prices for every allowed class in one call, with transit days", async () => {
    const r = await source().rate(rateRequest(), { signal: signal() });
    const zone = fakeDomesticZone("22407", "63118");
    expect(r.quotes.map((q) => [q.serviceCode, q.price.amount])).toEqual([
      ["USPS_GROUND_ADVANTAGE", Math.round(fakePrice("USPS_GROUND_ADVANTAGE", zone, 1) * 100)],
      ["PRIORITY_MAIL", Math.round(fakePrice("PRIORITY_MAIL", zone, 1) * 100)],
      ["PRIORITY_MAIL_EXPRESS", Math.round(fakePrice("PRIORITY_MAIL_EXPRESS", zone, 1) * 100)],
    ]);
    expect(r.quotes[1].transitDays).toEqual({ min: 1, max: 3 });
    // A token call and a price call spent: the answer says what is left.
    expect(r.messages).toEqual([{ level: "warning", code: "usps_quota", message: "USPS quota: 58 of 60 calls left this hour" }]);
    expect(priceCalls()).toBe(1);
    expect(fake.state.tokenCalls).toBe(1);
  });

  it("prices each package with its own call and quotes the sum only for classes every package got", async () => {
    const two = rateRequest({
      services: ["PRIORITY_MAIL"],
      packages: [
        { grams: 454, billableGrams: 453, dimensionsMm: { l: 304.8, w: 228.6, h: 101.6 } },
        { grams: 2268, billableGrams: 2267, dimensionsMm: { l: 304.8, w: 228.6, h: 101.6 } },
      ],
    });
    const r = await source().rate(two, { signal: signal() });
    const zone = fakeDomesticZone("22407", "63118");
    expect(r.quotes).toEqual([{ serviceCode: "PRIORITY_MAIL", price: { amount: Math.round((fakePrice("PRIORITY_MAIL", zone, 1) + fakePrice("PRIORITY_MAIL", zone, 5)) * 100), currency: "USD" }, transitDays: { min: 1, max: 3 } }]);
    expect(priceCalls()).toBe(2);
    expect(fake.requests.filter((q) => q.path.includes("prices")).map((q) => (q.json as { weight: number }).weight)).toEqual([1, 5]);
  });

  it("asks for contract prices with an account, and shows warning 001 when USPS has no contract for it", async () => {
    const withContract = await source({ crid: "1", mid: "2", paymentAccount: { type: "EPS", number: "1000012345" } }).rate(rateRequest({ services: ["PRIORITY_MAIL"] }), { signal: signal() });
    const zone = fakeDomesticZone("22407", "63118");
    expect(withContract.quotes[0].price.amount).toBe(Math.round(fakePrice("PRIORITY_MAIL", zone, 1, { contract: true }) * 100));
    const without = await source({ crid: "1", mid: "2", paymentAccount: { type: "EPS", number: "999" } }).rate(rateRequest({ services: ["PRIORITY_MAIL"] }), { signal: signal() });
    expect(without.messages).toContainEqual(expect.objectContaining({ code: "usps_contract_rate_not_found", serviceCode: "PRIORITY_MAIL" }));
  });

  it("quotes live international prices with the foreign postal code and country", async () => {
    const r = await source().rate(rateRequest(to("SW1A 1AA", "GB")), { signal: signal() });
    const zone = fakeInternationalZone("GB");
    expect(r.quotes.map((q) => q.serviceCode)).toEqual(["FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE", "PRIORITY_MAIL_INTERNATIONAL", "PRIORITY_MAIL_EXPRESS_INTERNATIONAL"]);
    expect(r.quotes[1].price.amount).toBe(Math.round(fakePrice("PRIORITY_MAIL_INTERNATIONAL", zone, 1) * 100));
    const sent = fake.requests.find((q) => q.path.startsWith("/international-prices"))!.json as Record<string, unknown>;
    expect(sent).toMatchObject({ destinationCountryCode: "GB", foreignPostalCode: "SW1A 1AA", mailClass: "ALL" });
  });

  it("fetches one token for concurrent calls, caches it, and refreshes it once when USPS says it expired", async () => {
    const src = source();
    const zips = ["10001", "20002", "30003", "40004", "50005", "60006"];
    await Promise.all(zips.map((z) => src.rate(rateRequest(to(z)), { signal: signal() })));
    expect(fake.state.tokenCalls).toBe(1);
    expect(saved).toHaveLength(1);
    expect(JSON.stringify(saved[0])).toContain("usps_at_");

    fake.state.expireTokens();
    const again = await Promise.all(["70007", "80008", "90009"].map((z) => src.rate(rateRequest(to(z)), { signal: signal() })));
    expect(again.every((r) => r.quotes.length === 3)).toBe(true);
    expect(fake.state.tokenCalls).toBe(2);
  });

  it("serves a repeat from cache without a call and says so", async () => {
    const src = source();
    await src.rate(rateRequest(), { signal: signal() });
    const before = fake.requests.length;
    const r = await src.rate(rateRequest(), { signal: signal() });
    expect(fake.requests.length).toBe(before);
    expect(r.quotes).toHaveLength(3);
    expect(r.messages).toContainEqual(expect.objectContaining({ code: "usps_cached" }));
  });

  it("remembers that USPS offers no price for a class, so a repeat still needs no call", async () => {
    fake.state.unavailable.add("PRIORITY_MAIL_EXPRESS");
    const src = source();
    const first = await src.rate(rateRequest(), { signal: signal() });
    expect(first.quotes.map((q) => q.serviceCode)).toEqual(["USPS_GROUND_ADVANTAGE", "PRIORITY_MAIL"]);
    expect(first.messages).toContainEqual(expect.objectContaining({ code: "not_quotable/no_price", serviceCode: "PRIORITY_MAIL_EXPRESS" }));
    const before = fake.requests.length;
    const again = await src.rate(rateRequest(), { signal: signal() });
    expect(fake.requests.length).toBe(before);
    expect(again.quotes).toHaveLength(2);
  });

  it("makes no live call once the quota is spent, and says the answer is not live", async () => {
    const src = source({ hourlyQuota: 4 });
    await src.rate(rateRequest(to("63118")), { signal: signal() });
    const callsAfterFirst = fake.requests.length;
    // Quota 4 = 1 token + 1 price + burst/reserve: the next fresh lanes are refused before any HTTP.
    const learned = await src.rate(rateRequest(to("63119")), { signal: signal() });
    expect(fake.requests.length).toBe(callsAfterFirst);
    expect(learned.quotes).toHaveLength(3);
    expect(learned.messages).toContainEqual(expect.objectContaining({ code: "usps_not_live_learned" }));
    expect(learned.messages).toContainEqual(expect.objectContaining({ code: "retry_later/quota" }));
    const unknown = await src.rate(rateRequest(to("99501")), { signal: signal() });
    expect(unknown.quotes).toEqual([]);
    expect(unknown.messages[0]).toMatchObject({ code: "retry_later/quota", message: expect.stringMatching(/^not live:/) });
    expect(fake.state.rejected429).toBe(0);
  });

  it("serves an expired cached price as not live when USPS fails, and shows the quota used", async () => {
    const quotaStore = memoryQuotaStore();
    const src = source({}, { quotaStore });
    await src.rate(rateRequest(), { signal: signal() });
    clock += 8 * 86_400_000;
    fake.faults.next({ kind: "status", status: 503, body: { error: { code: "503", message: "Service Unavailable" } } }, { path: "/prices/v3/total-rates/search" });
    const r = await src.rate(rateRequest(), { signal: signal() });
    expect(r.quotes).toHaveLength(3);
    expect(r.messages).toContainEqual(expect.objectContaining({ code: "usps_not_live_cached", message: expect.stringMatching(/^not live: USPS is unavailable/) }));
    const { readUspsQuota } = await import("./index.server");
    expect(await readUspsQuota({ mode: "test", consumerKey: "usps-consumer-key", hourlyQuota: 60 }, { now: () => clock, quotaStore })).toMatchObject({ limit: 60, usedLastHour: 2, remaining: 58 });
  });

  it("never draws a 429 from USPS over a busy hour at the default quota", async () => {
    const src = source();
    for (let i = 0; i < 150; i++) {
      clock += 10_000;
      const zip = String(10000 + ((i * 7919) % 89999)).padStart(5, "0");
      const r = await src.rate(rateRequest(to(zip)), { signal: signal() });
      expect(r.quotes.length + r.messages.length).toBeGreaterThan(0);
    }
    expect(fake.state.rejected429).toBe(0);
    expect(fake.state.calls.length).toBeLessThanOrEqual(60);
  });

  it("turns a 429 into a message and stops calling until Retry-After", async () => {
    const src = source();
    await src.rate(rateRequest(to("10001")), { signal: signal() });
    fake.faults.next({ kind: "status", status: 429, headers: { "retry-after": "120" }, body: { error: { code: "429", message: "Too Many Requests" } } });
    const r = await src.rate(rateRequest(to("20002")), { signal: signal() });
    expect(r.messages).toContainEqual(expect.objectContaining({ code: "retry_later/429" }));
    const before = fake.requests.length;
    clock += 60_000;
    await src.rate(rateRequest(to("30003")), { signal: signal() });
    expect(fake.requests.length).toBe(before);
    clock += 61_000;
    const after = await src.rate(rateRequest(to("40004")), { signal: signal() });
    expect(after.quotes).toHaveLength(3);
  });

  it.each([
    ["503", { kind: "status", status: 503, body: { error: { code: "503", message: "Service Unavailable" } } }, "retry_later/503"],
    ["malformed JSON", { kind: "bad_json" }, "retry_later/malformed"],
    ["a dropped connection", { kind: "reset" }, "retry_later/network"],
    ["a slow answer", { kind: "slow", ms: 2_000 }, "retry_later/timeout"],
  ] as const)("answers %s with a message and no quotes, never a throw", async (_name, fault, code) => {
    const src = source();
    await src.rate(rateRequest(to("10001")), { signal: signal() }); // token first, so the fault hits the price call
    fake.faults.next(fault, { path: "/prices/v3/total-rates/search" });
    const started = Date.now();
    const r = await src.rate(rateRequest(to("99501")), { signal: signal() });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(r.quotes).toEqual([]);
    expect(r.messages).toContainEqual(expect.objectContaining({ code }));
  });

  it("honours the caller's AbortSignal", async () => {
    const src = source();
    fake.faults.always({ kind: "hang" }, { path: "/prices/v3/total-rates/search" });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const started = Date.now();
    const r = await src.rate(rateRequest(), { signal: ac.signal });
    expect(Date.now() - started).toBeLessThan(400);
    expect(r.messages).toContainEqual(expect.objectContaining({ code: "retry_later/aborted" }));
    fake.faults.clear();
  });

  it("asks the merchant to reconnect when the credentials are revoked", async () => {
    const src = source();
    await src.rate(rateRequest(to("10001")), { signal: signal() });
    fake.state.revokeCredentials();
    const r = await src.rate(rateRequest(to("20002")), { signal: signal() });
    expect(r.quotes).toEqual([]);
    expect(r.messages).toContainEqual(expect.objectContaining({ code: "reconnect/401" }));
  });

  it("reports a USPS 0300xx refusal as not quotable, and a missing connection as reconnect", async () => {
    const r = await source().rate(rateRequest(to("00012")), { signal: signal() });
    expect(r.messages).toContainEqual(expect.objectContaining({ code: "not_quotable/030001" }));
    const none = await uspsConnector.createSource(null, { fetch, now: () => clock }, { services: [] }).rate(rateRequest(), { signal: signal() });
    expect(none.messages[0].code).toBe("reconnect/not_connected");
  });
});

describe("USPS verify on save", () => {
  it("spends one token call and one price call, and reports the sample price and the quota left", async () => {
    const { verifyUspsConnection } = await import("./verify.server");
    const connection = { id: "verify-1", shop: "demo.myshopify.com", mode: "test" as const, settings: settings({ crid: "1", mid: "2", paymentAccount: { type: "EPS" as const, number: "999" } }), secrets: secrets(), saveSecrets: async () => {} };
    const v = await verifyUspsConnection(connection, { originZip: "22407", signal: signal() }, { fetch: (...a) => fetch(...a), now: () => clock, baseUrl: fake.url, quotaStore: memoryQuotaStore() });
    expect(v).toMatchObject({ ok: true, sample: { mailClass: "USPS_GROUND_ADVANTAGE", priceType: "COMMERCIAL" }, quota: { limit: 60, usedLastHour: 2, remaining: 58 } });
    expect(v.messages).toContainEqual(expect.objectContaining({ code: "usps_contract_rate_not_found" }));
    fake.state.revokeCredentials();
    const bad = await verifyUspsConnection({ ...connection, id: "verify-2" }, { originZip: "22407", signal: signal() }, { fetch: (...a) => fetch(...a), now: () => clock, baseUrl: fake.url });
    expect(bad).toMatchObject({ ok: false, messages: [expect.objectContaining({ code: "reconnect/401" })] });
  });
});
