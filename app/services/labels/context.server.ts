// What the label services need from outside (database, Admin API, carriers, clock), passed in as one object so
// tests, the worker process and the bench hand in fakes. Routes build it with labelContext().
import type { CarrierRegistry } from "~/carriers/registry.server";
import { carrierRegistry } from "~/carriers/registry.server";
import type { CarrierService } from "~/carriers/connector";
import type { LabelProvider } from "~/carriers/labels";
import { getDb, type Db } from "~/db.server";
import { env } from "~/env.server";
import type { AdminClient } from "~/shopify/admin-operations.server";
import { adminFor } from "~/shopify/offline-admin.server";
import { activeCarrierConnections } from "../carrier-connections.server";
import { carrierDepsFromEnv } from "../carrier-env.server";
import { sharedCarrierState } from "../carrier-state.server";
import type { SharedCarrierDeps } from "../rating/compile";

export interface LabelContext {
  db: Db;
  adminFor(shop: string): Promise<AdminClient>;
  carriers: CarrierRegistry;
  carrierDeps: SharedCarrierDeps;
  now(): Date;
}

export function labelContext(over: Partial<LabelContext> = {}): LabelContext {
  const db = over.db ?? getDb();
  return {
    db,
    adminFor: over.adminFor ?? adminFor,
    carriers: over.carriers ?? carrierRegistry,
    carrierDeps: over.carrierDeps ?? carrierDepsFromEnv(env(), { sharedState: sharedCarrierState(db) }),
    now: over.now ?? (() => new Date()),
  };
}

export interface OpenProvider {
  provider: LabelProvider;
  connectionId: string;
  carrierId: string;
  carrierName: string;
  services: readonly CarrierService[];
  defaults: { service: string; internationalService?: string; trackingCompany: string };
}

/**
 * The shop's connected account for a carrier that sells labels, as a LabelProvider; null when there is none.
 * Without `carrierId` (a new batch), the first registered label carrier the shop has connected.
 */
export async function labelProviderFor(ctx: LabelContext, shop: { id: string; domain: string }, carrierId?: string): Promise<OpenProvider | null> {
  const connections = await activeCarrierConnections(ctx.db, shop, ctx.carriers);
  const candidates = carrierId ? [ctx.carriers.get(carrierId)] : ctx.carriers.all();
  for (const connector of candidates) {
    if (!connector?.capabilities.labels || !connector.createLabelProvider || !connector.labelDefaults) continue;
    const connection = connections.get(connector.id);
    if (!connection) continue;
    const d = ctx.carrierDeps;
    const provider = connector.createLabelProvider(connection, { fetch: d.fetch, now: d.now, baseUrl: d.baseUrls?.[connector.id], sharedState: d.sharedState });
    return { provider, connectionId: connection.id, carrierId: connector.id, carrierName: connector.displayName, services: connector.services, defaults: connector.labelDefaults };
  }
  return null;
}

/** The company name Shopify shows beside a label's tracking number. */
export function trackingCompanyOf(ctx: LabelContext, carrierId: string): string {
  const connector = ctx.carriers.get(carrierId);
  return connector?.labelDefaults?.trackingCompany ?? connector?.displayName ?? carrierId;
}
