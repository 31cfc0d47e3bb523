import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig, rateRequestBody } from "../helpers/fixtures";
import { hmacOf } from "../helpers/shopify";
import { MemoryQuoteCache } from "~/services/rating/quote-cache";
import { createRatingService, ratingDeps, ratingService, type RatingService } from "~/services/rating/service.server";
import { saveShippingSetup } from "~/services/shipping-config.server";
import { withFault, type Fault } from "../fakes/carrier-source/faults";
import { handleRatesHttp } from "~/server/rates-endpoint.server";
import { getDb } from "~/db.server";
import { flushQuoteLog } from "~/services/rating/quote-log.server";

const SHOP = "rates-test.myshopify.com";
const db = useTestDatabase();

// Each test gets a service with fresh caches; fault tests build theirs with every source wrapped in a fault.
let rating: RatingService;
const faulty = (fault: Fault, quoteCache = new MemoryQuoteCache()) =>
  createRatingService(ratingDeps({ quoteCache, sourceDecorator: (s) => withFault(s, fault) }));
const handleRateCallback = (input: Parameters<RatingService["handleRateCallback"]>[0]) => rating.handleRateCallback(input);

function call(body: unknown, { shop = SHOP, sign = true, timeout }: { shop?: string | null; sign?: boolean; timeout?: string } = {}) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return handleRateCallback({
    rawBody: Buffer.from(raw),
    hmac: sign ? hmacOf(raw) : null,
    shopDomain: shop,
    timeoutHeader: timeout ?? null,
    receivedAt: performance.now(),
  });
}

async function rates(body: unknown, options?: Parameters<typeof call>[1]) {
  const res = await call(body, options);
  expect(res.status).toBe(200);
  return JSON.parse(res.body).rates as { service_code: string; total_price: string; service_name: string; currency: string; description: string; min_delivery_date?: string; max_delivery_date?: string }[];
}

beforeAll(async () => {
  await db.ready();
  await getDb().shop.create({ data: { domain: SHOP } });
  const saved = await saveShippingSetup(SHOP, demoShippingConfig());
  expect(saved.ok).toBe(true);
});

beforeEach(() => {
  rating = createRatingService(ratingDeps());
});

