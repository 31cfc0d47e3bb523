// Fulfillment orders routed to a provider: Shopify's notification pings (FULFILLMENT_REQUEST, CANCELLATION_REQUEST)
// are followed by `assignedFulfillmentOrders` for the link's location; new requests become PartnerOrders under
// the link's current settings version, and the provider's decisions go back to Shopify on its behalf.
import { parseRouting, routesToProvider } from "~/domain/partners/link-settings";
import { AdminApiError, formatUserErrors, runOperation, type UserError } from "~/shopify/admin-operations.server";
import {
  AcceptCancellationRequest,
  AcceptFulfillmentRequest,
  AssignedFulfillmentOrders,
  RejectCancellationRequest,
  RejectFulfillmentRequest,
  type ShopifyFulfillmentOrder,
} from "~/shopify/graphql/fulfillment-service";
import { FulfillmentCreate } from "~/shopify/graphql/fulfillment";
import type { RejectionReason } from "~/shopify/graphql/rejection-reasons";
import { PartnerError, type PartnersContext } from "./context.server";
import { enqueuePartnerEvent } from "./webhooks.server";

/** At most this many pages of 25 per ping: the work per request stays bounded; the next ping picks up the rest. */
const MAX_PAGES = 4;

type LinkRow = { id: string; shopId: string; providerId: string; locationId: string | null; routing: unknown; settingsVersion: number; shop: { domain: string } };

async function assigned(ctx: PartnersContext, link: LinkRow, assignmentStatus: "FULFILLMENT_REQUESTED" | "CANCELLATION_REQUESTED" | "FULFILLMENT_ACCEPTED" | "FULFILLMENT_UNSUBMITTED") {
  const admin = await ctx.adminFor(link.shop.domain);
  const out: ShopifyFulfillmentOrder[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await runOperation(admin, AssignedFulfillmentOrders, { assignmentStatus, locationIds: [link.locationId!], ...(after ? { after } : {}) });
    out.push(...res.assignedFulfillmentOrders.nodes);
    if (!res.assignedFulfillmentOrders.pageInfo.hasNextPage || !res.assignedFulfillmentOrders.pageInfo.endCursor) break;
    after = res.assignedFulfillmentOrders.pageInfo.endCursor;
  }
  return out;
}

export { assigned as assignedFulfillmentOrdersFor };

function detailsOf(fo: ShopifyFulfillmentOrder) {
  return {
    lines: fo.lineItems.nodes.map((l) => ({ id: l.id, sku: l.sku ?? null, title: l.productTitle, quantity: l.remainingQuantity })),
    destination: fo.destination,
    service: fo.deliveryMethod?.presentedName ?? fo.deliveryMethod?.serviceCode ?? null,
  };
}

export interface NotificationSummary {
  received: number;
  routedAway: number;
  cancellationsRecorded: number;
}

