// Partner links (shop ↔ provider): pending with who must act, active with a Shopify fulfillment service, inactive
// after the merchant or provider ends it. Every read and write names the shop or the provider (isolation).
import { randomBytes } from "node:crypto";
import { LinkSettingsSchema, RoutingSchema, type LinkSettings, type Routing } from "~/domain/partners/link-settings";
import { seal } from "~/lib/secrets.server";
import { runOperation, formatUserErrors, AdminApiError } from "~/shopify/admin-operations.server";
import { FulfillmentServiceCreate } from "~/shopify/graphql/fulfillment-service";
import { PartnerError, type PartnersContext } from "./context.server";
import { handleNotification } from "./orders.server";
import { say } from "~/lib/said";
import { storeSaid } from "~/lib/stored-said";

export const LINK_STATUSES = ["pending", "active", "inactive"] as const;
const SECRET_CONTEXT = "partner-link-webhook";

export const sealLinkSecret = (secret: string) => seal(secret, SECRET_CONTEXT);
export { SECRET_CONTEXT as LINK_SECRET_CONTEXT };

/** Creates the link if missing (pending on `pendingOn`), or returns the existing one for this pair. */
export async function ensureLink(ctx: PartnersContext, args: { shopId: string; providerId: string; pendingOn: "merchant" | "provider" | null }) {
  const existing = await ctx.db.partnerLink.findUnique({ where: { shopId_providerId: { shopId: args.shopId, providerId: args.providerId } } });
  if (existing) {
    if (existing.status === "inactive" && args.pendingOn) {
      await ctx.db.partnerLink.updateMany({ where: { id: existing.id, shopId: args.shopId }, data: { status: "pending", pendingOn: args.pendingOn } });
    }
    return existing;
  }
  return ctx.db.partnerLink.create({
    data: {
      shopId: args.shopId,
      providerId: args.providerId,
      status: "pending",
      pendingOn: args.pendingOn ?? "merchant",
      settings: LinkSettingsSchema.parse({}),
      routing: { kind: "all" },
      webhookSecret: sealLinkSecret(randomBytes(32).toString("base64url")),
    },
  });
}

/** The side a pending link waits on activates it; the other side cannot. */
export async function approvePendingLink(ctx: PartnersContext, side: { shopId: string } | { providerId: string }, linkId: string) {
  const link = await ctx.db.partnerLink.findFirst({ where: { id: linkId, ...side } });
  if (!link) throw new PartnerError("Link not found", 404, "errors.linkNotFound");
  if (link.status !== "pending") throw new PartnerError(`The link is ${link.status}, not pending`, 409, "errors.linkNotPending");
  const mine = "shopId" in side ? "merchant" : "provider";
  if (link.pendingOn !== mine) throw new PartnerError("The other side must accept this link first", 409, "errors.otherSideMustAccept");
  const active = await activateLink(ctx, { shopId: link.shopId, linkId });
  await spendInvitations(ctx, { id: link.id, shopId: link.shopId, providerId: link.providerId });
  return active;
}

/**
 * Once a pending link is accepted in the portal or the admin, the invitations between the two (which made it
 * pending) are spent: they stop waiting in either inbox and their codes no longer work.
 */
async function spendInvitations(ctx: PartnersContext, link: { id: string; shopId: string; providerId: string }) {
  const [provider, shop] = await Promise.all([
    ctx.db.provider.findUnique({ where: { id: link.providerId }, select: { email: true, publicId: true } }),
    ctx.db.shop.findUnique({ where: { id: link.shopId }, select: { domain: true } }),
  ]);
  if (!provider || !shop) return;
  await ctx.db.invitation.updateMany({
    where: {
      usedAt: null,
      OR: [
        { direction: "shop_to_provider", shopId: link.shopId, OR: [{ targetKind: "email", targetValue: provider.email }, { targetKind: "partner_id", targetValue: provider.publicId }] },
        { direction: "provider_to_shop", providerId: link.providerId, targetKind: "shop_domain", targetValue: shop.domain },
      ],
    },
    data: { usedAt: ctx.now(), linkId: link.id },
  });
}

/**
 * Activates a link: creates the Shopify fulfillment service (and its location) with our callback URL. A refusal
 * leaves the link pending on the merchant with the reason, so nothing is half-active.
 */
