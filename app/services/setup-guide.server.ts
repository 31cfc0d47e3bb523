// The setup guide's stored choices (Shop.setupGuide) and the facts the guide is computed from. The choices are
// few and per shop: dismissed, "use my own rate tables", and when Test your shipping last returned rates.
import { z } from "zod";
import { getDb, type Db } from "~/db.server";
import { type SetupFacts } from "~/domain/setup-guide";
import { matchableZones } from "~/domain/shipping-config";
import type { AdminClient } from "~/shopify/admin-operations.server";
import { connectionsNeedingReconnect } from "./carriers-page.server";
import { productCountsFor } from "./product-counts.server";
import type { VariantsError } from "./product-data.server";
import { getShippingSetup } from "./shipping-config.server";

const StoredGuide = z.object({
  dismissedAt: z.string().nullish(),
  ownRateTablesAt: z.string().nullish(),
  testPassedAt: z.string().nullish(),
});
type StoredGuide = z.infer<typeof StoredGuide>;

/** What the home page's guide buttons may change. */
export const GuideIntent = z.enum(["dismiss", "show", "own_rate_tables"]);
export type GuideIntent = z.infer<typeof GuideIntent>;

function readGuide(value: unknown): StoredGuide {
  const parsed = StoredGuide.safeParse(value ?? {});
  return parsed.success ? parsed.data : {}; // an unreadable value starts the guide afresh rather than failing the page
}

/** Applies one change to the shop's stored guide; false when the shop is unknown. */
async function updateGuide(domain: string, change: (g: StoredGuide) => StoredGuide, db: Db = getDb()): Promise<boolean> {
  const shop = await db.shop.findUnique({ where: { domain }, select: { id: true, setupGuide: true } });
  if (!shop) return false;
  const next = change(readGuide(shop.setupGuide));
  await db.shop.update({ where: { id: shop.id, domain }, data: { setupGuide: next } });
  return true;
}

export function applyGuideIntent(domain: string, intent: GuideIntent, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  switch (intent) {
    case "dismiss":
      return updateGuide(domain, (g) => ({ ...g, dismissedAt: at }));
    case "show":
      return updateGuide(domain, (g) => ({ ...g, dismissedAt: null }));
    case "own_rate_tables":
      return updateGuide(domain, (g) => ({ ...g, ownRateTablesAt: g.ownRateTablesAt ?? at }));
  }
}

/** Called when Test your shipping returned at least one rate. */
export function recordTestPassed(domain: string, now = new Date()): Promise<boolean> {
  return updateGuide(domain, (g) => ({ ...g, testPassedAt: now.toISOString() }));
}

/**
 * Everything the guide needs. Product counts cover the whole catalogue, counted in the background
 * (product-counts.server.ts); an Admin API failure before a shop was ever counted leaves `products` null with the
 * message.
 */
export async function setupFacts(domain: string, admin: AdminClient, db: Db = getDb()): Promise<{ facts: SetupFacts; productsError: VariantsError | null } | null> {
  const setup = await getShippingSetup(domain);
  if (!setup) return null;
  const [shop, connected, reconnect, products] = await Promise.all([
    db.shop.findUniqueOrThrow({ where: { id: setup.shopId }, select: { setupGuide: true, carrierServiceStatus: true } }),
    db.carrierConnection.count({ where: { shopId: setup.shopId, status: "connected" } }),
    connectionsNeedingReconnect(domain, db),
    productCountsFor(domain, admin, { db }),
  ]);
  const guide = readGuide(shop.setupGuide);
  return {
    facts: {
      carriers: { connected, needsReconnect: reconnect },
      ownRateTables: Boolean(guide.ownRateTablesAt),
      zones: matchableZones(setup.config).map((z) => ({ id: z.id, name: z.name, enabledServices: z.enabledServices ?? 0 })),
      boxes: setup.config.boxes.length,
      products: products.counts,
      testPassedAt: guide.testPassedAt ?? null,
      carrierService: shop.carrierServiceStatus,
      dismissed: Boolean(guide.dismissedAt),
    },
    productsError: products.error,
  };
}
