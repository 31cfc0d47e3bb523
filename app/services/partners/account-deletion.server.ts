// A provider deletes its portal account. Its links go with it, and so does everything that names it: users and
// sessions, API keys, orders and webhook rows (by cascade), and invitations in both directions (explicitly: they
// have no foreign key). Shopify comes first: every link that still has a fulfillment service in a live shop is ended
// as the provider would end it (unstarted orders back to the merchant, service deleted). If any shop still has
// orders in progress with the provider, or Shopify refuses or cannot be reached, nothing is deleted and the provider
// is told which shops are left: deleting then would strand merchants' orders at a location nobody works.
import { z } from "zod";
import { PartnerError, type PartnersContext } from "./context.server";
import { endLinkAsProvider } from "./unlink.server";

/** The provider confirms by typing its account email (the one it signs in with). */
export const DeleteAccountSchema = z.object({ confirmEmail: z.string().trim().toLowerCase().max(254) });

export interface DeletionBlocker {
  shop: string;
  reason: string;
}

export async function deleteProviderAccount(ctx: PartnersContext, providerId: string, input: { confirmEmail: string; signedInEmail: string }) {
  const parsed = DeleteAccountSchema.safeParse(input);
  if (!parsed.success || parsed.data.confirmEmail !== input.signedInEmail.toLowerCase()) throw new PartnerError("Type your account email exactly to confirm the deletion", 422, "errors.confirmEmail");
  const provider = await ctx.db.provider.findUnique({ where: { id: providerId } });
  if (!provider) throw new PartnerError("Account not found", 404, "errors.accountNotFound");

  const blockers: DeletionBlocker[] = [];
  const links = await ctx.db.partnerLink.findMany({ where: { providerId, fulfillmentServiceId: { not: null } }, include: { shop: { select: { domain: true, active: true } } } });
  for (const link of links) {
    // An uninstalled shop's fulfillment services went with the app (Shopify removes them); nothing to end there.
    if (!link.shop.active) continue;
    try {
      const r = await endLinkAsProvider(ctx, providerId, link.id);
      if (r.inProgress.length) blockers.push({ shop: link.shop.domain, reason: `${r.inProgress.length} order(s) in progress; ship them or answer the cancellation requests first` });
      else if (!r.serviceDeleted) blockers.push({ shop: link.shop.domain, reason: r.refused.map((x) => x.reason).join("; ") || "Shopify kept the fulfillment service" });
    } catch (error) {
      blockers.push({ shop: link.shop.domain, reason: error instanceof PartnerError ? error.message : String(error) });
    }
  }
  if (blockers.length) {
    const list = blockers.map((b) => `${b.shop}: ${b.reason}`).join("; ");
    throw new PartnerError(`Your account was not deleted. Links that could not be ended yet: ${list}`.slice(0, 1500), 409, "errors.accountNotDeleted", {
      shops: blockers.map((b) => b.shop).join(", ").slice(0, 1000),
    });
  }

  await ctx.db.$transaction([
    ctx.db.invitation.deleteMany({ where: { providerId } }),
    ctx.db.invitation.deleteMany({
      where: {
        direction: "shop_to_provider",
        OR: [
          { targetKind: "email", targetValue: provider.email },
          { targetKind: "partner_id", targetValue: provider.publicId },
        ],
      },
    }),
    // Links, orders, webhook rows, users, sessions and API keys cascade from the provider row.
    ctx.db.provider.deleteMany({ where: { id: providerId } }),
  ]);
  return { linksEnded: links.length };
}
