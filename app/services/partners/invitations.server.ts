// Invitations in both directions (docs/3pl.md): a shop invites a provider by email or Waypost partner id, or a
// provider invites a shop by email or shop domain. Each is single-use, expires after INVITATION_TTL_MS, and can
// be accepted only by the identity it names. Accepting creates (or re-opens) the link and activates it.
import { z } from "zod";
import { isShopDomain } from "~/shopify/hmac.server";
import { PartnerError, type PartnersContext } from "./context.server";
import { activateLink, ensureLink } from "./links.server";
import { mailLocale, mailT } from "./mail-text.server";
import { newToken, sha256 } from "./tokens.server";

export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

const Email = z.email().max(254).transform((v) => v.toLowerCase());
export const MerchantInviteSchema = z.discriminatedUnion("by", [
  z.object({ by: z.literal("email"), value: Email }),
  z.object({ by: z.literal("partner_id"), value: z.string().trim().regex(/^P-[A-Z0-9]{6,12}$/, "A partner id looks like P-ABC123") }),
]);
export const ProviderInviteSchema = z.discriminatedUnion("by", [
  z.object({ by: z.literal("email"), value: Email }),
  z.object({ by: z.literal("shop_domain"), value: z.string().trim().toLowerCase().refine((v) => isShopDomain(v), "Use the shop's myshopify.com domain") }),
]);

/** The sentence that says what the value should look like, by what the invitation goes by. */
const INVITE_VALUE_KEYS = { email: "errors.invalidEmail", partner_id: "errors.invitePartnerId", shop_domain: "errors.inviteShopDomain" } as const;

function parseOr400<T>(schema: z.ZodType<T>, raw: { by: string }): T {
  const parsed = schema.safeParse(raw);
  const key = INVITE_VALUE_KEYS[raw.by as keyof typeof INVITE_VALUE_KEYS] ?? "errors.inviteBy";
  if (!parsed.success) throw new PartnerError(parsed.error.issues.map((i) => i.message).join("; "), 400, key);
  return parsed.data;
}

export interface CreatedInvitation {
  id: string;
  /** The single-use token; it travels only in the email (and, without SMTP, to the inviter's screen). */
  token: string;
  emailed: boolean;
}

/** A shop invites a provider. The link is created pending on the provider. */
/** `senderLocale`: the inviting merchant's admin language, for the email when the provider's own is not known. */
export async function inviteProvider(ctx: PartnersContext, shopId: string, raw: z.input<typeof MerchantInviteSchema>, opts: { senderLocale?: string | null } = {}): Promise<CreatedInvitation> {
  const input = parseOr400(MerchantInviteSchema, raw);
  const shop = await ctx.db.shop.findUnique({ where: { id: shopId } });
  if (!shop) throw new PartnerError("Shop not found", 404, "errors.shopNotFound");
  let email: string | null = input.by === "email" ? input.value : null;
  if (input.by === "partner_id") {
    const provider = await ctx.db.provider.findUnique({ where: { publicId: input.value } });
    if (!provider) throw new PartnerError("No provider has this partner id", 404, "errors.unknownPartnerId");
    email = provider.email;
    await ensureLink(ctx, { shopId, providerId: provider.id, pendingOn: "provider" });
  }
  const token = newToken();
  const inv = await ctx.db.invitation.create({
    data: {
      direction: "shop_to_provider",
      shopId,
      targetKind: input.by,
      targetValue: input.value,
      tokenHash: sha256(token),
      expiresAt: new Date(ctx.now().getTime() + INVITATION_TTL_MS),
    },
  });
  // The provider's language when one of its users has this address and signed in before; the merchant's otherwise.
  const recipient = await ctx.db.providerUser.findUnique({ where: { email: email! }, select: { locale: true } });
  const t = mailT(mailLocale(recipient?.locale, opts.senderLocale));
  const { sent } = await ctx.mailer.send({
    to: email!,
    subject: t("email.shopInvite.subject", { shop: shop.name ?? shop.domain }),
    text: t("email.shopInvite.body", { url: `${ctx.appUrl}/partners/invitations/${token}` }),
  });
  return { id: inv.id, token, emailed: sent };
}

