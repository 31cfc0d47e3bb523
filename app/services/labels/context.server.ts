// What the label services need from outside (database, Admin API, carriers, clock), passed in as one object so
// tests, the worker process and the bench hand in fakes. Routes build it with labelContext().
import type { CarrierRegistry } from "~/carriers/registry.server";
import { carrierRegistry } from "~/carriers/registry.server";
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
}

/** The shop's connected account for a carrier that sells labels, as a LabelProvider; null when there is none. */
export async function labelProviderFor(ctx: LabelContext, shop: { id: string; domain: string }, carrierId: string): Promise<OpenProvider | null> {
  const connector = ctx.carriers.get(carrierId);
  if (!connector?.capabilities.labels || !connector.createLabelProvider) return null;
  const connection = (await activeCarrierConnections(ctx.db, shop, ctx.carriers)).get(carrierId);
  if (!connection) return null;
  const d = ctx.carrierDeps;
  const provider = connector.createLabelProvider(connection, { fetch: d.fetch, now: d.now, baseUrl: d.baseUrls?.[carrierId], sharedState: d.sharedState });
  return { provider, connectionId: connection.id };
}
