// Partner webhooks: order.created / order.updated POSTed to a link's webhook URL, signed with the link's secret
// (X-Waypost-Hmac-Sha256 = base64 HMAC-SHA256 of the raw body). This file queues the durable rows and replays them;
// webhook-delivery.server.ts claims and sends them, webhook-worker.server.ts runs that in the background.
// Payload: docs/3pl.md, "Webhooks".
import { createHmac } from "node:crypto";
import { PartnerError, type PartnersContext } from "./context.server";
import { notifyPartnerWebhooks } from "./webhook-signal.server";

export const PARTNER_EVENTS = ["order.created", "order.updated"] as const;
export type PartnerEvent = (typeof PARTNER_EVENTS)[number];
export const SIGNATURE_HEADER = "X-Waypost-Hmac-Sha256";

export function signPartnerBody(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

/** The documented payload: the order as the provider sees it (no Shopify tokens, no customer beyond the address). */
export async function partnerOrderPayload(ctx: PartnersContext, shopId: string, orderId: string) {
  const o = await ctx.db.partnerOrder.findFirst({ where: { id: orderId, shopId }, include: { shop: { select: { domain: true } } } });
  if (!o) return null;
  return {
    id: o.id,
    shop: o.shop.domain,
    linkId: o.linkId,
    fulfillmentOrderId: o.fulfillmentOrderId,
    orderName: o.orderName,
    status: o.status,
    settingsVersion: o.settingsVersion,
    details: o.details,
    tracking: o.trackingNumber ? { number: o.trackingNumber, company: o.trackingCompany } : null,
    updatedAt: o.updatedAt.toISOString(),
  };
}

/** Queues an event when the link has a webhook URL; the payload is fixed now, so a retry sends the same bytes. */
export async function enqueuePartnerEvent(ctx: PartnersContext, link: { id: string; shopId: string }, event: PartnerEvent, orderId: string) {
  const linkRow = await ctx.db.partnerLink.findFirst({ where: { id: link.id, shopId: link.shopId }, select: { webhookUrl: true } });
  if (!linkRow?.webhookUrl) return null;
  const data = await partnerOrderPayload(ctx, link.shopId, orderId);
  if (!data) return null;
  const row = await ctx.db.partnerWebhookMessage.create({
    data: { shopId: link.shopId, linkId: link.id, orderId, event, payload: { event, occurredAt: ctx.now().toISOString(), data } as never, nextAttemptAt: ctx.now() },
  });
  notifyPartnerWebhooks();
  return row;
}

/**
 * The provider sends a dead, retrying or delivered message again now (from a fresh attempt budget). A message a
 * worker holds right now (its POST is running) is left alone: replaying it would send the same event twice at once.
 */
export async function replayPartnerWebhook(ctx: PartnersContext, providerId: string, messageId: string) {
  const now = ctx.now();
  const res = await ctx.db.partnerWebhookMessage.updateMany({
    where: { id: messageId, link: { providerId }, status: { in: ["dead", "retrying", "delivered"] }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { status: "pending", attempts: 0, nextAttemptAt: now, lastError: null, leaseOwner: null, leaseUntil: null },
  });
  if (res.count === 0) throw new PartnerError("Webhook message not found", 404, "errors.webhookMessageNotFound");
  notifyPartnerWebhooks();
}
