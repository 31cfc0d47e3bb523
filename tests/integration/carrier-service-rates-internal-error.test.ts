// What checkout gets when Waypost's own rating code throws: the matched zone's fallback prices, never an error.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig, rateRequestBody } from "../helpers/fixtures";
import { hmacOf } from "../helpers/shopify";

vi.mock("~/services/rating/rate-shop", () => ({
  rateShop: () => {
    throw new Error("a bug in the rating pipeline");
  },
}));

const { ratingService } = await import("~/services/rating/service.server");
const { saveShippingSetup } = await import("~/services/shipping-config.server");
const { getDb } = await import("~/db.server");

const SHOP = "rates-bug.myshopify.com";
const db = useTestDatabase();

beforeAll(async () => {
  await db.ready();
  await getDb().shop.create({ data: { domain: SHOP } });
  expect((await saveShippingSetup(SHOP, demoShippingConfig())).ok).toBe(true);
});

async function rates(body: unknown) {
  const raw = JSON.stringify(body);
  const res = await ratingService().handleRateCallback({ rawBody: Buffer.from(raw), hmac: hmacOf(raw), shopDomain: SHOP, timeoutHeader: null, receivedAt: performance.now() });
  expect(res.status).toBe(200);
  return (JSON.parse(res.body).rates as { service_code: string; total_price: string }[]).map((r) => [r.service_code, r.total_price]);
}

describe("the callback when rating itself fails", () => {
  it("answers the fallback prices of the zone the address really matches", async () => {
    expect(await rates(rateRequestBody())).toEqual([["us-standard", "995"], ["us-express", "2495"]]);
    // São Paulo capital is a postal zone inside Brazil: a country-only guess would pick the wrong one.
    expect(await rates(rateRequestBody({ country: "BR", province: "RJ", postal: "20040-002" }))).toEqual([["br-standard", "2990"]]);
    expect(await rates(rateRequestBody({ country: "BR", province: "SP", postal: "01310-100" }))).toEqual([["br-sp-express", "1990"]]);
  });

  it("answers an empty list, still 200, when no zone matches", async () => {
    expect(await rates(rateRequestBody({ country: "JP", postal: "100-0001", province: "13" }))).toEqual([]);
  });
});
