// The Admin API client for background tracking work (planning, inbound events). Tests and the bench may swap the
// factory; production uses the library's offline session through `unauthenticated.admin`.
import type { AdminClient } from "~/shopify/admin.server";

type Factory = (shop: string) => Promise<AdminClient>;

let override: Factory | undefined;

export function setAdminClientFactory(factory: Factory | undefined) {
  override = factory;
}

/** Clients are reused for a short while: building one loads the offline session from the database. */
const TTL_MS = 30_000;
const clients = new Map<string, { at: number; client: Promise<AdminClient> }>();

export async function adminFor(shop: string): Promise<AdminClient> {
  if (override) return override(shop);
  const hit = clients.get(shop);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.client;
  const client = (async () => {
    const { unauthenticated } = await import("~/shopify.server");
    const { admin } = await unauthenticated.admin(shop);
    return admin as unknown as AdminClient;
  })();
  clients.set(shop, { at: Date.now(), client });
  client.catch(() => clients.delete(shop));
  return client;
}

/** After uninstall / reinstall, or in tests that swap sessions. */
export function forgetAdminClients() {
  clients.clear();
}
