import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { runOutboxOnce } from "~/services/tracking/outbox.server";
import { addOrder, fulfillment, NFE_KEY, NFE_NUMBER, postWebhook, SINK_SECRET, useTrackingWorld } from "./tracking-world";
import { verifySinkAuth } from "../fakes/webhook-sink";
import { storedSaid } from "~/lib/stored-said";
import { sayIn } from "../helpers/said";

const SHOP = "tracking-hooks.myshopify.com";
const world = useTrackingWorld(SHOP);

describe("fulfillment webhooks", () => {
  it("rejects a forged signature with 401 and a request missing Shopify headers with 400, storing nothing", async () => {
    addOrder(world, { id: "1001", nfe: NFE_KEY, channelOrderId: "wish-1" });
    const body = fulfillment({ id: 5001, orderId: 1001, tracking: ["OJ123456789BR"] });
    expect((await postWebhook(SHOP, "fulfillments/create", body, { tamper: true })).status).toBe(401);
    expect((await postWebhook(SHOP, "fulfillments/create", body, { omit: ["X-Shopify-Webhook-Id"] })).status).toBe(400);
    expect((await postWebhook(SHOP, "fulfillments/create", body, { omit: ["X-Shopify-Hmac-Sha256"] })).status).toBe(401);
    expect(await getDb().webhookReceipt.count()).toBe(0);
  });

  it("answers 400 naming the field for a payload that is not a fulfillment", async () => {
    const res = await postWebhook(SHOP, "fulfillments/create", { id: 1, status: "success" });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/order_id/);
  });

  it("accepts the same webhook id or event id once, producing one set of deliveries", async () => {
    addOrder(world, { id: "1002", nfe: NFE_KEY, channelOrderId: "wish-2" });
    const body = fulfillment({ id: 5002, orderId: 1002, tracking: ["OJ000000002BR"] });
    const first = await postWebhook(SHOP, "fulfillments/create", body, { webhookId: "wh-1", eventId: "ev-1" });
    const sameDelivery = await postWebhook(SHOP, "fulfillments/create", body, { webhookId: "wh-1", eventId: "ev-1" });
    const sameEvent = await postWebhook(SHOP, "fulfillments/create", body, { webhookId: "wh-2", eventId: "ev-1" });
    expect([first.status, sameDelivery.status, sameEvent.status]).toEqual([200, 200, 200]);
    expect(await getDb().webhookReceipt.count()).toBe(1);
    await runOutboxOnce();
    // A genuinely new delivery of the same content (new ids) plans nothing new: the keys already exist.
    const replay = await postWebhook(SHOP, "fulfillments/create", body, { webhookId: "wh-3", eventId: "ev-3" });
    expect(replay.status).toBe(200);
    expect(await getDb().webhookReceipt.count()).toBe(1); // the same bytes: a duplicate by body hash
    await runOutboxOnce();
    const rows = await getDb().outboxMessage.findMany();
    expect(rows.map((r) => r.channelId).sort()).toEqual([world.channels.wish, world.channels.webhook].sort());
    expect(world.wish.state.orders.get("wish-2")!.trackingUpdates).toBe(1);
    expect(world.sink.state.received).toHaveLength(1);
  });

  it("delivers a Wish order's fulfillment to Wish with the NF-e number and to the webhook with the full payload", async () => {
    addOrder(world, { id: "1003", name: "#1003", nfe: NFE_KEY, channelOrderId: "wish-3" });
    const res = await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 5003, orderId: 1003, tracking: ["OJ123456789BR"] }));
    expect(res.status).toBe(200);
    // Nothing is sent inside the request: the receipt is durable and planning happens afterwards.
    expect(world.wish.requests).toHaveLength(0);
    const receipt = await getDb().webhookReceipt.findFirstOrThrow();
    expect(receipt.status).toBe("received");

    const summary = await runOutboxOnce();
    expect(summary.plan.planned).toBe(1);
    expect(summary.outcomes).toEqual({ delivered: 2 });
    expect((await getDb().webhookReceipt.findFirstOrThrow()).status).toBe("processed");

    const order = world.wish.state.orders.get("wish-3")!;
    expect(order.tracking).toEqual({ tracking_number: NFE_NUMBER, shipping_provider: "Intelipost", origin_country: "BR" });
    expect(order.trackingUpdates).toBe(1);
    expect(world.admin.callsTo("OrderContext")).toHaveLength(1);

    expect(world.sink.state.received).toHaveLength(1);
    const hook = world.sink.state.received[0];
    expect(verifySinkAuth({ kind: "hmac", secret: SINK_SECRET }, hook.headers, hook.bodyText)).toBe(true);
    expect(hook.body).toMatchObject({
      event: "tracking_changed",
      shop: SHOP,
      order_number: "#1003",
      tracking_code: "OJ123456789BR",
      invoice: { invoice_number: NFE_NUMBER, invoice_series: "1", invoice_key: NFE_KEY },
      order: { id: "1003", channel_order_id: "wish-3", origin_country: "BR", destination_country: "BR", line_items: [{ sku: "TSHIRT-M", title: "T-shirt", quantity: 2 }] },
      fulfillment: { id: "5003" },
      tracking: { value: "OJ123456789BR", numbers: ["OJ123456789BR"], company: "Correios" },
    });
    // AfterShip's rule needs the "aftership" tag: nothing went there.
    expect(world.aftership.state.trackings).toHaveLength(0);

    const rows = await getDb().outboxMessage.findMany({ include: { attemptLog: true } });
    expect(rows.every((r) => r.status === "delivered" && r.attemptLog.length === 1)).toBe(true);
    const wishAttempt = rows.find((r) => r.channelId === world.channels.wish)!.attemptLog[0];
    expect(JSON.stringify(wishAttempt.request)).toContain("[redacted]");
    expect(JSON.stringify(wishAttempt.request)).not.toMatch(/wat_/);
  });

  it("holds a Wish delivery as needs attention when the order has no NF-e, and never sends it", async () => {
    addOrder(world, { id: "1004", name: "#1004", nfe: null, channelOrderId: "wish-4" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 5004, orderId: 1004, tracking: ["OJ000000004BR"] }));
    await runOutboxOnce();
    const held = await getDb().outboxMessage.findFirstOrThrow({ where: { channelId: world.channels.wish } });
    expect(held.status).toBe("needs_attention");
    expect((await sayIn("en"))(storedSaid(held.lastError!))).toBe(
      "Order #1004 needs an NF-e number: none found; add the NF-e number or access key and retry · looked in the order metafield br.nfe_key",
    );
    expect((await sayIn("de"))(storedSaid(held.lastError!))).toBe(
      "Die Bestellung #1004 braucht eine NF-e-Nummer: keine gefunden; füge die NF-e-Nummer oder den Zugriffsschlüssel hinzu und versuche es erneut · gesucht im Bestellungs-Metafeld br.nfe_key",
    );
    expect(world.wish.requests.filter((r) => r.method === "PUT")).toHaveLength(0);
    // The merchant's own webhook wants the tracking number and still gets it.
    expect(world.sink.state.received).toHaveLength(1);
  });

  it("holds an invalid NF-e key with the reason, and sends after the merchant fixes it and retries", async () => {
    const bad = NFE_KEY.slice(0, 43) + "1";
    addOrder(world, { id: "1005", name: "#1005", nfe: bad, channelOrderId: "wish-5" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 5005, orderId: 1005, tracking: ["OJ000000005BR"] }));
    await runOutboxOnce();
    const held = await getDb().outboxMessage.findFirstOrThrow({ where: { channelId: world.channels.wish } });
    expect(held.status).toBe("needs_attention");
    expect((await sayIn("en"))(storedSaid(held.lastError!))).toMatch(
      /^Order #1005 has an invalid NF-e value \(.*check digit.*\); correct it and retry · looked in the order metafield br\.nfe_key$/,
    );
    expect(world.wish.requests).toHaveLength(0);

    addOrder(world, { id: "1005", name: "#1005", nfe: NFE_KEY, channelOrderId: "wish-5" });
    const { retryNow } = await import("~/services/tracking/outbox.server");
    expect(await retryNow(held.id)).toEqual({ ok: true, count: 1 });
    await runOutboxOnce();
    const sent = await getDb().outboxMessage.findUniqueOrThrow({ where: { id: held.id } });
    expect(sent.status).toBe("delivered");
    expect(sent.trackingValue).toBe(NFE_NUMBER);
    expect(world.wish.state.orders.get("wish-5")!.tracking?.tracking_number).toBe(NFE_NUMBER);
  });

  it("keeps the receipt for a later pass when the Admin API is down, then plans it", async () => {
    addOrder(world, { id: "1006", nfe: NFE_KEY, channelOrderId: "wish-6" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 5006, orderId: 1006, tracking: ["OJ000000006BR"] }));
    world.admin.failNext(503, 5);
    const first = await runOutboxOnce();
    expect(first.plan).toMatchObject({ planned: 0, deferred: 1 });
    const receipt = await getDb().webhookReceipt.findFirstOrThrow();
    expect(receipt.status).toBe("received");
    expect(receipt.error).toMatch(/OrderContext/);
    world.admin.failNext(503, 0);
    const second = await runOutboxOnce();
    expect(second.plan.planned).toBe(1);
    expect(second.outcomes).toEqual({ delivered: 2 });
  });

  it("routes by tag: an order tagged aftership creates an AfterShip tracking with the order ids", async () => {
    addOrder(world, { id: "1007", name: "#1007", sourceName: "web", tags: ["aftership"], country: "US" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 5007, orderId: 1007, tracking: ["1Z999AA10123456784"], company: "UPS" }));
    await runOutboxOnce();
    expect(world.aftership.state.trackings).toEqual([
      expect.objectContaining({ slug: "ups", tracking_number: "1Z999AA10123456784", order_id: "1007", order_number: "#1007" }),
    ]);
    // Not a Wish order: the Wish rule (sales channel wish) did not match.
    expect(await getDb().outboxMessage.count({ where: { channelId: world.channels.wish } })).toBe(0);
  });
});
