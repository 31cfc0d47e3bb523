// Void and re-ship, end to end through the tracking outbox: a label bought for a Wish order is pushed to Wish; the
// merchant voids it and re-ships; the new tracking number replaces the old one on the same Shopify fulfillment,
// Shopify's fulfillments/update webhook brings it back in, and Wish gets the new number. When the old number had
// not reached Wish yet, its delivery is superseded and Wish only ever sees the new one.
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { createLabelBatch } from "~/services/labels/batches.server";
import { runLabelJobsOnce } from "~/services/labels/jobs.server";
import { voidLabel } from "~/services/labels/void.server";
import { runOutboxOnce } from "~/services/tracking/outbox.server";
import { startUspsFake, type UspsFake } from "../fakes/usps";
import { connectUspsLabels, fulfillmentOrder, labelTestContext, addOpenOrders } from "../helpers/labels";
import { addOrder, at, fulfillment, minutes, postWebhook, useTrackingWorld } from "./tracking-world";

const SHOP = "labels-reship.myshopify.com";
const world = useTrackingWorld(SHOP);
const T0 = new Date("2030-01-01T12:00:00Z");

async function setup() {
  const usps: UspsFake = await startUspsFake({ quotaPerHour: 1000 });
  await connectUspsLabels(world.shopId, usps.state);
  // This Wish store wants the carrier's tracking number (USPS), not an NF-e.
  await getDb().channelConnection.updateMany({
    where: { id: world.channels.wish, shopId: world.shopId },
    data: { settings: { clientId: world.wish.state.clientId, shippingProvider: "USPS", wants: "tracking_number", baseUrl: world.wish.url } },
  });
  const ctx = labelTestContext({ adminUrl: world.admin.url, uspsUrl: usps.url });
  const shop = { id: world.shopId, domain: SHOP };
  const fo = addOpenOrders(world.admin, [fulfillmentOrder()])[0];
  const orderNumber = Number(fo.order.id.split("/").pop());
  const wishOrderId = `W${orderNumber}`;
  addOrder(world, { id: String(orderNumber), sourceName: "wish", channelOrderId: wishOrderId, country: "US" });
  const drainLabels = async () => {
    for (let i = 0; i < 10; i++) if ((await runLabelJobsOnce(ctx, { owner: "labels", retryDelayMs: () => 0 })).claimed === 0) break;
  };
  /** What Shopify sends after fulfillmentCreate / fulfillmentTrackingInfoUpdate, built from the fake's record. */
  const shopifyWebhook = async (topic: "fulfillments/create" | "fulfillments/update", fulfillmentGid: string) => {
    const f = world.admin.state.fulfillments.find((x) => x.id === fulfillmentGid)!;
    const numbers = f.trackingInfo.map((t) => t.number!);
    const body = { ...fulfillment({ id: Number(fulfillmentGid.split("/").pop()), orderId: orderNumber, tracking: numbers, company: f.trackingInfo[0].company }), tracking_url: f.trackingInfo[0].url };
    expect((await postWebhook(SHOP, topic, body)).status).toBe(200);
  };
  const buyFirst = async () => {
    const created = await createLabelBatch(ctx, shop, { fulfillmentOrderIds: [fo.id] });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    await drainLabels();
    const label = await getDb().label.findFirstOrThrow({ where: { shopId: shop.id, batchId: created.batchId } });
    expect(label.status).toBe("fulfilled");
    await shopifyWebhook("fulfillments/create", label.fulfillmentId!);
    return label;
  };
  const reship = async (labelId: string) => {
    const r = await voidLabel(ctx, shop, labelId, { reship: true });
    if (!r.ok || !r.newLabelId) throw new Error(`re-ship failed: ${JSON.stringify(r)}`);
    await drainLabels();
    const fresh = await getDb().label.findFirstOrThrow({ where: { id: r.newLabelId, shopId: shop.id } });
    expect(fresh.status).toBe("fulfilled");
    await shopifyWebhook("fulfillments/update", fresh.fulfillmentId!);
    return fresh;
  };
  const wishRows = () => getDb().outboxMessage.findMany({ where: { shopId: world.shopId, channelId: world.channels.wish }, orderBy: { createdAt: "asc" } });
  return { usps, wishOrderId, buyFirst, reship, wishRows };
}

describe("void and re-ship through the channels", () => {
  it("sends Wish the new tracking number after the old one was delivered", async () => {
    const s = await setup();
    try {
      const old = await s.buyFirst();
      await runOutboxOnce({ now: T0 });
      expect(world.wish.state.orders.get(s.wishOrderId)?.tracking).toMatchObject({ tracking_number: old.trackingNumber, shipping_provider: "USPS" });

      const fresh = await s.reship(old.id);
      expect(fresh.trackingNumber).not.toBe(old.trackingNumber);
      expect(fresh.fulfillmentId).toBe(old.fulfillmentId);
      await runOutboxOnce({ now: at(T0, minutes(1)) });

      expect(world.wish.state.orders.get(s.wishOrderId)?.tracking?.tracking_number).toBe(fresh.trackingNumber);
      expect((await s.wishRows()).map((r) => [r.trackingValue, r.status])).toEqual([
        [old.trackingNumber, "delivered"],
        [fresh.trackingNumber, "delivered"],
      ]);
      // The merchant's webhook hears both numbers, in order; USPS charged two labels and refunded one.
      await runOutboxOnce({ now: at(T0, minutes(2)) });
      expect(world.sink.state.received.map((d) => (d.body as { tracking_code: string }).tracking_code)).toEqual([old.trackingNumber, fresh.trackingNumber]);
      expect(s.usps.state.labels.charges).toHaveLength(2);
      expect(s.usps.state.labels.refunds).toHaveLength(1);
    } finally {
      await s.usps.close();
    }
  });

  it("supersedes the old number when it had not reached Wish yet, so Wish only sees the new one", async () => {
    const s = await setup();
    try {
      const old = await s.buyFirst();
      world.wish.faults.always({ kind: "status", status: 503, body: { code: 1, message: "Service Unavailable", data: {} } }, { method: "PUT" });
      await runOutboxOnce({ now: T0 });
      expect((await s.wishRows()).map((r) => r.status)).toEqual(["retrying"]);

      const fresh = await s.reship(old.id);
      world.wish.faults.clear();
      // Due again after the retry delay (at most 1 min × 1.2).
      await runOutboxOnce({ now: at(T0, minutes(2)) });

      expect((await s.wishRows()).map((r) => [r.trackingValue, r.status])).toEqual([
        [old.trackingNumber, "superseded"],
        [fresh.trackingNumber, "delivered"],
      ]);
      const order = world.wish.state.orders.get(s.wishOrderId)!;
      expect(order.tracking?.tracking_number).toBe(fresh.trackingNumber);
      expect(order.trackingUpdates).toBe(1);
    } finally {
      await s.usps.close();
    }
  });
});
