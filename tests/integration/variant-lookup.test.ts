// The compiled shop does not hold the catalogue: only the variants carts name are looked up (one query for the
// misses), kept in a small per-shop LRU, and remembered as absent when the shop stored nothing for them.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig } from "../helpers/fixtures";
import { getDb } from "~/db.server";
import { VariantCache } from "~/services/rating/compile";
import { createShopConfigCache } from "~/services/rating/shop-config-cache.server";
import { SingleFlight } from "~/services/rating/quote-cache";
import { rateShop } from "~/services/rating/rate-shop";
import { AddressSchema } from "~/domain/address";
import { carrierRegistry } from "~/carriers/registry.server";
import { saveShippingSetup } from "~/services/shipping-config.server";

const SHOP = "variants.myshopify.com";
const db = useTestDatabase();
let shopId: string;

beforeAll(async () => {
  await db.ready();
  shopId = (await getDb().shop.create({ data: { domain: SHOP } })).id;
  expect((await saveShippingSetup(SHOP, demoShippingConfig())).ok).toBe(true);
  await getDb().productShippingData.createMany({
    data: [
      { shopId, productId: "gid://shopify/Product/1", variantId: "gid://shopify/ProductVariant/11", weightGrams: 700, lengthMm: 300, widthMm: 200, heightMm: 100 },
      { shopId, productId: "2", variantId: "12", weightGrams: 50 },
    ],
  });
});

function configCache() {
  const db = getDb();
  const findMany = vi.spyOn(db.productShippingData, "findMany");
  const cache = createShopConfigCache({ db, now: Date.now, wiring: { carriers: carrierRegistry, deps: { fetch: globalThis.fetch, now: Date.now } }, loadConnections: async () => new Map() });
  return { cache, findMany };
}

describe("variant lookup per cart", () => {
  it("loads no variant with the configuration, then only the cart's, once, by GID or bare id", async () => {
    const { cache, findMany } = configCache();
    const shop = (await cache.get(SHOP))!;
    expect(shop.products.size).toBe(0);
    expect(findMany).not.toHaveBeenCalled();

    await cache.loadVariants(shop, [11, "gid://shopify/ProductVariant/12", 99, null]);
    expect(findMany).toHaveBeenCalledTimes(1);
    expect(shop.products.get("11")).toEqual(expect.objectContaining({ grams: 700, dimensionsMm: { l: 300, w: 200, h: 100 } }));
    expect(shop.products.get("12")).toEqual(expect.objectContaining({ grams: 50, dimensionsMm: null }));
    expect(shop.products.get("99")).toBeUndefined();

    await cache.loadVariants(shop, [11, 12, 99]); // all known, the absent one too: no query
    expect(findMany).toHaveBeenCalledTimes(1);
    findMany.mockRestore();
  });

  it("never throws when the lookup fails: rating goes on with the cart's weights", async () => {
    const { cache, findMany } = configCache();
    const shop = (await cache.get(SHOP))!;
    findMany.mockRejectedValueOnce(new Error("database down"));
    await expect(cache.loadVariants(shop, [11])).resolves.toBeUndefined();
    expect(shop.products.get("11")).toBeUndefined();
    findMany.mockRestore();
  });
});

describe("VariantCache", () => {
  it("keeps at most its capacity, evicting the least recently used", () => {
    const c = new VariantCache(2);
    c.fill(["a", "b"], new Map([["a", { grams: 1 }], ["b", { grams: 2 }]]));
    c.get("a"); // b is now the least recently used
    c.fill(["c"], new Map([["c", { grams: 3 }]]));
    expect([...c.keys()].sort()).toEqual(["a", "c"]);
    expect(c.missing(["a", "b", "c", "b"])).toEqual(["b"]);
  });
});

describe("rate-table sources on the hot path", () => {
  it("stay in-memory after compiling, so rating neither races a timer nor touches the quote cache for them", async () => {
    const { cache } = configCache();
    const shop = (await cache.get(SHOP))!;
    const sources = [...shop.byZoneId.values()].flatMap((z) => [...z.sources.values()]);
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((s) => s.inMemory === true)).toBe(true);
    const touched: string[] = [];
    const quoteCache = { get: (k: string) => void touched.push(k), set: (k: string) => void touched.push(k) };
    const result = await rateShop(
      shop,
      { destination: AddressSchema.parse({ country: "US", province: "CA", postalCode: "94107" }), currency: "USD", items: [{ quantity: 1, grams: 500, price: 1000, requiresShipping: true }], now: new Date() },
      { quoteCache, singleFlight: new SingleFlight(), deadlineAt: performance.now() + 1_000, sourceTimeoutMs: 1_000, cacheTtlMs: 60_000 },
    );
    expect(result.rates.length).toBeGreaterThan(0);
    expect(result.trace.sources.every((s) => s.outcome === "ok")).toBe(true);
    expect(touched).toEqual([]);
  });
});
