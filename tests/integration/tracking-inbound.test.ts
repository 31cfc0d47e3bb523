import { createHmac, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { runOutboxOnce } from "~/services/tracking/outbox.server";
import { action as inboundAction } from "~/routes/inbound.$format.$connectionId";
import { addOrder, AFTERSHIP_WEBHOOK_SECRET, fulfillment, INTELIPOST_KEY, NFE_KEY, NFE_NUMBER, postWebhook, useTrackingWorld } from "./tracking-world";

const SHOP = "tracking-inbound.myshopify.com";
const world = useTrackingWorld(SHOP);

beforeEach(async () => {
  // A shipped Wish order whose NF-e number went to Wish and tracking number to the webhook.
  addOrder(world, { id: "3001", name: "#3001", nfe: NFE_KEY, channelOrderId: "wish-in-1" });
  await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 9001, orderId: 3001, tracking: ["OJ900000001BR"] }));
  await runOutboxOnce();
});

function intelipostBody(over: { state?: string; tracking?: string; order?: string; invoice?: string; date?: string } = {}) {
  return {
    order_number: over.order ?? "3001",
    tracking_code: over.tracking ?? "OJ900000001BR",
    volume_number: "1",
    invoice: { invoice_series: "1", invoice_number: over.invoice ?? NFE_NUMBER, invoice_key: NFE_KEY },
    history: {
      shipment_order_volume_state: over.state ?? "IN_TRANSIT",
      event_date: over.date ?? "2025-06-02T10:00:00-03:00",
      provider_message: "Objeto em trânsito",
    },
  };
}

async function intelipost(body: unknown, { key = INTELIPOST_KEY, connectionId = world.channels.webhook, raw }: { key?: string | null; connectionId?: string; raw?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== null) headers["api-key"] = key;
  const request = new Request(`https://waypost.test/inbound/intelipost/${connectionId}`, { method: "POST", headers, body: raw ?? JSON.stringify(body) });
  const res = await inboundAction({ request, params: { format: "intelipost", connectionId }, context: {} });
  return { status: res.status, body: (await res.json()) as { ok: boolean; result?: string; duplicate?: boolean } };
}

function aftershipBody(over: { tag?: string; tracking?: string; eventId?: string; orderId?: string } = {}) {
  return {
    event: "tracking_update",
    event_id: over.eventId ?? randomUUID(),
    ts: 1_750_000_000,
    is_tracking_first_tag: false,
    msg: {
      id: "as-1",
      slug: "intelipost",
      tracking_number: over.tracking ?? "OJ900000001BR",
      tag: over.tag ?? "OutForDelivery",
      order_id: over.orderId ?? "3001",
      order_number: "#3001",
      checkpoints: [{ message: "Saiu para entrega", checkpoint_time: "2025-06-03T08:00:00-03:00", tag: over.tag ?? "OutForDelivery" }],
    },
  };
}

async function aftership(body: unknown, { secret = AFTERSHIP_WEBHOOK_SECRET, tamper = false } = {}) {
  const raw = JSON.stringify(body);
  const sig = createHmac("sha256", secret).update(raw).digest("base64");
  const request = new Request(`https://waypost.test/inbound/aftership/${world.channels.aftership}`, {
    method: "POST",
    headers: { "content-type": "application/json", "aftership-hmac-sha256": sig },
    body: tamper ? raw.replace("OutForDelivery", "Delivered") : raw,
  });
  const res = await inboundAction({ request, params: { format: "aftership", connectionId: world.channels.aftership }, context: {} });
  return { status: res.status, body: (await res.json()) as { ok: boolean; result?: string; duplicate?: boolean } };
}

