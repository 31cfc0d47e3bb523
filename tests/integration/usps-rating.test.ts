// USPS end to end: a shop with USPS services and a connection, a spec-validating fake USPS, and signed rate
// callbacks. Covers the real route, two instances sharing one token and one quota ledger in the database,
// quota exhaustion, 429/503/timeouts, cached answers marked "not live", and international prices.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readUspsQuota } from "~/carriers/usps/index.server";
import { getDb } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { databaseCarrierState } from "~/services/carrier-state.server";
import { createRatingService, ratingDeps } from "~/services/rating/service.server";
import { startUspsFake, type UspsFake } from "../fakes/usps";
import { useTestDatabase } from "../helpers/db";
import { rateRequestBody } from "../helpers/fixtures";
import { hmacOf } from "../helpers/shopify";
import { callRates, priceOf, seedUspsShop, uspsInstance } from "../helpers/usps";

const db = useTestDatabase();
let fake: UspsFake;
let shopSeq = 0;
let shop: string;
const DOMESTIC = "/prices/v3/total-rates/search";
const priceCalls = () => fake.requests.filter((r) => r.path === DOMESTIC).length;

beforeAll(async () => {
  await db.ready();
  fake = await startUspsFake({ quotaPerHour: 60 });
  process.env.USPS_API_URL = fake.url;
  resetEnvForTests();
});

afterAll(async () => {
  delete process.env.USPS_API_URL;
  resetEnvForTests();
  await fake.close();
});

beforeEach(async () => {
  fake.faults.clear();
  shop = `usps-${++shopSeq}.myshopify.com`;
  // Each test is a fresh USPS app (its own quota) on a fresh shop.
  fake.state.clientId = `usps-key-${shopSeq}`;
  await seedUspsShop(shop, fake);
});

const quota = (hourlyQuota = 60) => readUspsQuota({ mode: "test", consumerKey: fake.state.clientId, hourlyQuota }, { now: Date.now, sharedState: databaseCarrierState(getDb()) });

