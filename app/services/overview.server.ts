// What the home page shows: is checkout wired up, is the setup complete, does anything need the merchant.
import { getDb } from "~/db.server";
import { ShippingConfigSchema } from "~/domain/shipping-config";

export async function shopOverview(domain: string) {
  const db = getDb();
  const shop = await db.shop.upsert({ where: { domain }, create: { domain }, update: {} });
  const since = new Date(Date.now() - 24 * 3600_000);
  const setup = ShippingConfigSchema.safeParse(shop.shippingConfig);
  const zones = setup.success ? setup.data.zones.length : 0;
  const services = setup.success ? setup.data.zones.flatMap((z) => z.services).filter((s) => s.enabled).length : 0;
  const [needsAttention, failed, quotes] = await Promise.all([
    db.outboxMessage.count({ where: { shopId: shop.id, status: "needs_attention" } }),
    db.outboxMessage.count({ where: { shopId: shop.id, status: "dead" } }),
    db.quoteLog.findMany({ where: { shopId: shop.id, createdAt: { gte: since } }, select: { latencyMs: true, fallbacks: true } }),
  ]);
  const latencies = quotes.map((q: { latencyMs: number }) => q.latencyMs).sort((a, b) => a - b);
  return {
    domain,
    carrierService: {
      status: shop.carrierServiceStatus,
      errors: shop.carrierServiceErrors as { userErrors?: { message: string }[]; advice?: string; message?: string } | null,
      checkedAt: shop.carrierServiceAt?.toISOString() ?? null,
    },
    zones,
    services,
    needsAttention,
    failed,
    quotes24h: {
      count: quotes.length,
      p95Ms: latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))] : null,
      withFallback: quotes.filter((q: { fallbacks: number }) => q.fallbacks > 0).length,
    },
  };
}