/** A provider invites a shop. The link is created pending on the merchant when the shop is known. */
/** `senderLocale`: the provider's portal language; a shop owner's own language is not known to Waypost. */
export async function inviteShop(ctx: PartnersContext, providerId: string, raw: z.input<typeof ProviderInviteSchema>, opts: { senderLocale?: string | null } = {}): Promise<CreatedInvitation> {
  const input = parseOr400(ProviderInviteSchema, raw);
  const provider = await ctx.db.provider.findUnique({ where: { id: providerId } });
  if (!provider) throw new PartnerError("Provider not found", 404, "errors.providerNotFound");
  if (input.by === "shop_domain") {
    const shop = await ctx.db.shop.findUnique({ where: { domain: input.value } });
    if (shop?.active) await ensureLink(ctx, { shopId: shop.id, providerId, pendingOn: "merchant" });
  }
  const token = newToken();
  const inv = await ctx.db.invitation.create({
    data: {
      direction: "provider_to_shop",
      providerId,
      targetKind: input.by,
      targetValue: input.value,
      tokenHash: sha256(token),
      expiresAt: new Date(ctx.now().getTime() + INVITATION_TTL_MS),
    },
  });
  let sent = false;
  if (input.by === "email") {
    const t = mailT(mailLocale(opts.senderLocale));
    sent = (
      await ctx.mailer.send({
        to: input.value,
        subject: t("email.providerInvite.subject", { provider: provider.name }),
        text: t("email.providerInvite.body", { code: token }),
      })
    ).sent;
  }
  return { id: inv.id, token, emailed: sent };
}

/** The claim of whoever accepts: a provider (by id and email) or a shop (by id, domain and owner email). */
export type Acceptor = { kind: "provider"; providerId: string; email: string } | { kind: "shop"; shopId: string; domain: string; email?: string | null };

/** Accepts an invitation once, before it expires, only by the identity it names; the link becomes active. */
export async function acceptInvitation(ctx: PartnersContext, token: string, who: Acceptor) {
  const inv = await ctx.db.invitation.findUnique({ where: { tokenHash: sha256(token) } });
  if (!inv) throw new PartnerError("This invitation does not exist", 404, "errors.invitationUnknown");
  if (inv.usedAt) throw new PartnerError("This invitation was already used", 410, "errors.invitationUsed");
  if (inv.expiresAt <= ctx.now()) throw new PartnerError("This invitation has expired; ask for a new one", 410, "errors.invitationExpired");

  let shopId: string;
  let providerId: string;
  if (inv.direction === "shop_to_provider") {
    if (who.kind !== "provider") throw new PartnerError("This invitation is for a logistics provider", 403, "errors.invitationForProvider");
    const provider = await ctx.db.provider.findUnique({ where: { id: who.providerId } });
    const bound = inv.targetKind === "email" ? inv.targetValue === who.email.toLowerCase() : inv.targetValue === provider?.publicId;
    if (!provider || !bound) throw new PartnerError("This invitation was sent to another provider", 403, "errors.invitationOtherProvider");
    shopId = inv.shopId!;
    providerId = provider.id;
  } else {
    if (who.kind !== "shop") throw new PartnerError("This invitation is for a shop", 403, "errors.invitationForShop");
    const bound = inv.targetKind === "shop_domain" ? inv.targetValue === who.domain : !!who.email && inv.targetValue === who.email.toLowerCase();
    if (!bound) throw new PartnerError("This invitation was sent to another shop", 403, "errors.invitationOtherShop");
    shopId = who.shopId;
    providerId = inv.providerId!;
  }
  // Single use under concurrency: only the update that flips usedAt from null wins.
  // The accepting shop is recorded on the invitation, so shop/redact finds one it received by email too.
  const claimed = await ctx.db.invitation.updateMany({ where: { id: inv.id, usedAt: null }, data: { usedAt: ctx.now(), shopId } });
  if (claimed.count === 0) throw new PartnerError("This invitation was already used", 410, "errors.invitationUsed");
  const link = await ensureLink(ctx, { shopId, providerId, pendingOn: null });
  await ctx.db.invitation.updateMany({ where: { id: inv.id }, data: { linkId: link.id } });
  return activateLink(ctx, { shopId, linkId: link.id });
}

/** Pending invitations a provider can act on (sent to its email or partner id) and the ones it sent. */
export async function providerInvitations(ctx: PartnersContext, providerId: string) {
  const provider = await ctx.db.provider.findUnique({ where: { id: providerId } });
  if (!provider) return { received: [], sent: [] };
  const now = ctx.now();
  const [received, sent] = await Promise.all([
    ctx.db.invitation.findMany({
      where: {
        direction: "shop_to_provider",
        usedAt: null,
        expiresAt: { gt: now },
        OR: [
          { targetKind: "email", targetValue: provider.email },
          { targetKind: "partner_id", targetValue: provider.publicId },
        ],
      },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
    ctx.db.invitation.findMany({ where: { providerId, usedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" }, take: 50 }),
  ]);
  return { received, sent };
}