describe("inbound tracking events", () => {
  it("applies an Intelipost event as a Shopify fulfillment event, once", async () => {
    const first = await intelipost(intelipostBody());
    expect(first).toEqual({ status: 200, body: { ok: true, result: "applied" } });
    expect(world.admin.state.fulfillmentEvents).toEqual([
      { fulfillmentId: "gid://shopify/Fulfillment/9001", status: "IN_TRANSIT", happenedAt: "2025-06-02T13:00:00.000Z", message: "Objeto em trânsito" },
    ]);
    const again = await intelipost(intelipostBody());
    expect(again.body).toMatchObject({ ok: true, duplicate: true, result: "applied" });
    expect(world.admin.state.fulfillmentEvents).toHaveLength(1);
    const rows = await getDb().inboundTrackingEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: "intelipost", result: "applied", fulfillmentId: "9001", status: "IN_TRANSIT" });
  });

  it("finds the fulfillment by the NF-e number pushed to Wish when Intelipost sends no tracking code", async () => {
    const res = await intelipost({ ...intelipostBody({ state: "DELIVERED" }), tracking_code: null });
    expect(res.body.result).toBe("applied");
    expect(world.admin.state.fulfillmentEvents.map((e) => e.status)).toEqual(["DELIVERED"]);
  });

  it("rejects a wrong or missing api-key with 401 and a malformed body with 400, recording nothing", async () => {
    expect((await intelipost(intelipostBody(), { key: "wrong" })).status).toBe(401);
    expect((await intelipost(intelipostBody(), { key: null })).status).toBe(401);
    expect((await intelipost(null, { raw: "{not json" })).status).toBe(400);
    expect((await intelipost({ order_number: "3001" })).status).toBe(400);
    expect((await intelipost(intelipostBody(), { connectionId: "nope" })).status).toBe(401);
    expect(await getDb().inboundTrackingEvent.count()).toBe(0);
  });

  it("records an event for an unknown fulfillment as unknown_fulfillment instead of dropping it", async () => {
    const res = await intelipost(intelipostBody({ tracking: "XX000000000BR", order: "9999", invoice: "77" }));
    expect(res).toEqual({ status: 200, body: { ok: true, result: "unknown_fulfillment" } });
    const row = await getDb().inboundTrackingEvent.findFirstOrThrow();
    expect(row.result).toBe("unknown_fulfillment");
    expect(row.detail).toMatch(/XX000000000BR/);
    expect(world.admin.state.fulfillmentEvents).toHaveLength(0);
  });

  it("ignores states that create no Shopify event, recording why", async () => {
    expect((await intelipost(intelipostBody({ state: "NEW" }))).body.result).toBe("ignored");
    expect((await intelipost(intelipostBody({ state: "LOST_IN_SPACE" }))).body.result).toBe("ignored");
    const details = (await getDb().inboundTrackingEvent.findMany({ orderBy: { createdAt: "asc" } })).map((r) => r.detail);
    expect(details).toEqual(["State NEW creates no Shopify fulfillment event", "Unknown state LOST_IN_SPACE"]);
  });

  it("applies a signed AfterShip event, de-duplicated by event id, and rejects a bad signature", async () => {
    const body = aftershipBody({ eventId: "0d2f2a76-1111-4b5e-9c7a-000000000001" });
    expect((await aftership(body, { tamper: true })).status).toBe(401);
    expect((await aftership(body, { secret: "not-the-secret" })).status).toBe(401);
    expect(await aftership(body)).toEqual({ status: 200, body: { ok: true, result: "applied" } });
    expect((await aftership(body)).body.duplicate).toBe(true);
    expect(world.admin.state.fulfillmentEvents).toEqual([
      expect.objectContaining({ fulfillmentId: "gid://shopify/Fulfillment/9001", status: "OUT_FOR_DELIVERY", message: "Saiu para entrega" }),
    ]);
  });

  it("answers 503 and retries the same event when Shopify is unavailable", async () => {
    world.admin.failNext(503, 3);
    const body = aftershipBody({ tag: "Delivered", eventId: "0d2f2a76-2222-4b5e-9c7a-000000000002" });
    const failed = await aftership(body);
    expect(failed.status).toBe(503);
    expect((await getDb().inboundTrackingEvent.findFirstOrThrow()).result).toBe("failed");
    world.admin.failNext(503, 0);
    expect(await aftership(body)).toEqual({ status: 200, body: { ok: true, result: "applied" } });
    expect(world.admin.state.fulfillmentEvents.map((e) => e.status)).toEqual(["DELIVERED"]);
  });
});
