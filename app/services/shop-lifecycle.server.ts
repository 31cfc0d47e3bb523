// app/uninstalled and shop/redact: what we keep and what we delete when a merchant leaves.
import { eraseEmailInvitations } from "./partners/shop-emails.server";
import type { Tx } from "./webhook-receipts.server";

const ERASED = "erased";

/** Uninstall: the shop stops being served (rates answer 404, the worker skips it) and its tokens are deleted. */
export async function deactivateShop(tx: Tx, shop: string) {
  await tx.shop.updateMany({ where: { domain: shop }, data: { active: false, uninstalledAt: new Date() } });
  await tx.session.deleteMany({ where: { shop } });
}

/** shop/redact (48 h after uninstall): every row the shop owns goes, including the receipts of its webhooks. */
export async function eraseShop(tx: Tx, shop: string) {
  await tx.session.deleteMany({ where: { shop } });
  // Carrier credentials go explicitly, not only by cascade: they are the most sensitive rows a shop owns.
  const connections = await tx.carrierConnection.findMany({ where: { shop: { domain: shop } }, select: { id: true } });
  // Shared carrier state of a connection (a cached OAuth token) is keyed with its id (app/carriers/connector.ts).
  for (const { id } of connections) await tx.carrierState.deleteMany({ where: { key: { contains: `:${id}:` } } });
  await tx.carrierConnection.deleteMany({ where: { shop: { domain: shop } } });
  // Labels hold buyers' addresses and label PDFs: deleted explicitly too, with their ledger and batches.
  await tx.labelLedgerEntry.deleteMany({ where: { shop: { domain: shop } } });
  await tx.label.deleteMany({ where: { shop: { domain: shop } } });
  await tx.labelBatch.deleteMany({ where: { shop: { domain: shop } } });
  // Partner invitations have no foreign key: the shop's own (sent, or received and accepted), those providers sent
  // to its domain and those sent to an email address Waypost knows as the shop's go explicitly, so no provider's
  // portal lists the shop afterwards. Its partner links, orders, webhook rows and emails cascade below.
  const shopRow = await tx.shop.findUnique({ where: { domain: shop }, select: { id: true } });
  if (shopRow) await eraseEmailInvitations(tx, shopRow.id);
  await tx.invitation.deleteMany({
    where: { OR: [...(shopRow ? [{ shopId: shopRow.id }] : []), { direction: "provider_to_shop", targetKind: "shop_domain", targetValue: shop }] },
  });
  await tx.shop.deleteMany({ where: { domain: shop } }); // zones, services, channels, outbox, partner links... cascade
  await tx.complianceRequest.deleteMany({ where: { shopDomain: shop } });
  await tx.webhookReceipt.deleteMany({ where: { shopDomain: shop, topic: { not: "SHOP_REDACT" } } });
  // The shop/redact receipt stays, so a replay finds it (by webhook id or body hash), but no longer names the shop.
  await tx.webhookReceipt.updateMany({ where: { shopDomain: shop, topic: "SHOP_REDACT" }, data: { shopDomain: ERASED } });
}
