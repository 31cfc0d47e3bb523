// The setup guide's product counts over a whole catalogue against the fake Admin API: the first page in the
// request, the rest in the background walk, the stored counts served without asking Shopify, and a recount after
// product data changed or when the counts are old. Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { useAdminShop } from "../helpers/admin-shop";
import { getDb } from "~/db.server";
import { adminFor } from "~/shopify/offline-admin.server";
import { STALE_MS, countingNow, productCountsFor, productDataChanged } from "~/services/product-counts.server";

const SHOP = "product-counts.myshopify.com";
const db = useTestDatabase();
const admin = useAdminShop(db, SHOP);
const opts = { pauseMs: 0 };

/** 130 products of two variants: 260 variants, three pages; every tenth has no weight. */
function catalogue() {
  return Array.from({ length: 130 }, (_, p) => ({
    id: `gid://shopify/Product/${p + 1}`,
    title: `Product ${p + 1}`,
    variants: [0, 1].map((v) => ({ id: `gid://shopify/ProductVariant/${p * 2 + v + 1}`, title: `V${v}`, sku: null, grams: (p * 2 + v) % 10 === 0 ? null : 500 })),
  }));
}
const dims = (variant: number, l: number) =>
  getDb().productShippingData.create({ data: { shopId: admin.shopId, productId: `gid://shopify/Product/${Math.ceil(variant / 2)}`, variantId: `gid://shopify/ProductVariant/${variant}`, lengthMm: l, widthMm: 100, heightMm: 100 } });
const counts = async (now?: Date) => (await productCountsFor(SHOP, await adminFor(SHOP), { ...opts, ...(now ? { now: () => now } : {}) })).counts;

beforeEach(() => {
  admin.fake.state.products = catalogue();
  admin.fake.throttle.drain(admin.fake.throttle.maximumAvailable);
  admin.fake.throttle.throttled = 0;
  admin.fake.calls.length = 0;
});
afterEach(async () => {
  await countingNow(SHOP);
});

describe("the setup guide's product counts", () => {
  it("count every variant of a catalogue larger than one page, the rest in the background", async () => {
    await dims(10, 200);
    await dims(250, 300); // over 11 in (279.4 mm), on the last page
    const first = await counts();
    expect(first).toEqual({ missingWeight: 10, missingDimensions: 99, oversize: 0, total: 100, complete: false });
    await countingNow(SHOP);
    expect(await counts()).toEqual({ missingWeight: 26, missingDimensions: 258, oversize: 1, total: 260, complete: true });
    // Four pages of 100 answered (the first page now, three in the walk); a page Shopify throttled is asked again,
    // and whether the bucket runs dry depends on how fast this machine asks.
    const asked = admin.fake.callsTo("ShopVariants");
    expect(asked.every((c) => c.variables.first === 100)).toBe(true);
    expect(asked.length - admin.fake.throttle.throttled).toBe(4);
  });

  it("are stored: a later home page reads them without asking Shopify", async () => {
    await counts();
    await countingNow(SHOP);
    admin.fake.calls.length = 0;
    expect((await counts())?.total).toBe(260);
    expect(countingNow(SHOP)).toBeUndefined();
    expect(admin.fake.callsTo("ShopVariants")).toHaveLength(0);
  });

  it("are recounted after the merchant saves product data here, and when they are old", async () => {
    await counts();
    await countingNow(SHOP);
    await dims(3, 300);
    await productDataChanged(SHOP);
    // Each walk costs 1,500 points of the fake's 2,000: start each with a full bucket, as minutes apart would.
    admin.fake.throttle.drain(admin.fake.throttle.maximumAvailable);
    expect((await counts())?.oversize).toBe(0); // the old counts while the walk runs
    await countingNow(SHOP);
    expect((await counts())?.oversize).toBe(1);

    admin.fake.calls.length = 0;
    admin.fake.throttle.drain(admin.fake.throttle.maximumAvailable);
    await counts(new Date(Date.now() + STALE_MS + 1000));
    await countingNow(SHOP);
    expect(admin.fake.callsTo("ShopVariants")).toHaveLength(3);
  });

  it("count a one-page catalogue in the request, and say so when Shopify does not answer", async () => {
    admin.fake.state.products = catalogue().slice(0, 10);
    expect(await counts()).toMatchObject({ total: 20, complete: true });
    expect(countingNow(SHOP)).toBeUndefined();
    await admin.reinstall();
    admin.fake.failNext(503, 5);
    expect(await productCountsFor(SHOP, await adminFor(SHOP), opts)).toEqual({ counts: null, error: "temporary" });
  });
});