export async function activateLink(ctx: PartnersContext, args: { shopId: string; linkId: string }) {
  const link = await ctx.db.partnerLink.findFirst({ where: { id: args.linkId, shopId: args.shopId }, include: { shop: true, provider: true } });
  if (!link) throw new PartnerError("Link not found", 404, "errors.linkNotFound");
  if (link.status === "active" && link.fulfillmentServiceId) return link;
  // An ended link whose service Shopify kept (orders were still in progress) is active again on that same service.
  if (link.fulfillmentServiceId && link.locationId) {
    await ctx.db.partnerLink.updateMany({ where: { id: link.id, shopId: args.shopId }, data: { status: "active", pendingOn: null, lastError: null } });
    await readExistingRequests(ctx, link.id, args.shopId);
    return (await ctx.db.partnerLink.findFirst({ where: { id: link.id, shopId: args.shopId } }))!;
  }
  let created;
  try {
    created = await runOperation(await ctx.adminFor(link.shop.domain), FulfillmentServiceCreate, {
      name: serviceName(link.provider.name, link.id),
      callbackUrl: `${ctx.appUrl}/fulfillment_service/${link.id}`,
    });
  } catch (error) {
    const message = error instanceof AdminApiError ? error.message : String(error);
    await ctx.db.partnerLink.updateMany({ where: { id: link.id, shopId: args.shopId }, data: { lastError: message, status: "pending", pendingOn: "merchant" } });
    throw new PartnerError(`Shopify did not create the fulfillment service: ${message}`, 502, "errors.serviceNotCreated", { detail: message.slice(0, 500) });
  }
  const svc = created.fulfillmentServiceCreate.fulfillmentService;
  if (!svc || created.fulfillmentServiceCreate.userErrors.length) {
    const message = formatUserErrors(created.fulfillmentServiceCreate.userErrors) || "no service returned";
    await ctx.db.partnerLink.updateMany({ where: { id: link.id, shopId: args.shopId }, data: { lastError: message, status: "pending", pendingOn: "merchant" } });
    throw new PartnerError(`Shopify refused the fulfillment service: ${message}`, 422, "errors.serviceRefused", { detail: message.slice(0, 500) });
  }
  await ctx.db.partnerLink.updateMany({
    where: { id: link.id, shopId: args.shopId },
    data: { status: "active", pendingOn: null, fulfillmentServiceId: svc.id, locationId: svc.location?.id ?? null, lastError: null },
  });
  await readExistingRequests(ctx, link.id, args.shopId);
  return (await ctx.db.partnerLink.findFirst({ where: { id: link.id, shopId: args.shopId } }))!;
}

/**
 * Fulfillment orders may already sit at the location when the link becomes active: Shopify can route (and ping)
 * between fulfillmentServiceCreate and our row turning active, and the ping is refused while the link is not
 * active; a reactivated link's kept location still holds its requests. So activation reads them itself, as a ping
 * would. A failure here does not undo the activation: the next ping picks the requests up, and the link says so.
 */
async function readExistingRequests(ctx: PartnersContext, linkId: string, shopId: string) {
  try {
    await handleNotification(ctx, linkId, "FULFILLMENT_REQUEST");
    await handleNotification(ctx, linkId, "CANCELLATION_REQUEST");
  } catch (error) {
    const message = error instanceof AdminApiError || error instanceof PartnerError ? error.message : String(error);
    await ctx.db.partnerLink.updateMany({ where: { id: linkId, shopId }, data: { lastError: storeSaid(say("portal:stored.requestsNotRead", { detail: message.slice(0, 500) })) } });
  }
}

/** Shopify names must be unique per shop; the link id's tail keeps two links to same-named providers apart. */
const serviceName = (provider: string, linkId: string) => `${provider.slice(0, 60)} (Waypost ${linkId.slice(-6)})`;

/**
 * Changes a link's settings (provider side) or routing (merchant side). The version goes up on every change;
 * orders already sent keep the version they were sent under, new ones get the new one.
 */
export async function updateLinkSettings(ctx: PartnersContext, providerId: string, linkId: string, input: { settings?: LinkSettings; webhookUrl?: string | null }) {
  const link = await ctx.db.partnerLink.findFirst({ where: { id: linkId, providerId } });
  if (!link) throw new PartnerError("Link not found", 404, "errors.linkNotFound");
  const settings = input.settings ? LinkSettingsSchema.parse(input.settings) : undefined;
  const res = await ctx.db.partnerLink.updateMany({
    where: { id: linkId, providerId, settingsVersion: link.settingsVersion },
    data: {
      ...(settings ? { settings } : {}),
      ...(input.webhookUrl !== undefined ? { webhookUrl: input.webhookUrl } : {}),
      settingsVersion: link.settingsVersion + 1,
    },
  });
  if (res.count === 0) throw new PartnerError("The link changed meanwhile; reload and try again", 409, "errors.linkChanged");
  return link.settingsVersion + 1;
}

export async function updateRouting(ctx: PartnersContext, shopId: string, linkId: string, routing: Routing) {
  const parsed = RoutingSchema.parse(routing);
  const link = await ctx.db.partnerLink.findFirst({ where: { id: linkId, shopId } });
  if (!link) throw new PartnerError("Link not found", 404, "errors.linkNotFound");
  await ctx.db.partnerLink.updateMany({ where: { id: linkId, shopId }, data: { routing: parsed, settingsVersion: link.settingsVersion + 1 } });
  return link.settingsVersion + 1;
}

/** Links of one shop, with the provider's public name and id only. */
export function shopLinks(ctx: PartnersContext, shopId: string) {
  return ctx.db.partnerLink.findMany({
    where: { shopId },
    select: { id: true, status: true, pendingOn: true, routing: true, locationId: true, lastError: true, settingsVersion: true, provider: { select: { name: true, publicId: true } } },
    orderBy: { createdAt: "asc" },
  });
}

/** Links of one provider, with the shop's domain and name only (never its tokens). */
export function providerLinks(ctx: PartnersContext, providerId: string) {
  return ctx.db.partnerLink.findMany({
    where: { providerId },
    select: { id: true, status: true, pendingOn: true, settings: true, settingsVersion: true, webhookUrl: true, lastError: true, shop: { select: { domain: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
}