/** Handles one notification ping for an active link. */
export async function handleNotification(ctx: PartnersContext, linkId: string, kind: "FULFILLMENT_REQUEST" | "CANCELLATION_REQUEST"): Promise<NotificationSummary> {
  const link = await ctx.db.partnerLink.findFirst({ where: { id: linkId, status: "active" }, include: { shop: true } });
  if (!link?.locationId) throw new PartnerError("No active link with a fulfillment service", 404, "errors.noActiveLink");
  const summary: NotificationSummary = { received: 0, routedAway: 0, cancellationsRecorded: 0 };
  if (kind === "FULFILLMENT_REQUEST") {
    const routing = parseRouting(link.routing);
    for (const fo of await assigned(ctx, link, "FULFILLMENT_REQUESTED")) {
      const known = await ctx.db.partnerOrder.findUnique({ where: { shopId_fulfillmentOrderId: { shopId: link.shopId, fulfillmentOrderId: fo.id } } });
      if (known && known.status !== "returned") continue;
      // Tag routing is Shopify's job (order routing rules to the provider's location, docs/3pl.md): fulfillment
      // orders carry no order tags, so Waypost enforces SKU and destination routing only.
      const routable = { skus: fo.lineItems.nodes.map((l) => l.sku), tags: [], countryCode: fo.destination?.countryCode };
      if (routing.kind !== "tags" && !routesToProvider(routing, routable)) {
        // Not the provider's under the merchant's routing: hand it back to the merchant at once.
        await runOperation(await ctx.adminFor(link.shop.domain), RejectFulfillmentRequest, {
          id: fo.id,
          reason: routing.kind === "countries" ? "UNDELIVERABLE_DESTINATION" : "INELIGIBLE_PRODUCT",
          message: "Not routed to this provider by the merchant's Waypost routing",
        });
        summary.routedAway++;
        continue;
      }
      const data = {
        orderId: fo.orderId,
        orderName: fo.orderName,
        details: detailsOf(fo) as never,
        settingsVersion: link.settingsVersion,
        status: "requested",
      };
      const order = known
        ? (await ctx.db.partnerOrder.updateMany({ where: { id: known.id, shopId: link.shopId }, data: { ...data, linkId: link.id, providerId: link.providerId } }), known)
        : await ctx.db.partnerOrder.create({ data: { ...data, shopId: link.shopId, providerId: link.providerId, linkId: link.id, fulfillmentOrderId: fo.id } });
      await enqueuePartnerEvent(ctx, link, "order.created", order.id);
      summary.received++;
    }
  } else {
    for (const fo of await assigned(ctx, link, "CANCELLATION_REQUESTED")) {
      const res = await ctx.db.partnerOrder.updateMany({
        where: { shopId: link.shopId, linkId: link.id, fulfillmentOrderId: fo.id, status: { in: ["requested", "accepted"] } },
        data: { status: "cancellation_requested" },
      });
      if (res.count) {
        const order = await ctx.db.partnerOrder.findFirst({ where: { shopId: link.shopId, fulfillmentOrderId: fo.id } });
        await enqueuePartnerEvent(ctx, link, "order.updated", order!.id);
        summary.cancellationsRecorded++;
      }
    }
  }
  return summary;
}

/** The orders a provider may see: routed to it, on an active link, or in progress (they stay until they close). */
export function visibleOrdersWhere(providerId: string, shopDomain?: string) {
  return {
    providerId,
    OR: [{ link: { status: "active" } }, { status: { in: ["accepted", "cancellation_requested"] } }],
    ...(shopDomain ? { shop: { domain: shopDomain } } : {}),
  };
}

export function listProviderOrders(ctx: PartnersContext, providerId: string, opts: { shop?: string; status?: string; take?: number } = {}) {
  return ctx.db.partnerOrder.findMany({
    where: { ...visibleOrdersWhere(providerId, opts.shop), ...(opts.status ? { status: opts.status } : {}) },
    include: { shop: { select: { domain: true, name: true } } },
    orderBy: { createdAt: "desc" },
    take: Math.min(opts.take ?? 100, 200),
  });
}

async function orderFor(ctx: PartnersContext, providerId: string, orderId: string) {
  const order = await ctx.db.partnerOrder.findFirst({ where: { id: orderId, ...visibleOrdersWhere(providerId) }, include: { shop: true, link: true } });
  if (!order) throw new PartnerError("Order not found", 404, "errors.orderNotFound");
  return order;
}

function refused(op: string, errors: UserError[]): never {
  throw new PartnerError(`Shopify refused to ${op}: ${formatUserErrors(errors)}`, 409, "errors.shopifyRefused", { detail: formatUserErrors(errors).slice(0, 500) });
}

async function shopifyCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AdminApiError) throw new PartnerError(`Shopify could not be reached: ${error.message}`, 502, "errors.shopifyUnreachable");
    throw error;
  }
}

async function transition(ctx: PartnersContext, order: { id: string; shopId: string; providerId: string; status: string }, from: string[], data: Record<string, unknown>) {
  const res = await ctx.db.partnerOrder.updateMany({ where: { id: order.id, shopId: order.shopId, providerId: order.providerId, status: { in: from } }, data });
  if (res.count === 0) throw new PartnerError("The order changed meanwhile; reload and try again", 409, "errors.orderChanged");
}

