// What the home page shows: the setup guide (what is done, what broke), whether checkout really answers, and the
// dashboard (rate requests over 24 h and 7 days, tracking deliveries), and carrier alerts on labels. Every query here is bounded: counts,
// grouped aggregates and one Admin API page of products.
import { getDb } from "~/db.server";
import { checkoutReady, setupGuideState } from "~/domain/setup-guide";
import { findZoneOverlaps } from "~/domain/zones";
import { matchableZones } from "~/domain/shipping-config";
import type { AdminClient } from "~/shopify/admin-operations.server";
import { carrierRegistry } from "~/carriers/registry.server";
import { quoteWindowStats } from "./dashboard/quote-stats.server";
import { setupFacts } from "./setup-guide.server";
import { getShippingSetup } from "./shipping-config.server";
import { labelAlerts } from "./labels/alerts.server";

const DELIVERY_PROBLEMS = ["retrying", "needs_attention", "dead"] as const;

export async function shopOverview(domain: string, admin: AdminClient, now = new Date()) {
  const db = getDb();
  const shop = await db.shop.upsert({ where: { domain }, create: { domain }, update: {} });
  const [gathered, setup] = await Promise.all([setupFacts(domain, admin), getShippingSetup(domain)]);
  if (!gathered || !setup) throw new Error(`shop ${domain} vanished while loading the home page`);
  const { facts, productsError } = gathered;
  const zones = matchableZones(setup.config);

  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const [day, week, problems, delivered, alerts] = await Promise.all([
    quoteWindowStats(shop.id, { windowHours: 24, bucketHours: 1, now }),
    quoteWindowStats(shop.id, { windowHours: 24 * 7, bucketHours: 24, now }),
    db.outboxMessage.groupBy({ by: ["status"], where: { shopId: shop.id, status: { in: [...DELIVERY_PROBLEMS] } }, _count: { _all: true } }),
    db.outboxMessage.count({ where: { shopId: shop.id, status: "delivered", deliveredAt: { gte: weekAgo } } }),
    labelAlerts(db, shop.id, now),
  ]);
  const problemCount = (status: string) => problems.find((p) => p.status === status)?._count._all ?? 0;

  return {
    domain,
    carrierService: {
      status: shop.carrierServiceStatus,
      errors: shop.carrierServiceErrors as { userErrors?: { message: string }[]; advice?: string; message?: string } | null,
      checkedAt: shop.carrierServiceAt?.toISOString() ?? null,
    },
    checkoutReady: checkoutReady(facts),
    zones: zones.length,
    services: zones.reduce((n, z) => n + (z.enabledServices ?? 0), 0),
    guide: { ...setupGuideState(facts), facts, productsError },
    /** The carriers a merchant can connect in step 1, from the registry. */
    connectable: carrierRegistry
      .all()
      .filter((c) => c.requiresConnection)
      .map((c) => ({ id: c.id, displayName: c.displayName, href: `/app/carriers/${c.id}` })),
    // Deliberate carve-outs (a narrower zone winning inside a broader one) are normal; home warns only about zones
    // that lose a whole region, the zones page lists every overlap.
    overlaps: findZoneOverlaps(zones).filter((o) => o.unreachable),
    rates: { day, week },
    /** Rate sources by name, from the registry, so the dashboard names a carrier without knowing it. */
    sourceNames: Object.fromEntries(carrierRegistry.all().map((c) => [c.id, c.displayName])),
    deliveries: { delivered7d: delivered, retrying: problemCount("retrying"), needsAttention: problemCount("needs_attention"), dead: problemCount("dead") },
    /** Counterfeit-postage and postage-due alerts the carrier raised on labels (the tracking poller). */
    labelAlerts: alerts,
  };
}
