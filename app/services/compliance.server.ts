// customers/data_request and customers/redact. Waypost holds no customer profile; what it may hold about a
// customer is order-scoped: webhook payloads (which carry the shipping address and email), the fulfillment state,
// and the tracking pushes made for those orders. Redaction erases the personal parts and keeps what the merchant
// still needs for accounting (order id, tracking value, delivery outcome).
import { z } from "zod";
import type { Tx } from "./webhook-receipts.server";
import { eraseUnlinkedInboundEvents } from "./tracking/inbound-erasure.server";

const resourceId = z.union([z.number().int(), z.string().max(64)]).transform(String);

export const CustomerPayload = z.object({
  shop_domain: z.string().max(255),
  customer: z.object({ id: resourceId, email: z.string().max(320).nullish() }).passthrough(),
  orders_requested: z.array(resourceId).max(10_000).optional(),
  orders_to_redact: z.array(resourceId).max(10_000).optional(),
}).passthrough();

type CustomerRequest = z.infer<typeof CustomerPayload>;

async function holdings(tx: Tx, shop: string, orderIds: string[]) {
  const shopRow = await tx.shop.findUnique({ where: { domain: shop }, select: { id: true } });
  const [receipts, fulfillments, deliveries] = await Promise.all([
    tx.webhookReceipt.count({ where: { shopDomain: shop, orderId: { in: orderIds } } }),
    shopRow ? tx.fulfillmentRecord.count({ where: { shopId: shopRow.id, orderId: { in: orderIds } } }) : 0,
    shopRow ? tx.outboxMessage.count({ where: { shopId: shopRow.id, orderId: { in: orderIds } } }) : 0,
  ]);
  return { shopId: shopRow?.id ?? null, receipts, fulfillments, deliveries };
}

export async function recordDataRequest(tx: Tx, shop: string, request: CustomerRequest) {
  const orderIds = request.orders_requested ?? [];
  const held = await holdings(tx, shop, orderIds);
  await tx.complianceRequest.create({
    data: {
      shopDomain: shop,
      topic: "customers/data_request",
      customerId: request.customer.id,
      payload: { customer: { id: request.customer.id }, orders_requested: orderIds },
      summary: {
        orders: orderIds,
        webhookPayloads: held.receipts,
        fulfillmentRecords: held.fulfillments,
        trackingDeliveries: held.deliveries,
        note: "Waypost stores no customer profile; data is order-scoped (shipping address and email inside fulfillment webhook payloads, tracking numbers and delivery logs).",
      },
    },
  });
}

export async function redactCustomer(tx: Tx, shop: string, request: CustomerRequest) {
  const orderIds = request.orders_to_redact ?? [];
  const held = await holdings(tx, shop, orderIds);
  await tx.webhookReceipt.updateMany({
    where: { shopDomain: shop, orderId: { in: orderIds } },
    data: { payload: { redacted: true } },
  });
  if (held.shopId) {
    const messages = await tx.outboxMessage.findMany({
      where: { shopId: held.shopId, orderId: { in: orderIds } },
      select: { id: true },
    });
    const ids = messages.map((m) => m.id);
    await tx.outboxMessage.updateMany({ where: { id: { in: ids } }, data: { payload: { redacted: true } } });
    await tx.outboxAttempt.updateMany({
      where: { messageId: { in: ids } },
      data: { request: { redacted: true }, response: { redacted: true } },
    });
    await tx.inboundTrackingEvent.updateMany({
      where: { shopId: held.shopId, fulfillmentId: { in: await fulfillmentIdsOf(tx, held.shopId, orderIds) } },
      data: { payload: { redacted: true } },
    });
    await eraseUnlinkedInboundEvents(tx, held.shopId, orderIds, request.customer.email ?? undefined);
    // Labels of these orders: the address and the printed label go; tracking number and costs stay for accounting.
    const orderGids = orderIds.map((id) => `gid://shopify/Order/${id}`);
    await tx.label.updateMany({
      where: { shopId: held.shopId, orderId: { in: [...orderIds, ...orderGids] } },
      data: { toAddress: { redacted: true }, labelPdf: null, addressSuggestion: { redacted: true } },
    });
  }
  await tx.complianceRequest.create({
    data: {
      shopDomain: shop,
      topic: "customers/redact",
      customerId: request.customer.id,
      payload: { customer: { id: request.customer.id }, orders_to_redact: orderIds },
      summary: { redactedWebhookPayloads: held.receipts, redactedDeliveries: held.deliveries },
    },
  });
}

async function fulfillmentIdsOf(tx: Tx, shopId: string, orderIds: string[]) {
  const rows = await tx.fulfillmentRecord.findMany({
    where: { shopId, orderId: { in: orderIds } },
    select: { fulfillmentId: true },
  });
  return rows.map((r) => r.fulfillmentId);
}
