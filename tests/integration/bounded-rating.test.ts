// Issue 8, defect 1: a small signed request must never make rating do unbounded work.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig, rateRequestBody } from "../helpers/fixtures";
import { BROWSER_UA, hmacOf, offlineSession, sessionToken } from "../helpers/shopify";
import { type ShopifyAdminFake, pointShopifyAt, startShopifyAdminFake } from "../fakes/shopify-admin";
import { getDb } from "~/db.server";
import { sessionStorage } from "~/shopify.server";
import { emptyCartLine } from "~/admin/forms/test-cart";
import { MemoryQuoteCache } from "~/services/rating/quote-cache";
import { createRatingService, ratingDeps, type RatingService } from "~/services/rating/service.server";
import { saveShippingSetup } from "~/services/shipping-config.server";
import * as testShippingRoute from "~/routes/app.test-shipping";

const SHOP = "bounded.myshopify.com";
const db = useTestDatabase();
let fake: ShopifyAdminFake;
let rating: RatingService;

function callback(items: unknown[]) {
  const raw = JSON.stringify(rateRequestBody({ items }));
  return rating.handleRateCallback({ rawBody: Buffer.from(raw), hmac: hmacOf(raw), shopDomain: SHOP, timeoutHeader: null, receivedAt: performance.now() });
}

async function testShipping(lines: object[]) {
  const form = { destination: { country: "US", province: "CA", postalCode: "94107", city: "" }, items: lines };
  const request = new Request(`${process.env.SHOPIFY_APP_URL}/app/test-shipping`, {
    method: "POST",
    headers: { Authorization: `Bearer ${sessionToken(SHOP)}`, "User-Agent": BROWSER_UA, "Content-Type": "application/json" },
    body: JSON.stringify(form),
  });
  const response = await testShippingRoute.action({ request, params: {}, context: {} } as never);
  return { status: response.status, body: (await response.json()) as any };
}

const line = (over: object) => ({ name: "Heavy", sku: "H-1", quantity: 1, grams: 400, price: 1999, requires_shipping: true, ...over });

beforeAll(async () => {
  await db.ready();
  fake = await startShopifyAdminFake();
  pointShopifyAt(fake.url);
  await getDb().shop.create({ data: { domain: SHOP } });
  await sessionStorage.storeSession(offlineSession(SHOP));
  expect((await saveShippingSetup(SHOP, demoShippingConfig())).ok).toBe(true);
});
afterAll(async () => fake?.close());
beforeEach(() => {
  rating = createRatingService(ratingDeps({ quoteCache: new MemoryQuoteCache() }));
});

describe("bounded work per rate request", () => {
  it("answers one 2,000,000 g line × 100,000 with no rates instead of exhausting the heap", async () => {
    const before = process.memoryUsage().heapUsed;
    const res = await callback([line({ quantity: 100_000, grams: 2_000_000 })]);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).rates).toEqual([]);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1024 * 1024);
  });

  it("answers 500 lines × 100,000 before the deadline", async () => {
    const started = performance.now();
    const res = await callback(Array.from({ length: 500 }, (_, i) => line({ sku: `S-${i}`, quantity: 100_000 })));
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("refuses more lines than a Shopify cart can hold with a 400 that says so", async () => {
    const res = await callback(Array.from({ length: 501 }, () => line({})));
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/more than 500 line items/);
  });

  it("answers Test your shipping with 100 lines × 99,999,999 with a field error, not a 500", async () => {
    const lines = Array.from({ length: 100 }, () => ({ ...emptyCartLine(), quantity: "99999999", weight: "1", price: "1" }));
    const { status, body } = await testShipping(lines);
    expect(status).toBe(422);
    expect(body.errors[0]).toEqual({ path: "items[0].quantity", message: "number_max", params: { max: 100_000 } });
  });

  it("explains in the trace why a freight-sized test cart gets no rates", async () => {
    const lines = Array.from({ length: 100 }, () => ({ ...emptyCartLine(), quantity: "100000", weight: "1", price: "1" }));
    const { status, body } = await testShipping(lines);
    expect(status).toBe(200);
    expect(body.result.rates).toEqual([]);
    expect(body.result.trace.packingNotes[0]).toMatch(/^Freight-sized shipment: the cart weighs 10,000,000 kg/);
  });
});