describe("the carrier-service callback", () => {
  it("answers a signed US request with the zone's services in Shopify's format, cheapest first", async () => {
    const result = await rates(rateRequestBody());
    expect(result.map((r) => r.service_code)).toEqual(["us-standard", "us-express"]);
    const standard = result[0];
    // 2 × 400 g shirts in the default medium box (+250 g tare) = 1050 g actual; UPS daily dim weight of
    // 12 × 9 × 6 in = 648 / 139 → 5 lb, so the 1–5 kg band applies: $9.90.
    expect(standard).toMatchObject({ service_name: "Standard", total_price: "990", currency: "USD", description: "3-5 business days" });
    expect(standard.min_delivery_date).toMatch(/^\d{4}-\d{2}-\d{2} 12:00:00 [+-]\d{4}$/);
    expect(typeof standard.total_price).toBe("string");
  });

  it("applies the free-shipping rule when the subtotal reaches the threshold", async () => {
    const body = rateRequestBody({ items: [{ name: "Coat", quantity: 1, grams: 900, price: 12000, requires_shipping: true, variant_id: 1 }] });
    const standard = (await rates(body)).find((r) => r.service_code === "us-standard");
    expect(standard?.total_price).toBe("0");
  });

  it("reads item prices sent as decimal strings, as in Shopify's older payloads", async () => {
    const body = rateRequestBody({ items: [{ name: "Coat", quantity: 1, grams: 900, price: "120.00", requires_shipping: true, id: 5, title: "Coat", gift_card: false }] });
    const standard = (await rates(body)).find((r) => r.service_code === "us-standard");
    expect(standard?.total_price).toBe("0");
  });

  it("prefers the more specific postal zone in Brazil when priorities tie", async () => {
    const sp = await rates(rateRequestBody({ country: "BR", province: "SP", postal: "01310-100" }));
    expect(sp.map((r) => r.service_code)).toEqual(["br-sp-express"]);
    const rio = await rates(rateRequestBody({ country: "BR", province: "RJ", postal: "20040-002" }));
    expect(rio.map((r) => r.service_code)).toEqual(["br-standard"]);
  });

  it("answers an empty list when no zone matches the destination", async () => {
    expect(await rates(rateRequestBody({ country: "JP", postal: "100-0001", province: "13" }))).toEqual([]);
  });

  it("answers an empty list when nothing in the cart needs shipping", async () => {
    expect(await rates(rateRequestBody({ items: [] }))).toEqual([]);
    const digital = rateRequestBody({ items: [{ name: "E-book", quantity: 1, grams: 0, price: 999, requires_shipping: false }] });
    expect(await rates(digital)).toEqual([]);
  });

  it("still rates items with zero weight", async () => {
    const body = rateRequestBody({ items: [{ name: "Sticker", quantity: 3, grams: 0, price: 100, requires_shipping: true }] });
    expect((await rates(body)).length).toBe(2);
  });

  it("rejects a request without a signature, with a wrong one, or with a tampered body", async () => {
    const body = rateRequestBody();
    expect((await call(body, { sign: false })).status).toBe(401);
    const raw = JSON.stringify(body);
    const tampered = await handleRateCallback({ rawBody: Buffer.from(raw.replace("94107", "94108")), hmac: hmacOf(raw), shopDomain: SHOP, timeoutHeader: null, receivedAt: performance.now() });
    expect(tampered.status).toBe(401);
    const wrongSecret = await handleRateCallback({ rawBody: Buffer.from(raw), hmac: hmacOf(raw, "not-the-secret"), shopDomain: SHOP, timeoutHeader: null, receivedAt: performance.now() });
    expect(wrongSecret.status).toBe(401);
    expect((await call(body, { shop: null })).status).toBe(401);
    expect((await call(body, { shop: "evil.example.com" })).status).toBe(401);
  });

  it("answers 400 naming the problem for malformed JSON and for JSON that is not a rate request", async () => {
    const notJson = await call("{rate: nope");
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error).toMatch(/not JSON/);
    const wrongShape = await call({ rate: { origin: {}, destination: { country: "US" }, items: "x", currency: "usd" } });
    expect(wrongShape.status).toBe(400);
    expect(JSON.parse(wrongShape.body).error).toMatch(/rate\.(origin|items|currency)/);
  });

  it("answers 404 for an unknown shop and for an uninstalled one", async () => {
    expect((await call(rateRequestBody(), { shop: "nobody.myshopify.com" })).status).toBe(404);
    await getDb().shop.create({ data: { domain: "gone.myshopify.com", active: false } });
    expect((await call(rateRequestBody(), { shop: "gone.myshopify.com" })).status).toBe(404);
  });

  it("replaces a slow source by the fallback price inside the deadline", async () => {
    rating = faulty({ kind: "delay", ms: 5_000 });
    const started = performance.now();
    const result = await rates(rateRequestBody(), { timeout: "1000" });
    const elapsed = performance.now() - started;
    expect(result.map((r) => [r.service_code, r.total_price])).toEqual([
      ["us-standard", "995"],
      ["us-express", "2999"], // fallback 24.95 + 10% + 2.00 handling → 29.45 → rounded to .99
    ]);
    expect(elapsed).toBeLessThan(5_000); // bounded by X-Shopify-Timeout minus the margin, not by the source
  });

  it("replaces a failing source by the fallback price", async () => {
    rating = faulty({ kind: "throw" });
    const result = await rates(rateRequestBody());
    expect(result.map((r) => r.total_price)).toEqual(["995", "2999"]);
  });

  it("leaves out a service that has no fallback when its source fails", async () => {
    rating = faulty({ kind: "bad_data" });
    const config = demoShippingConfig() as { zones: { services: { fallbackPrice?: number }[] }[] };
    delete config.zones[0].services[1].fallbackPrice;
    await saveShippingSetup(SHOP, config);
    try {
      const result = await rates(rateRequestBody());
      expect(result.map((r) => r.service_code)).toEqual(["us-standard"]);
    } finally {
      await saveShippingSetup(SHOP, demoShippingConfig());
    }
  });

  it("serves a repeated request from the quote cache even when the source has since become slow", async () => {
    const quoteCache = new MemoryQuoteCache();
    // A decorated source stands in for a live carrier (plain rate tables are in memory and not cached).
    rating = faulty({ kind: "delay", ms: 0 }, quoteCache);
    await rates(rateRequestBody());
    rating = faulty({ kind: "delay", ms: 5_000 }, quoteCache);
    const again = await rates(rateRequestBody(), { timeout: "1000" });
    expect(again[0].total_price).toBe("990"); // the cached live quote, not the 9.95 fallback
  });

  it("admits an answer to the answer cache on its second sighting, keyed by the verified HMAC, and counts hits", async () => {
    const raw = JSON.stringify(rateRequestBody({ postal: "94110" }));
    for (let i = 0; i < 4; i++) await rates(raw);
    await flushQuoteLog();
    const rows = await getDb().quoteLog.findMany({ where: { fingerprint: hmacOf(raw) }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.sources as { answerCache?: boolean; hits?: number }[]).filter((s) => s[0]?.answerCache)).toEqual([[{ answerCache: true, hits: 2 }]]);
    expect(rows).toHaveLength(3); // two rated (first sighting, then admitted), one row counting the two hits
  });

  it("packs a very large order by weight instead of unit by unit", async () => {
    const body = rateRequestBody({ items: [{ name: "Bolt", quantity: 50_000, grams: 10, price: 5, requires_shipping: true }] });
    const result = await rates(body);
    expect(result.length).toBeGreaterThan(0);
  });

  it("sees a configuration change at once on the instance that made it", async () => {
    rating = ratingService(); // the process's own service, which a save invalidates
    expect((await rates(rateRequestBody()))[0].total_price).toBe("990");
    const config = demoShippingConfig() as { zones: { services: { rateTable: { bands: { price: number }[] } }[] }[] };
    config.zones[0].services[0].rateTable.bands[1].price = 1234;
    await saveShippingSetup(SHOP, config);
    try {
      expect((await rates(rateRequestBody()))[0].total_price).toBe("1234");
    } finally {
      await saveShippingSetup(SHOP, demoShippingConfig());
    }
  });

  it("never answers a 5xx to a thousand random malformed bodies", async () => {
    const anyJson = fc.oneof(
      fc.json(),
      fc.string(),
      fc.record({ rate: fc.record({ origin: fc.anything(), destination: fc.anything(), items: fc.anything(), currency: fc.string() }) }).map((v) => JSON.stringify(v)),
      fc.record({ rate: fc.record({ origin: fc.constant({ country: "US" }), destination: fc.record({ country: fc.constantFrom("US", "BR", "CA", "XX", "de") , postal_code: fc.option(fc.string()) }), items: fc.array(fc.record({ quantity: fc.integer(), grams: fc.integer(), price: fc.oneof(fc.integer(), fc.string()), requires_shipping: fc.boolean() })), currency: fc.constantFrom("USD", "JPY", "BRL") }) }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(anyJson, async (raw) => {
        const res = await call(raw);
        expect(res.status).toBeLessThan(500);
        expect(() => JSON.parse(res.body)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});

describe("the lean HTTP path for the callback", () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => void handleRatesHttp(req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/carrier-service/rates`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("answers the same rates over HTTP as the core does", async () => {
    const raw = JSON.stringify(rateRequestBody());
    const res = await fetch(url, { method: "POST", body: raw, headers: { "X-Shopify-Hmac-Sha256": hmacOf(raw), "X-Shopify-Shop-Domain": SHOP, "X-Shopify-Timeout": "10000", "Content-Type": "application/json" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect((await res.json()).rates).toHaveLength(2);
  });

  it("refuses a huge body with 413 before reading it all", async () => {
    const raw = JSON.stringify({ rate: { padding: "x".repeat(1_200_000) } });
    const res = await fetch(url, { method: "POST", body: raw, headers: { "X-Shopify-Hmac-Sha256": hmacOf(raw), "X-Shopify-Shop-Domain": SHOP } });
    expect(res.status).toBe(413);
  });
});
