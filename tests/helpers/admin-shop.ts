// A test file's installed shop against the fake Admin API: the fake started once and Shopify pointed at it, then
// before each test a reset database with the shop and its offline session. The file's own beforeEach (registered
// after this call) fills the fake's catalogue.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type ShopifyAdminFake, pointShopifyAt, startShopifyAdminFake } from "../fakes/shopify-admin";
import type { useTestDatabase } from "./db";
import { offlineSession } from "./shopify";
import { getDb } from "~/db.server";
import { sessionStorage } from "~/shopify.server";

export interface AdminShop {
  /** The fake Admin API (started in beforeAll). */
  readonly fake: ShopifyAdminFake;
  /** The shop row created for the current test. */
  readonly shopId: string;
  /** Mid-test: an empty database again, with the shop and its session (what beforeEach does). */
  reinstall(): Promise<void>;
}

export function useAdminShop(db: ReturnType<typeof useTestDatabase>, shop: string): AdminShop {
  let fake: ShopifyAdminFake | undefined;
  let shopId: string | undefined;
  beforeAll(async () => {
    await db.ready();
    fake = await startShopifyAdminFake();
    pointShopifyAt(fake.url);
  });
  afterAll(() => fake?.close());
  const reinstall = async () => {
    await db.reset();
    shopId = (await getDb().shop.create({ data: { domain: shop } })).id;
    await sessionStorage.storeSession(offlineSession(shop));
  };
  beforeEach(reinstall);
  return {
    reinstall,
    get fake() {
      if (!fake) throw new Error("the fake Admin API starts in beforeAll");
      return fake;
    },
    get shopId() {
      if (!shopId) throw new Error("the shop is created in beforeEach");
      return shopId;
    },
  };
}
