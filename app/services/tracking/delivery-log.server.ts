// The delivery log: every outbox row with its attempts (summaries already redacted by the connectors), the
// fulfillment updates that could not be planned, and carrier events that were not applied.
import { z } from "zod";
import { OUTBOX_STATUSES } from "~/domain/tracking/outbox-status";
import { shopByDomain, type TrackingContext } from "./context.server";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const opt = z.preprocess(blank, z.string().trim().max(255).optional());

export const DeliveryFilterSchema = z.object({
  status: z.preprocess(blank, z.enum(OUTBOX_STATUSES).optional()),
  channelId: opt,
  order: opt,
  page: z.preprocess(blank, z.coerce.number().int().min(1).default(1)),
});

export async function listDeliveries(ctx: TrackingContext, shopDomain: string, filter: z.infer<typeof DeliveryFilterSchema>) {
  const shop = await shopByDomain(ctx, shopDomain);
  const db = ctx.db;
  const order = filter.order?.trim();
  const where = {
    shopId: shop.id,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.channelId ? { channelId: filter.channelId } : {}),
    ...(order ? { OR: [{ orderName: { in: [order, order.startsWith("#") ? order.slice(1) : `#${order}`] } }, { orderId: order }] } : {}),
  };
  const pageSize = 25;
  const [rows, total, channels, attention, receiptsFailed, inbound] = await Promise.all([
    db.outboxMessage.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (filter.page - 1) * pageSize,
      take: pageSize,
      include: { channel: { select: { name: true, type: true } }, attemptLog: { orderBy: { startedAt: "desc" }, take: 10 } },
    }),
    db.outboxMessage.count({ where }),
    db.channelConnection.findMany({ where: { shopId: shop.id }, select: { id: true, name: true } }),
    db.outboxMessage.count({ where: { shopId: shop.id, status: "needs_attention" } }),
    db.webhookReceipt.findMany({ where: { shopDomain, status: "failed" }, orderBy: { receivedAt: "desc" }, take: 20 }),
    db.inboundTrackingEvent.findMany({ where: { shopId: shop.id, result: { in: ["unknown_fulfillment", "failed"] } }, orderBy: { createdAt: "desc" }, take: 20 }),
  ]);
  return {
    total,
    page: filter.page,
    pageSize,
    attention,
    channels,
    deliveries: rows.map((r) => ({
      id: r.id,
      orderName: r.orderName,
      orderId: r.orderId,
      fulfillmentId: r.fulfillmentId,
      channelId: r.channelId,
      channelName: r.channel.name,
      channelType: r.channel.type,
      trackingValue: r.trackingValue,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      nextAttemptAt: r.status === "retrying" || r.status === "pending" ? r.nextAttemptAt.toISOString() : null,
      deliveredAt: r.deliveredAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      // Stored summaries are already redacted by the connectors (channel.ts summarizeRequest).
      attemptLog: r.attemptLog.map((a) => ({
        id: a.id,
        startedAt: a.startedAt.toISOString(),
        outcome: a.outcome,
        error: a.error,
        latencyMs: a.latencyMs,
        request: a.request,
        response: a.response,
      })),
    })),
    failedReceipts: receiptsFailed.map((r) => ({ id: r.id, topic: r.topic, orderId: r.orderId, error: r.error, receivedAt: r.receivedAt.toISOString() })),
    inboundProblems: inbound.map((e) => ({ id: e.id, source: e.source, status: e.status, result: e.result, detail: e.detail, createdAt: e.createdAt.toISOString() })),
  };
}

/** For the home page: deliveries the merchant must act on. */
export async function countNeedingAttention(ctx: TrackingContext, shopDomain: string): Promise<number> {
  const shop = await ctx.db.shop.findUnique({ where: { domain: shopDomain }, select: { id: true } });
  if (!shop) return 0;
  return ctx.db.outboxMessage.count({ where: { shopId: shop.id, status: { in: ["needs_attention", "dead"] } } });
}

/** Puts a receipt whose planning gave up back in the planner's queue. */
export async function replanReceipt(ctx: TrackingContext, shopDomain: string, id: string) {
  const res = await ctx.db.webhookReceipt.updateMany({ where: { id, shopDomain, status: "failed" }, data: { status: "received", error: null } });
  return res.count > 0;
}
