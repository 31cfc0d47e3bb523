// What the tracking admin services need from the outside world, passed in rather than reached for, so tests
// hand in fakes (a DNS stub, another database) through the route's load context.
import { getDb, type Db } from "~/db.server";
import { env } from "~/env.server";

export interface TrackingAdminContext {
  db: Db;
  production: boolean;
  /** Loopback destinations are allowed (tests, the demo's local sink). */
  allowLoopback: boolean;
  /** DNS resolver for destination checks; the system resolver when absent. */
  lookup?: (host: string) => Promise<string[]>;
}

export function trackingAdminContext(overrides: Partial<TrackingAdminContext> = {}): TrackingAdminContext {
  const e = env();
  return {
    db: overrides.db ?? getDb(),
    production: overrides.production ?? e.NODE_ENV === "production",
    allowLoopback: overrides.allowLoopback ?? e.ALLOW_LOOPBACK_DESTINATIONS === "true",
    ...(overrides.lookup ? { lookup: overrides.lookup } : {}),
  };
}

/** Only the resolver may come from a route's load context (tests); nothing else there is trusted. */
export function trackingAdminContextFrom(loadContext: unknown): TrackingAdminContext {
  const lookup = (loadContext as { lookup?: unknown } | null)?.lookup;
  return trackingAdminContext(typeof lookup === "function" ? { lookup: lookup as TrackingAdminContext["lookup"] } : {});
}

export async function shopByDomain(ctx: TrackingAdminContext, domain: string) {
  const shop = await ctx.db.shop.findUnique({ where: { domain } });
  if (!shop) throw new Response("Shop not installed", { status: 404 });
  return shop;
}
