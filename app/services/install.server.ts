// What happens once a shop has authenticated (install, reinstall, or a new token): record the shop, then make sure
// our carrier service is registered. A refusal is stored and shown on the home page; it never breaks the login.
import { getDb } from "~/db.server";
import type { AdminClient } from "~/shopify/admin-operations.server";
import { registerCarrierService } from "./carrier-service-registration.server";

export async function afterInstall({ shop, admin }: { shop: string; admin: AdminClient }) {
  await getDb().shop.upsert({
    where: { domain: shop },
    create: { domain: shop },
    update: { active: true, uninstalledAt: null },
  });
  return registerCarrierService(shop, admin);
}
