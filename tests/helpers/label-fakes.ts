// The fakes most label tests run against, as vitest hooks (kept apart from ./labels.ts, which the label worker
// child process imports outside vitest).
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { CarrierStateStore } from "~/carriers/connector";
import type { LabelContext } from "~/services/labels/context.server";
import { startShopifyAdminFake, type ShopifyAdminFake } from "../fakes/shopify-admin";
import { startUspsFake, type UspsFake } from "../fakes/usps";
import { labelTestContext, memoryCarrierState } from "./labels";

export interface LabelFakes {
  usps: UspsFake;
  admin: ShopifyAdminFake;
  carrierState: CarrierStateStore;
  /** A LabelContext on these fakes (and this test's carrier state), at `now`. */
  ctx(now?: () => Date): LabelContext;
}

/** One Shopify Admin fake per file (emptied before each test); a fresh USPS fake and carrier state per test. */
export function useLabelFakes(): LabelFakes {
  const f = {
    carrierState: memoryCarrierState(),
    ctx: (now?: () => Date) => labelTestContext({ adminUrl: f.admin.url, uspsUrl: f.usps.url, sharedState: f.carrierState, ...(now ? { now } : {}) }),
  } as LabelFakes;
  beforeAll(async () => {
    f.admin = await startShopifyAdminFake();
  });
  afterAll(() => f.admin.close());
  beforeEach(async () => {
    f.usps = await startUspsFake();
    f.carrierState = memoryCarrierState();
    f.admin.state.fulfillmentOrders.length = 0;
    f.admin.state.fulfillments.length = 0;
  });
  afterEach(() => f.usps.close());
  return f;
}
