// UPS services at checkout through the rating service: one Shop call prices every UPS service of the zone, with
// negotiated charges, delivery dates from UPS's time in transit on top of processing days, the UPS call in the
// trace, cached quotes keyed by account; and every UPS fault answers the fallback price, never an error.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig, rateRequestBody } from "../helpers/fixtures";
import { hmacOf } from "../helpers/shopify";
import { UPS_APP, connectUpsToFake, withUpsServices } from "../helpers/ups";
import { startUpsFake, type UpsFake } from "../fakes/ups";
import { saveShippingSetup } from "~/services/shipping-config.server";
import { createRatingService, ratingDeps } from "~/services/rating/service.server";

const db = useTestDatabase();
const SHOP = "ups-rating.myshopify.com";
let fake: UpsFake;
let shopId: string;

const cart = { destination: { country: "US", province: "CA", postalCode: "94107" }, items: [{ quantity: 1, grams: 454, price: 2500 }] };
const rating = (config: Partial<Parameters<typeof ratingDeps>[0]> = {}) =>
  createRatingService(ratingDeps({ carrierDeps: { fetch, now: Date.now, baseUrls: { ups: fake.url }, appCredentials: { ups: UPS_APP } }, ...config }));
const ratingCalls = () => fake.requests.filter((r) => r.path.startsWith("/api/rating/"));

beforeEach(async () => {
  await db.reset();
  fake = await startUpsFake();
  shopId = (await db.prisma.shop.create({ data: { domain: SHOP } })).id;
  const saved = await saveShippingSetup(SHOP, withUpsServices(demoShippingConfig()));
  if (!saved.ok) throw new Error(JSON.stringify(saved));
});
afterEach(async () => {
  expect(fake.state.violations).toEqual([]);
  await fake.close();
});

describe("UPS rates at checkout", () => {
  it("prices every UPS service of the zone from one Shop call, negotiated, beside the table services, with UPS delivery dates", async () => {
    await connectUpsToFake(db.prisma, shopId, fake);
    const result = await rating().testShipping(SHOP, cart);
    const codes = result.rates.map((r) => r.service_code);
    expect(codes).toEqual(expect.arrayContaining(["us-standard", "us-express", "ups-ground", "ups-2day", "ups-next-day"]));
    expect(ratingCalls()).toHaveLength(1);
    const ups = result.trace.sources.find((s) => s.sourceId.startsWith("ups:"))!;
    expect(ups).toMatchObject({ outcome: "ok", cached: false });
    const ground = result.trace.services.find((s) => s.code === "ups-ground")!;
    expect(ground.fallbackUsed).toBe(false);
    expect(ground.quoteDetails).toMatchObject({ pricing: "negotiated", billingWeight: expect.stringMatching(/^\d+(\.\d+)? LBS$/) });
    // Negotiated: below the published charge the fake also returned.
    expect(ground.sourcePrice!.amount).toBeLessThan(ground.quoteDetails!.publishedPrice as number);
    const rate = result.rates.find((r) => r.service_code === "ups-ground")!;
    expect(rate.min_delivery_date).toBeTruthy();
    expect(rate.max_delivery_date).toBe(rate.min_delivery_date);
  });

  it("asks UPS once for two checkouts whose price inputs match (another street, same postal code and parcels)", async () => {
    await connectUpsToFake(db.prisma, shopId, fake);
    const service = rating();
    const checkout = async (address1: string) => {
      const body = rateRequestBody();
      body.rate.destination.address1 = address1;
      const raw = JSON.stringify(body);
      const res = await service.handleRateCallback({ rawBody: Buffer.from(raw), hmac: hmacOf(raw), shopDomain: SHOP, timeoutHeader: null, receivedAt: performance.now() });
      return JSON.parse(res.body) as { rates: { service_code: string; total_price: string }[] };
    };
    const first = await checkout("1 Market St");
    const second = await checkout("2 Market St");
    expect(ratingCalls()).toHaveLength(1);
    expect(second.rates.find((r) => r.service_code === "ups-ground")).toEqual(first.rates.find((r) => r.service_code === "ups-ground"));
  });

  it("shows published rates and the 120900 diagnosis for an account without negotiated rates", async () => {
    await connectUpsToFake(db.prisma, shopId, fake, "N0NEG1");
    const result = await rating().testShipping(SHOP, cart);
    expect(result.trace.services.find((s) => s.code === "ups-ground")!.quoteDetails).toMatchObject({ pricing: "published" });
    const messages = result.trace.sources.find((s) => s.sourceId.startsWith("ups:"))!.messages;
    expect(messages.map((m) => m.code)).toContain("fix_settings/negotiated_rates_not_authorised");
  });

  it.each([
    ["a 500", { kind: "status", status: 500 }],
    ["a 429 (10429)", { kind: "status", status: 429, headers: { "retry-after": "5" }, body: { response: { errors: [{ code: "10429", message: "Too Many Requests" }] } } }],
    ["malformed JSON", { kind: "bad_json" }],
    ["a dropped connection", { kind: "reset" }],
    ["a hang", { kind: "hang" }],
  ] as const)("answers every UPS service's fallback price when UPS answers with %s", async (_name, fault) => {
    await connectUpsToFake(db.prisma, shopId, fake);
    fake.faults.always(fault as never, { path: /^\/api\/rating\// });
    const result = await rating({ config: { ...ratingDeps().config, RATES_DEADLINE_MS: 1_000, RATES_SAFETY_MARGIN_MS: 200 } }).testShipping(SHOP, cart);
    for (const code of ["ups-ground", "ups-2day", "ups-next-day"]) {
      expect(result.trace.services.find((s) => s.code === code)).toMatchObject({ fallbackUsed: true });
    }
    expect(result.rates.find((r) => r.service_code === "ups-ground")!.total_price).toBe("1295");
    expect(result.rates.map((r) => r.service_code)).toContain("us-standard");
  });

  it("answers fallbacks with a not-connected message before the merchant connects UPS", async () => {
    const result = await rating().testShipping(SHOP, cart);
    expect(result.trace.services.find((s) => s.code === "ups-ground")).toMatchObject({ fallbackUsed: true });
    expect(result.trace.sources.find((s) => s.sourceId === "ups")).toMatchObject({ outcome: "unavailable" });
    expect(ratingCalls()).toHaveLength(0);
  });
});
