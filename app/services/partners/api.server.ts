// The provider API (/partners/api/v1): bearer API keys scoped to one provider; every handler names the provider.
import type { z } from "zod";
import { PartnerError, type PartnersContext } from "./context.server";
import { CancelBody, ListOrdersQuery, RejectBody, ShipmentBody, toApiOrder } from "./api-schemas";
import { providerForKey } from "./api-keys.server";
import { jsonError, parseWith, readJsonBody } from "./http.server";
import { acceptOrder, answerCancellation, listProviderOrders, rejectOrder, shipOrder, visibleOrdersWhere } from "./orders.server";

export async function authenticateProvider(ctx: PartnersContext, request: Request): Promise<string> {
  const providerId = await providerForKey(ctx, request.headers.get("authorization"));
  if (!providerId) throw new PartnerError("Missing, unknown or revoked API key (Authorization: Bearer wpk_…)", 403, "errors.apiKey");
  return providerId;
}

export async function listOrdersApi(ctx: PartnersContext, providerId: string, url: URL) {
  const q = parseWith(ListOrdersQuery, Object.fromEntries(url.searchParams));
  const orders = await listProviderOrders(ctx, providerId, { ...(q.shop ? { shop: q.shop } : {}), ...(q.status ? { status: q.status } : {}) });
  return Response.json({ orders: orders.map(toApiOrder) });
}

export const ORDER_ACTIONS = ["accept", "reject", "shipments", "cancel"] as const;
type OrderAction = (typeof ORDER_ACTIONS)[number];

export async function orderActionApi(ctx: PartnersContext, providerId: string, orderId: string, action: string, request: Request) {
  if (!(ORDER_ACTIONS as readonly string[]).includes(action)) return jsonError(404, `Unknown action; use one of ${ORDER_ACTIONS.join(", ")}`, "unknown_action");
  const body = action === "accept" ? {} : (await readJsonBody(request)).value;
  await runAction(ctx, providerId, orderId, action as OrderAction, body);
  const order = await ctx.db.partnerOrder.findFirst({ where: { id: orderId, ...visibleOrdersWhere(providerId) }, include: { shop: { select: { domain: true } } } });
  if (!order) return jsonError(404, "Order not found", "order_not_found");
  return Response.json({ ok: true, order: toApiOrder(order) }, { status: action === "shipments" ? 201 : 200 });
}

async function runAction(ctx: PartnersContext, providerId: string, orderId: string, action: OrderAction, body: unknown) {
  switch (action) {
    case "accept":
      return acceptOrder(ctx, providerId, orderId);
    case "reject": {
      const b: z.infer<typeof RejectBody> = parseWith(RejectBody, body);
      return rejectOrder(ctx, providerId, orderId, b.reason, b.message);
    }
    case "shipments": {
      const b = parseWith(ShipmentBody, body);
      return shipOrder(ctx, providerId, orderId, { number: b.trackingNumber, company: b.carrier, ...(b.trackingUrl ? { url: b.trackingUrl } : {}) });
    }
    case "cancel": {
      const b = parseWith(CancelBody, body);
      return answerCancellation(ctx, providerId, orderId, b.accept, b.message);
    }
  }
}