export async function acceptOrder(ctx: PartnersContext, providerId: string, orderId: string) {
  const order = await orderFor(ctx, providerId, orderId);
  if (order.status !== "requested") throw new PartnerError(`A ${order.status} order cannot be accepted`, 409, "errors.cannotAccept", { status: order.status });
  const res = await shopifyCall(async () => runOperation(await ctx.adminFor(order.shop.domain), AcceptFulfillmentRequest, { id: order.fulfillmentOrderId }));
  if (res.fulfillmentOrderAcceptFulfillmentRequest.userErrors.length) refused("accept the request", res.fulfillmentOrderAcceptFulfillmentRequest.userErrors);
  await transition(ctx, order, ["requested"], { status: "accepted" });
  await enqueuePartnerEvent(ctx, order.link, "order.updated", order.id);
}

export async function rejectOrder(ctx: PartnersContext, providerId: string, orderId: string, reason: RejectionReason, message: string) {
  const order = await orderFor(ctx, providerId, orderId);
  if (order.status !== "requested") throw new PartnerError(`A ${order.status} order cannot be rejected`, 409, "errors.cannotReject", { status: order.status });
  const res = await shopifyCall(async () => runOperation(await ctx.adminFor(order.shop.domain), RejectFulfillmentRequest, { id: order.fulfillmentOrderId, reason, message }));
  if (res.fulfillmentOrderRejectFulfillmentRequest.userErrors.length) refused("reject the request", res.fulfillmentOrderRejectFulfillmentRequest.userErrors);
  await transition(ctx, order, ["requested"], { status: "rejected", rejectReason: `${reason}: ${message}`.slice(0, 500) });
  await enqueuePartnerEvent(ctx, order.link, "order.updated", order.id);
}

/** The provider answers a merchant's cancellation request: accept (nothing shipped) or refuse (already packed). */
export async function answerCancellation(ctx: PartnersContext, providerId: string, orderId: string, accept: boolean, message?: string) {
  const order = await orderFor(ctx, providerId, orderId);
  if (order.status !== "cancellation_requested") throw new PartnerError("The merchant has not asked to cancel this order", 409, "errors.noCancellationRequest");
  const admin = await ctx.adminFor(order.shop.domain);
  if (accept) {
    const res = await shopifyCall(() => runOperation(admin, AcceptCancellationRequest, { id: order.fulfillmentOrderId, ...(message ? { message } : {}) }));
    if (res.fulfillmentOrderAcceptCancellationRequest.userErrors.length) refused("accept the cancellation", res.fulfillmentOrderAcceptCancellationRequest.userErrors);
    await transition(ctx, order, ["cancellation_requested"], { status: "cancelled" });
  } else {
    const res = await shopifyCall(() => runOperation(admin, RejectCancellationRequest, { id: order.fulfillmentOrderId, ...(message ? { message } : {}) }));
    if (res.fulfillmentOrderRejectCancellationRequest.userErrors.length) refused("refuse the cancellation", res.fulfillmentOrderRejectCancellationRequest.userErrors);
    await transition(ctx, order, ["cancellation_requested"], { status: "accepted" });
  }
  await enqueuePartnerEvent(ctx, order.link, "order.updated", order.id);
}

/** The provider ships: a Shopify fulfillment with tracking (tracking sync then pushes it to the channels). */
export async function shipOrder(ctx: PartnersContext, providerId: string, orderId: string, tracking: { number: string; company: string; url?: string }) {
  const order = await orderFor(ctx, providerId, orderId);
  if (order.status !== "accepted") {
    if (order.status === "requested") throw new PartnerError("Accept the order before shipping it", 409, "errors.acceptBeforeShipping");
    throw new PartnerError(`A ${order.status} order cannot be shipped`, 409, "errors.cannotShip", { status: order.status });
  }
  const res = await shopifyCall(async () =>
    runOperation(await ctx.adminFor(order.shop.domain), FulfillmentCreate, {
      fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: order.fulfillmentOrderId }], notifyCustomer: true, trackingInfo: tracking },
    }),
  );
  const f = res.fulfillmentCreate;
  if (!f.fulfillment || f.userErrors.length) refused("create the fulfillment", f.userErrors);
  await transition(ctx, order, ["accepted"], { status: "shipped", fulfillmentId: f.fulfillment!.id, trackingNumber: tracking.number, trackingCompany: tracking.company });
  await enqueuePartnerEvent(ctx, order.link, "order.updated", order.id);
  return f.fulfillment!.id;
}
