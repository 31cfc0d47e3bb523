// The merchant's Fulfillment partners page: links with status and who must act, merchant locations (where
// unstarted orders go back), and the page's intents mapped onto the partner services, scoped to the shop.
import { z } from "zod";
import { RoutingSchema } from "~/domain/partners/link-settings";
import { INVENTORY_ACTIONS } from "~/shopify/graphql/fulfillment-service";
import { parts, say, type Said } from "~/lib/said";
import { PartnerError, type PartnersContext } from "./context.server";
import { acceptInvitation, inviteProvider } from "./invitations.server";
import { approvePendingLink, shopLinks, updateRouting } from "./links.server";
import { rememberShopEmail } from "./shop-emails.server";
import { endLink, merchantLocations } from "./unlink.server";

const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "Missing or malformed id");
export const MerchantIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), by: z.enum(["email", "partner_id"]), value: z.string().max(254) }),
  z.object({ intent: z.literal("accept"), token: z.string().min(10).max(100) }),
  z.object({ intent: z.literal("approve"), linkId: id }),
  z.object({ intent: z.literal("routing"), linkId: id, kind: z.enum(["all", "skus", "tags", "countries"]), values: z.string().max(5000).default("") }),
  z.object({ intent: z.literal("end"), linkId: id, mode: z.enum(["deactivate", "delete"]), inventoryAction: z.enum(INVENTORY_ACTIONS), returnLocationId: z.string().min(1).max(100) }),
]);

export async function merchantPartnersPage(ctx: PartnersContext, shopDomain: string) {
  const shop = await ctx.db.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop) throw new PartnerError("Shop not installed", 404, "errors.shopNotInstalled");
  const links = await shopLinks(ctx, shop.id);
  let locations: { id: string; name: string }[] = [];
  // Shopify's own words, shown inside the page's sentence (partners:end.locationsError).
  let locationsError: string | null = null;
  try {
    locations = await merchantLocations(ctx, shopDomain);
  } catch (error) {
    locationsError = (error as Error).message.slice(0, 300);
  }
  return { links, locations, locationsError };
}

/** What the page says after an intent (app/lib/said.ts); `message` is the same in English for scripts and tests. */
export interface MerchantAnswer {
  message: string;
  said: Said;
}

const answer = (message: string, said: Said): MerchantAnswer => ({ message, said });
const LINK_ACTIVE = answer("Link active: the provider's fulfillment location was created in your shop", say("partners:notices.linkActive"));

export async function merchantIntent(ctx: PartnersContext, shop: { domain: string; email?: string | null; locale?: string | null }, intent: z.infer<typeof MerchantIntent>): Promise<MerchantAnswer> {
  const row = await ctx.db.shop.findUnique({ where: { domain: shop.domain } });
  if (!row) throw new PartnerError("Shop not installed", 404, "errors.shopNotInstalled");
  // A staff member's address is one a provider may have invited the shop by (shop/redact looks there too).
  await rememberShopEmail(ctx.db, row.id, shop.email, "staff");
  switch (intent.intent) {
    case "invite": {
      const inv = await inviteProvider(ctx, row.id, { by: intent.by, value: intent.value }, { senderLocale: shop.locale });
      return inv.emailed
        ? answer("Invitation sent", say("partners:notices.invitationSent"))
        : answer("Invitation created; no mail transport is configured, so tell the provider to check its portal", say("partners:notices.invitationNotEmailed"));
    }
    case "accept":
      await acceptInvitation(ctx, intent.token.trim(), { kind: "shop", shopId: row.id, domain: row.domain, email: shop.email ?? null });
      return LINK_ACTIVE;
    case "approve":
      await approvePendingLink(ctx, { shopId: row.id }, intent.linkId);
      return LINK_ACTIVE;
    case "routing": {
      const values = intent.values.split(",").map((s) => s.trim()).filter(Boolean);
      const parsed = RoutingSchema.safeParse(intent.kind === "all" ? { kind: "all" } : { kind: intent.kind, values: intent.kind === "countries" ? values.map((v) => v.toUpperCase()) : values });
      if (!parsed.success) throw new PartnerError(parsed.error.issues.map((i) => i.message).join("; "), 422, "errors.routingValues");
      const v = await updateRouting(ctx, row.id, intent.linkId, parsed.data);
      return answer(`Routing saved (settings version ${v}); it applies to new fulfillment orders`, say("partners:notices.routingSaved", { version: v }));
    }
    case "end": {
      const r = await endLink(ctx, { shopId: row.id }, intent.linkId, { mode: intent.mode, inventoryAction: intent.inventoryAction, returnLocationId: intent.returnLocationId });
      const english = [`${r.returned.length} order(s) returned to you`, `${r.inProgress.length} in progress stay with the provider`];
      if (r.refused.length) english.push(`${r.refused.length} could not be moved: ${r.refused.map((x) => x.reason).join("; ")}`);
      english.push(r.serviceDeleted ? "fulfillment service removed" : "fulfillment service kept until the remaining orders close; end the link again then");
      const said: Said[] = [say("partners:notices.ended", { returned: r.returned.length, inProgress: r.inProgress.length })];
      // The reasons are Shopify's own words (data), kept as they came inside the sentence.
      if (r.refused.length) said.push(say("partners:notices.notMoved", { refused: r.refused.length, reasons: r.refused.map((x) => x.reason).join("; ").slice(0, 1000) }));
      said.push(say(r.serviceDeleted ? "partners:notices.serviceRemoved" : "partners:notices.serviceKept"));
      return answer(english.join(" · "), parts(...said));
    }
  }
}
