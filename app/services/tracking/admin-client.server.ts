// The Admin API client for background tracking work (planning, inbound events). Tests and the bench may swap the
// factory; production uses the library's offline session through `unauthenticated.admin`.
import type { AdminClient } from "~/shopify/admin.server";

type Factory = (shop: string) => Promise<AdminClient>;

let override: Factory | undefined;

export function setAdminClientFactory(factory: Factory | undefined) {
  override = factory;
}

export async function adminFor(shop: string): Promise<AdminClient> {
  if (override) return override(shop);
  const { unauthenticated } = await import("~/shopify.server");
  const { admin } = await unauthenticated.admin(shop);
  return admin as unknown as AdminClient;
}