describe("USPS prices at checkout", () => {
  it("prices Ground Advantage and Priority Mail live through the signed rate callback route", async () => {
    const { action } = await import("~/routes/carrier-service.rates");
    const raw = JSON.stringify(rateRequestBody({ postal: "94107" }));
    const request = new Request("http://localhost/carrier-service/rates", {
      method: "POST",
      body: raw,
      headers: { "content-type": "application/json", "x-shopify-hmac-sha256": hmacOf(raw), "x-shopify-shop-domain": shop },
    });
    const res = await action({ request, params: {}, context: {} } as never);
    expect(res.status).toBe(200);
    const rates = (await res.json()).rates as { service_code: string; total_price: string }[];
    const ground = priceOf(rates, "usps-ground");
    const priority = priceOf(rates, "usps-priority");
    expect(ground).toBeDefined();
    expect(priority).toBeDefined();
    // Live, not the fallbacks (799 / 1099), and Priority costs more than Ground Advantage.
    expect([ground, priority]).not.toEqual(["799", "1099"]);
    expect(Number(priority)).toBeGreaterThan(Number(ground));
    expect(fake.state.invalidBodies).toEqual([]);
    expect(fake.state.tokenCalls).toBeGreaterThan(0);
  });

  it("lets two instances share one USPS token and one quota ledger through the database", async () => {
    const tokenCallsBefore = fake.state.tokenCalls;
    const [a, b] = [uspsInstance(fake), uspsInstance(fake)];
    const [ra, rb] = await Promise.all([callRates(a, shop, { postal: "94107" }), callRates(b, shop, { postal: "60601" })]);
    expect(priceOf(ra.rates, "usps-ground")).toBeDefined();
    expect(priceOf(rb.rates, "usps-ground")).toBeDefined();
    expect(fake.state.tokenCalls - tokenCallsBefore).toBe(1);
    // One token call and one price call per instance, all in the one ledger.
    expect(await quota()).toMatchObject({ limit: 60, usedLastHour: 3, remaining: 57 });
    // A third instance started later reuses the stored token: no token call.
    await callRates(uspsInstance(fake), shop, { postal: "30301" });
    expect(fake.state.tokenCalls - tokenCallsBefore).toBe(1);
    expect((await quota()).usedLastHour).toBe(4);
  });

  it("shows the quota left in Test your shipping when it spends a call", async () => {
    const shipping = await uspsInstance(fake).testShipping(shop, { destination: { country: "US", postalCode: "94107", province: "CA" }, items: [{ quantity: 2, grams: 400, price: 1999 }] });
    const usps = shipping.trace.sources.find((s) => s.sourceId.startsWith("usps:"))!;
    expect(usps.messages).toContainEqual(expect.objectContaining({ code: "usps_quota", message: "USPS quota: 58 of 60 calls left this hour" }));
  });

  it("replaces a shared token USPS stopped accepting, once, for every instance", async () => {
    const [a, b] = [uspsInstance(fake), uspsInstance(fake)];
    await callRates(a, shop, { postal: "94107" });
    const tokenCalls = fake.state.tokenCalls;
    fake.state.expireTokens();
    expect(priceOf((await callRates(a, shop, { postal: "60601" })).rates, "usps-ground")).not.toBe("799");
    expect(priceOf((await callRates(b, shop, { postal: "30301" })).rates, "usps-ground")).not.toBe("799");
    expect(fake.state.tokenCalls - tokenCalls).toBe(1);
  });

  it("answers a repeat from the cache without a call and says it is not live", async () => {
    const rating = uspsInstance(fake);
    const first = await callRates(rating, shop, { postal: "94107" });
    const calls = priceCalls();
    const shipping = await rating.testShipping(shop, { destination: { country: "US", postalCode: "94107", province: "CA" }, items: [{ quantity: 2, grams: 400, price: 1999 }] });
    expect(priceCalls()).toBe(calls);
    const usps = shipping.trace.sources.find((s) => s.sourceId.startsWith("usps:"))!;
    expect(usps.messages).toContainEqual(expect.objectContaining({ code: "usps_cached", message: expect.stringMatching(/^not live: cached (just now|\d+ min ago)/) }));
    expect(shipping.rates.find((r) => r.service_code === "usps-ground")?.total_price).toBe(priceOf(first.rates, "usps-ground"));
  });

  it("stays at 200 with fallback prices when the quota is spent, without drawing a 429", async () => {
    await getDb().carrierConnection.updateMany({ where: { carrierId: "usps", shop: { domain: shop } }, data: { settings: { mode: "test", hourlyQuota: 4 } } });
    await getDb().shop.updateMany({ where: { domain: shop }, data: { configVersion: { increment: 1 } } });
    const rating = uspsInstance(fake);
    const zips = ["94107", "60601", "30301", "98101", "02108", "73301", "85001", "80202"];
    const answers = [];
    for (const postal of zips) answers.push(await callRates(rating, shop, { postal }));
    expect(answers.every((a) => a.status === 200 && priceOf(a.rates, "usps-ground") !== undefined)).toBe(true);
    expect(answers.some((a) => priceOf(a.rates, "usps-ground") === "799")).toBe(true);
    expect(fake.state.rejected429).toBe(0);
    expect((await quota(4)).usedLastHour).toBeLessThanOrEqual(4);
  });

  it("stops calling after a 429 until Retry-After and answers 503s and timeouts with fallbacks", async () => {
    const rating = uspsInstance(fake);
    fake.faults.next({ kind: "status", status: 429, headers: { "retry-after": "600" }, body: { error: { code: "429", message: "Too Many Requests" } } }, { path: DOMESTIC });
    const limited = await callRates(rating, shop, { postal: "94107" });
    expect(limited.status).toBe(200);
    expect(priceOf(limited.rates, "usps-ground")).toBe("799");
    const calls = priceCalls();
    for (const postal of ["60601", "30301", "98101"]) expect((await callRates(rating, shop, { postal })).status).toBe(200);
    expect(priceCalls()).toBe(calls);
    expect((await quota()).blockedUntil).toBeGreaterThan(Date.now());

    await getDb().carrierState.deleteMany({ where: { key: { startsWith: "usps:quota:" } } });
    const fresh = uspsInstance(fake);
    fake.faults.next({ kind: "status", status: 503, body: { error: { code: "503", message: "Service Unavailable" } } }, { path: DOMESTIC });
    const unavailable = await callRates(fresh, shop, { postal: "02108" });
    expect([unavailable.status, priceOf(unavailable.rates, "usps-priority")]).toEqual([200, "1099"]);
    fake.faults.next({ kind: "hang" }, { path: DOMESTIC });
    const hung = await callRates(fresh, shop, { postal: "73301" });
    expect([hung.status, priceOf(hung.rates, "usps-priority")]).toEqual([200, "1099"]);
  });

  it("prices Priority Mail International to Canada with the foreign postal code", async () => {
    const { rates, status } = await callRates(uspsInstance(fake), shop, { country: "CA", province: "ON", postal: "K1A 0B1" });
    expect(status).toBe(200);
    const pmi = priceOf(rates, "usps-pmi");
    expect(pmi).toBeDefined();
    expect(pmi).not.toBe("4500");
    const body = fake.requests.filter((r) => r.path === "/international-prices/v3/total-rates/search").at(-1)?.json as { destinationCountryCode?: string; foreignPostalCode?: string };
    expect(body).toMatchObject({ destinationCountryCode: "CA", foreignPostalCode: "K1A 0B1" });
    expect(fake.state.invalidBodies).toEqual([]);
  });

  it("builds sources without a connection as fallbacks marked not connected", async () => {
    await getDb().carrierConnection.deleteMany({ where: { carrierId: "usps", shop: { domain: shop } } });
    await getDb().shop.updateMany({ where: { domain: shop }, data: { configVersion: { increment: 1 } } });
    const rating = createRatingService(ratingDeps());
    const { rates } = await callRates(rating, shop, { postal: "94107" });
    expect(priceOf(rates, "usps-ground")).toBe("799");
  });
});
