// What happens once a shop has authenticated (install, reinstall, or a new token): record the shop, then make sure
// our carrier service is registered. A refusal is stored and shown on the home page; it never breaks the login.
import { getDb } from "~/db.server";
import type { AdminClient } from "~/shopify/admin-operations.server";
import { registerCarrierService } from "./carrier-service-registration.server";
import { recordShopEmails } from "./partners/shop-emails.server";

export async function afterInstall({ shop, admin }: { shop: string; admin: AdminClient }) {
  await getDb().shop.upsert({
    where: { domain: shop },
    create: { domain: shop },
    update: { active: true, uninstalledAt: null },
  });
  const registered = await registerCarrierService(shop, admin);
  // A provider may invite this shop by one of these addresses; shop/redact finds its invitations through them.
  await recordShopEmails(getDb(), shop, admin);
  return registered;
}
