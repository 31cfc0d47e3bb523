// The email addresses Waypost knows for a shop (ShopEmail). A provider may invite a shop by its owner's email,
// which names no shop; shop/redact finds such invitations through these addresses and deletes them, unless another
// shop still installed knows the same address (one owner, several shops: the invitation may still be theirs).
import { z } from "zod";
import type { Db } from "~/db.server";
import { logger } from "~/lib/logger.server";
import { runOperation, type AdminClient } from "~/shopify/admin-operations.server";
import { ShopContactEmails } from "~/shopify/graphql/shop-emails";
import type { Tx } from "../webhook-receipts.server";

const Email = z.email().max(254).transform((v) => v.toLowerCase());

/** Remembers one address for the shop (idempotent); anything that is not an email is ignored. */
export async function rememberShopEmail(db: Db | Tx, shopId: string, raw: string | null | undefined, source: "shop" | "contact" | "staff") {
  const email = Email.safeParse(raw ?? "");
  if (!email.success) return;
  await db.shopEmail.upsert({ where: { shopId_email: { shopId, email: email.data } }, create: { shopId, email: email.data, source }, update: {} });
}

/** At install: the shop's email and contact email from Shopify. Best effort: a failure never breaks the login. */
export async function recordShopEmails(db: Db, shopDomain: string, admin: AdminClient) {
  try {
    const shop = await db.shop.findUnique({ where: { domain: shopDomain }, select: { id: true } });
    if (!shop) return;
    const res = await runOperation(admin, ShopContactEmails, {});
    await rememberShopEmail(db, shop.id, res.shop.email, "shop");
    await rememberShopEmail(db, shop.id, res.shop.contactEmail, "contact");
  } catch (e) {
    logger.warn("shop emails not recorded", { shop: shopDomain, reason: (e as Error).message });
  }
}

/**
 * shop/redact: invitations providers sent by email to this shop's addresses, when no other shop that is still here
 * knows the address. Runs before the shop row (and its ShopEmail rows) goes.
 */
export async function eraseEmailInvitations(tx: Tx, shopId: string) {
  const mine = (await tx.shopEmail.findMany({ where: { shopId }, select: { email: true } })).map((e) => e.email);
  if (!mine.length) return 0;
  const shared = new Set((await tx.shopEmail.findMany({ where: { email: { in: mine }, shopId: { not: shopId } }, select: { email: true } })).map((e) => e.email));
  const only = mine.filter((e) => !shared.has(e));
  if (!only.length) return 0;
  const r = await tx.invitation.deleteMany({ where: { direction: "provider_to_shop", targetKind: "email", targetValue: { in: only } } });
  return r.count;
}
