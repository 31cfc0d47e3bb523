// What the tracking services need from the outside world (database, Admin API, deployment mode, DNS), passed in
// as one small object rather than reached for, so tests and the bench hand in fakes. Routes build it with
// trackingContextFrom(loadContext); the worker builds it once.
import { getDb, type Db } from "~/db.server";
import { env } from "~/env.server";
import type { AdminClient } from "~/shopify/admin-operations.server";
import { adminFor } from "~/shopify/offline-admin.server";

export interface TrackingContext {
  db: Db;
  /** The Admin API client for a shop, with its offline token. */
  adminFor(shop: string): Promise<AdminClient>;
  production: boolean;
  /** Loopback destinations are allowed (tests, the demo's local sink). */
  allowLoopback: boolean;
  /** DNS resolver for destination checks; the system resolver when absent. */
  lookup?: (host: string) => Promise<string[]>;
}

export function trackingContext(overrides: Partial<TrackingContext> = {}): TrackingContext {
  const e = env();
  return {
    db: overrides.db ?? getDb(),
    adminFor: overrides.adminFor ?? adminFor,
    production: overrides.production ?? e.NODE_ENV === "production",
    allowLoopback: overrides.allowLoopback ?? e.ALLOW_LOOPBACK_DESTINATIONS === "true",
    ...(overrides.lookup ? { lookup: overrides.lookup } : {}),
  };
}

/** Only the resolver may come from a route's load context (tests); nothing else there is trusted. */
export function trackingContextFrom(loadContext: unknown): TrackingContext {
  const lookup = (loadContext as { lookup?: unknown } | null)?.lookup;
  return trackingContext(typeof lookup === "function" ? { lookup: lookup as TrackingContext["lookup"] } : {});
}

export async function shopByDomain(ctx: TrackingContext, domain: string) {
  const shop = await ctx.db.shop.findUnique({ where: { domain } });
  if (!shop) throw new Response("Shop not installed", { status: 404 });
  return shop;
}
