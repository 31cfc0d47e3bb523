// The product data page through its loader and action against the fake Admin API: paging through every variant
// with Shopify's cursors (both ways, a bounded page each time), the shop's units from Shopify, and dimensions typed
// in inches stored in millimetres. Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
import { beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { useAdminShop } from "../helpers/admin-shop";
import { adminCaller, adminRequest } from "../helpers/admin-action";
import { getDb } from "~/db.server";
import { PRODUCTS_PAGE_SIZE } from "~/services/product-data.server";
import * as products from "~/routes/app.products";

const SHOP = "product-data.myshopify.com";
const db = useTestDatabase();
const call = adminCaller(SHOP);
const admin = useAdminShop(db, SHOP);

/** 60 products of two variants each: 120 rows, more than two pages. */
function catalogue() {
  return Array.from({ length: 60 }, (_, p) => ({
    id: `gid://shopify/Product/${p + 1}`,
    title: `Product ${p + 1}`,
    variants: ["S", "L"].map((size, v) => ({ id: `gid://shopify/ProductVariant/${(p + 1) * 10 + v}`, title: size, sku: `P${p + 1}-${size}`, grams: 454 * (v + 1), weightUnit: "POUNDS" as const })),
  }));
}

const page = async (query = "") => (await call(products.loader, `/app/products${query}`)).body;

beforeEach(() => {
  admin.fake.state.products = catalogue();
  admin.fake.state.shop = { unitSystem: "IMPERIAL_SYSTEM", weightUnit: "POUNDS" };
  admin.fake.calls.length = 0;
  // Each test starts with a full query-cost bucket: a page of 50 variants costs 253 points of Shopify's 2,000, so on
  // a fast machine the paging test alone would leave the next test throttled.
  admin.fake.throttle.drain(admin.fake.throttle.maximumAvailable);
});

describe("the product data page", () => {
  it("pages through every variant of a large catalogue with Shopify's cursors, one bounded page per request", async () => {
    const seen: string[] = [];
    let data = await page();
    for (let n = 0; n < 10; n++) {
      seen.push(...data.rows.map((r: { variantId: string }) => r.variantId));
      if (!data.pageInfo.hasNextPage) break;
      data = await page(`?after=${encodeURIComponent(data.pageInfo.endCursor)}&page=${n + 2}`);
    }
    const all = catalogue().flatMap((p) => p.variants.map((v) => v.id));
    expect(seen).toEqual(all);
    expect(admin.fake.callsTo("ShopVariants").map((c) => c.variables.first)).toEqual([PRODUCTS_PAGE_SIZE, PRODUCTS_PAGE_SIZE, PRODUCTS_PAGE_SIZE]);

    // Back one page from the last: the rows before it, and the way forward again.
    const back = await page(`?before=${encodeURIComponent(data.pageInfo.startCursor)}`);
    expect(back.rows.map((r: { variantId: string }) => r.variantId)).toEqual(all.slice(PRODUCTS_PAGE_SIZE, 2 * PRODUCTS_PAGE_SIZE));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it("opens in the shop's units from Shopify: pounds and inches on an imperial shop, kilograms and centimetres on a metric one", async () => {
    expect((await page()).units).toEqual({ weightUnit: "lb", lengthUnit: "in" });
    admin.fake.state.shop = { unitSystem: "METRIC_SYSTEM", weightUnit: "KILOGRAMS" };
    expect((await page()).units).toEqual({ weightUnit: "kg", lengthUnit: "cm" });
    // A metric shop that weighs in pounds keeps its pounds.
    admin.fake.state.shop = { unitSystem: "METRIC_SYSTEM", weightUnit: "POUNDS" };
    expect((await page()).units).toEqual({ weightUnit: "lb", lengthUnit: "cm" });
  });

  it("reads each variant's weight in the unit Shopify holds it in", async () => {
    admin.fake.state.products = [{ id: "gid://shopify/Product/1", title: "Mug", variants: [{ id: "gid://shopify/ProductVariant/1", title: "Default Title", sku: null, grams: 340, weightUnit: "OUNCES" }, { id: "gid://shopify/ProductVariant/2", title: "Big", sku: null, grams: 1500, weightUnit: "KILOGRAMS" }] }];
    const rows = (await page()).rows;
    expect(rows.map((r: { shopifyGrams: number; shopifyWeightUnit: string }) => [r.shopifyGrams, r.shopifyWeightUnit])).toEqual([[340, "lb"], [1500, "kg"]]);
  });

  it("stores 24 × 16 × 4 typed on an inches shop as inches, in millimetres, and shows it back as 24 × 16 × 4", async () => {
    const form = { productId: "gid://shopify/Product/1", variantId: "gid://shopify/ProductVariant/10", title: "Product 1 — S", sku: "P1-S", lengthUnit: "in", weightUnit: "lb", length: "24", width: "16", height: "4", weight: "11", hsCode: "", countryOfOrigin: "" };
    const saved = await call(products.action, "/app/products", form, "application/json");
    expect(saved.status).toBe(200);
    const row = await getDb().productShippingData.findFirstOrThrow({ where: { variantId: form.variantId } });
    expect([row.lengthMm, row.widthMm, row.heightMm, row.weightGrams]).toEqual([609.6, 406.4, 101.6, 4990]);
    const listed = (await page()).rows.find((r: { variantId: string }) => r.variantId === form.variantId);
    expect(listed.data).toMatchObject({ weightGrams: 4990, dimensionsMm: { l: 609.6, w: 406.4, h: 101.6 } });
  });

  it("waits for Shopify's query-cost bucket to refill when Shopify answers THROTTLED, then shows the page", async () => {
    const throttledBefore = admin.fake.throttle.throttled;
    // A page of 50 variants asks for 253 points; at 100 points a second the bucket has them again within a second.
    admin.fake.throttle.drain(100);
    const data = await page();
    expect(admin.fake.throttle.throttled).toBeGreaterThan(throttledBefore);
    expect(data.error).toBeNull();
    expect(data.rows).toHaveLength(PRODUCTS_PAGE_SIZE);
  });

  it("gives up with the 'temporary' notice, without waiting, when the bucket would take more than a few seconds to refill", async () => {
    const restoreRate = admin.fake.throttle.restoreRate;
    admin.fake.throttle.restoreRate = 1;
    try {
      admin.fake.throttle.drain(0);
      const data = await page();
      expect(admin.fake.callsTo("ShopVariants")).toHaveLength(1);
      expect(data.error).toBe("temporary");
      expect(data.rows).toEqual([]);
    } finally {
      admin.fake.throttle.restoreRate = restoreRate;
    }
  });

  it("answers a malformed page cursor with a 400, and a Shopify outage with the page and a 'temporary' problem", async () => {
    const tooLong = await products.loader({ request: adminRequest(SHOP, `/app/products?after=${"x".repeat(600)}`), params: {}, context: {} }).catch((r: Response) => r);
    expect((tooLong as Response).status).toBe(400);
    const both = await products.loader({ request: adminRequest(SHOP, "/app/products?after=a&before=b"), params: {}, context: {} }).catch((r: Response) => r);
    expect((both as Response).status).toBe(400);

    admin.fake.failNext(503, 5);
    const data = await page();
    expect(data.error).toBe("temporary");
    expect(data.rows).toEqual([]);
    // Without Shopify's answer the setup's origin country is the only hint left (the default setup ships from the US).
    expect(data.units).toEqual({ weightUnit: "lb", lengthUnit: "in" });
  });
});
