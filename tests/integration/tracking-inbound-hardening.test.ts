// Issue 8 on the inbound endpoints: ids cannot be probed, a connection accepts only its own format, only the
// fields Waypost uses are stored, customers/redact reaches events that matched no fulfillment, and a crash
// answers without stack or SQL.
import { createHmac } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "~/db.server";
import { action as inboundAction } from "~/routes/inbound.$format.$connectionId";
import { action as customersRedact } from "~/routes/webhooks.customers.redact";
import { trackingContext } from "~/services/tracking/context.server";
import { handleInboundEvent } from "~/services/tracking/inbound-events.server";
import { webhookRequest } from "../helpers/shopify";
import { AFTERSHIP_WEBHOOK_SECRET, fulfillment, INTELIPOST_KEY, postWebhook, useTrackingWorld } from "./tracking-world";

const SHOP = "tracking-inbound-hardening.myshopify.com";
const world = useTrackingWorld(SHOP);

function intelipostBody(order: string, tracking: string, extra: Record<string, unknown> = {}) {
  return {
    order_number: order,
    tracking_code: tracking,
    invoice: { invoice_number: "1", invoice_key: null },
    history: { shipment_order_volume_state: "IN_TRANSIT", event_date: "2025-06-02T10:00:00-03:00", provider_message: "Em trânsito" },
    ...extra,
  };
}

async function post(format: string, connectionId: string, raw: string, headers: Record<string, string>) {
  const request = new Request(`https://waypost.test/inbound/${format}/${connectionId}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: raw });
  const res = await inboundAction({ request, params: { format, connectionId }, context: {} });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const intelipost = (body: unknown, { id = world.channels.webhook, key = INTELIPOST_KEY } = {}) => post("intelipost", id, JSON.stringify(body), { "api-key": key });

function aftershipSigned(connectionId: string, secret: string) {
  const raw = JSON.stringify({ event: "tracking_update", event_id: "e-1", msg: { tracking_number: "OJ1BR", tag: "InTransit" } });
  return post("aftership", connectionId, raw, { "aftership-hmac-sha256": createHmac("sha256", secret).update(raw).digest("base64") });
}

describe("inbound endpoints", () => {
  it("answer an unknown connection id and a bad key identically", async () => {
    const unknown = await intelipost(intelipostBody("1", "T1"), { id: "c0000000000000000000000000" });
    const badKey = await intelipost(intelipostBody("1", "T1"), { key: "wrong" });
    expect(unknown).toEqual(badKey);
    expect(unknown.status).toBe(401);
  });

  it("accept only the connection's own format", async () => {
    // The webhook connection's secret signs a valid AfterShip event: refused like a bad key.
    const wrongFormat = await aftershipSigned(world.channels.webhook, INTELIPOST_KEY);
    const badKey = await intelipost(intelipostBody("1", "T1"), { key: "wrong" });
    expect(wrongFormat).toEqual(badKey);
    expect((await intelipost(intelipostBody("1", "T1"), { id: world.channels.aftership, key: AFTERSHIP_WEBHOOK_SECRET })).status).toBe(401);
    expect((await aftershipSigned(world.channels.aftership, AFTERSHIP_WEBHOOK_SECRET)).status).toBe(200);
    expect(await getDb().inboundTrackingEvent.count()).toBe(1);
  });

  it("refuse a NUL character in a tracking number with 400, storing nothing", async () => {
    const res = await intelipost(intelipostBody("1", "OJ\u0000BR"));
    expect(res.status).toBe(400);
    expect(await getDb().inboundTrackingEvent.count()).toBe(0);
  });

  it("store only the fields Waypost uses, not the sender's body", async () => {
    await intelipost(intelipostBody("5001", "ZZ5001BR", { end_customer: { name: "Jane Doe", email: "jane@example.com" } }));
    const row = await getDb().inboundTrackingEvent.findFirstOrThrow();
    expect(row.payload).toEqual({ state: "IN_TRANSIT", trackingNumbers: ["ZZ5001BR", "1"], orderNumbers: ["5001"], orderIds: [], happenedAt: "2025-06-02T13:00:00.000Z" });
  });

  it("answer a crash with 503 and no stack or SQL", async () => {
    const crash = vi.spyOn(getDb().inboundTrackingEvent, "create").mockRejectedValue(new Error('SQLITE_ERROR: no such table "InboundTrackingEvent"\n    at claim (/app/x.ts:1:1)'));
    const res = await intelipost(intelipostBody("1", "T1"));
    crash.mockRestore();
    expect(res.status).toBe(503);
    expect(JSON.stringify(res.body)).not.toMatch(/SQLITE|InboundTrackingEvent|at claim/);
  });
});

describe("the inbound service", () => {
  it("records the event through the Admin API client its context hands in", async () => {
    await getDb().fulfillmentRecord.create({ data: { shopId: world.shopId, fulfillmentId: "4242", orderId: "4241", trackingNumbers: ["CTX42BR"] } });
    const sent: unknown[] = [];
    const admin = {
      graphql: async (_query: string, options?: { variables?: Record<string, unknown> }) => {
        sent.push(options?.variables);
        return Response.json({ data: { fulfillmentEventCreate: { fulfillmentEvent: { id: "gid://shopify/FulfillmentEvent/1", status: "IN_TRANSIT" }, userErrors: [] } } });
      },
    };
    const rawBody = JSON.stringify(intelipostBody("4241", "CTX42BR"));
    const input = { format: "intelipost", connectionId: world.channels.webhook, headers: new Headers({ "api-key": INTELIPOST_KEY }), rawBody };
    const answer = await handleInboundEvent(input, trackingContext({ adminFor: async () => admin }));
    expect(answer).toEqual({ status: 200, body: { ok: true, result: "applied" } });
    expect(sent).toEqual([{ fulfillmentEvent: expect.objectContaining({ fulfillmentId: "gid://shopify/Fulfillment/4242", status: "IN_TRANSIT" }) }]);
    expect(world.admin.state.fulfillmentEvents).toHaveLength(0);
  });
});

describe("customers/redact", () => {
  it("erases inbound events that matched no fulfillment, by order and by the customer's email", async () => {
    await intelipost(intelipostBody("5001", "ZZ5001BR"));
    await intelipost(intelipostBody("5002", "ZZ5002BR"));
    await getDb().inboundTrackingEvent.create({
      data: { shopId: world.shopId, source: "aftership", externalId: "legacy", result: "unknown_fulfillment", payload: { msg: { emails: ["jane@example.com"], tracking_number: "OLD1" } } },
    });
    const body = { shop_id: 1, shop_domain: SHOP, customer: { id: 7, email: "jane@example.com" }, orders_to_redact: [5001] };
    const res = await customersRedact({ request: webhookRequest("/webhooks/customers/redact", { topic: "CUSTOMERS_REDACT", shop: SHOP, body }), params: {}, context: {} });
    expect(res.status).toBe(200);
    const rows = await getDb().inboundTrackingEvent.findMany({ orderBy: { createdAt: "asc" } });
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/ZZ5001BR|jane@example\.com/);
    expect(text).toContain("ZZ5002BR");
  });
});

describe("fulfillment webhooks", () => {
  it("answer a NUL character or an oversized tracking number with 400, storing nothing", async () => {
    expect((await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 7001, orderId: 7002, tracking: ["OJ\u0000BR"] }))).status).toBe(400);
    expect((await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 7001, orderId: 7002, tracking: ["9".repeat(10_000)] }))).status).toBe(400);
    expect(await getDb().webhookReceipt.count()).toBe(0);
  });
});
