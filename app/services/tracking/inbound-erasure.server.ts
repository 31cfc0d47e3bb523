// customers/redact for inbound carrier events that matched no fulfillment: they are linked to nothing Shopify
// names, so they are found by what they carry (the orders' ids, names and tracking numbers, and the customer's
// email, which rows stored before payloads were trimmed may hold).
import type { Tx } from "~/services/webhook-receipts.server";

async function identifiersOf(tx: Tx, shopId: string, orderIds: string[]): Promise<string[]> {
  const [records, pushes] = await Promise.all([
    tx.fulfillmentRecord.findMany({ where: { shopId, orderId: { in: orderIds } }, select: { trackingNumbers: true } }),
    tx.outboxMessage.findMany({ where: { shopId, orderId: { in: orderIds } }, select: { orderName: true, trackingValue: true } }),
  ]);
  const tracking = records.flatMap((r) => (Array.isArray(r.trackingNumbers) ? (r.trackingNumbers as string[]) : []));
  const names = pushes.flatMap((p) => (p.orderName ? [p.orderName, p.orderName.replace(/^#/, "")] : []));
  return [...orderIds, ...names, ...tracking, ...pushes.map((p) => p.trackingValue)].filter((v) => v && v.trim() !== "");
}

/** Returns how many events were erased. */
export async function eraseUnlinkedInboundEvents(tx: Tx, shopId: string, orderIds: string[], customerEmail?: string): Promise<number> {
  const values = [...new Set([...(await identifiersOf(tx, shopId, orderIds)), ...(customerEmail ? [customerEmail] : [])])];
  if (values.length === 0) return 0;
  // A JSON string token (quotes included) matches a whole value, never a substring of a longer one.
  const tokens = values.map((v) => JSON.stringify(v));
  const mentions = (e: { payload: unknown }) => {
    const text = JSON.stringify(e.payload);
    return tokens.some((t) => text.includes(t));
  };
  const unlinked = await tx.inboundTrackingEvent.findMany({ where: { shopId, fulfillmentId: null }, select: { id: true, payload: true } });
  const hits = unlinked.filter(mentions).map((e) => e.id);
  if (hits.length === 0) return 0;
  await tx.inboundTrackingEvent.updateMany({ where: { shopId, id: { in: hits } }, data: { payload: { redacted: true }, detail: null } });
  return hits.length;
}
