// The tracking admin through its route loaders and actions, with session-token requests and a real database.
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import * as channelsRoute from "~/routes/app.channels._index";
import * as rulesRoute from "~/routes/app.channels.rules";
import * as deliveriesRoute from "~/routes/app.deliveries";
import { runOutboxOnce } from "~/services/tracking/outbox.server";
import { countNeedingAttention } from "~/services/tracking/delivery-log.server";
import { trackingContext } from "~/services/tracking/context.server";
import { adminCaller } from "../helpers/admin-action";
import { storedSaid } from "~/lib/stored-said";
import { sayIn } from "../helpers/said";
import { addOrder, fulfillment, postWebhook, useTrackingWorld } from "./tracking-world";

const SHOP = "tracking-admin.myshopify.com";
const world = useTrackingWorld(SHOP);

const call = adminCaller(SHOP);

describe("the tracking admin", () => {
  it("lists channel connections with redacted secrets only", async () => {
    const { status, body } = await call(channelsRoute.loader, "/app/channels");
    expect(status).toBe(200);
    expect(body.channels.map((c: { type: string }) => c.type)).toEqual(["wish", "webhook", "aftership"]);
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/wat_|wrt_|sink-secret|asat_0123|intelipost-api-key/);
    expect(body.channels[0].credentials).toContainEqual(expect.stringMatching(/^Access token ending in \w{4}$/));
    expect(body.channels[1].inbound.intelipost).toBe(`${process.env.SHOPIFY_APP_URL}/inbound/intelipost/${world.channels.webhook}`);
    expect(body.channels[0].settings.baseUrl).toBeUndefined();
  });

  it("connects a webhook channel with HMAC, answering field errors first", async () => {
    const bad = await call(channelsRoute.action, "/app/channels", { intent: "create", type: "webhook", name: "", wants: "tracking_number", protocol: "https", host: "hooks example", path: "/x", authKind: "hmac", hmacSecret: "" });
    expect(bad.status).toBe(422);
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toContain("name");
    const bad2 = await call(channelsRoute.action, "/app/channels", { intent: "create", type: "webhook", name: "ERP", wants: "tracking_number", protocol: "https", host: "hooks example", path: "/x", authKind: "hmac", hmacSecret: "0123456789abcdef0" });
    // Validation answers message keys; the page words them in the merchant's language (app/locales/*/errors.json).
    expect(bad2.body.errors).toEqual([expect.objectContaining({ path: "host", message: "invalid_format" })]);
    const good = await call(channelsRoute.action, "/app/channels", { intent: "create", type: "webhook", name: "ERP", wants: "nfe_key", protocol: "https", host: "hooks.example.com", path: "/waypost", authKind: "hmac", hmacSecret: "0123456789abcdef0" });
    expect(good).toEqual({ status: 200, body: { ok: true, intent: "create", message: expect.stringMatching(/^Connected/) } });
    const stored = await getDb().channelConnection.findFirstOrThrow({ where: { name: "ERP" } });
    expect(stored.settings).toEqual({ protocol: "https", host: "hooks.example.com", path: "/waypost", auth: { kind: "hmac" }, wants: "nfe_key" });
    expect(stored.secrets).not.toContain("0123456789abcdef0");
  });

  it("sends a test through the webhook channel and disconnects a channel", async () => {
    const test = await call(channelsRoute.action, "/app/channels", { intent: "test", id: world.channels.webhook });
    expect(test.body).toMatchObject({ ok: true });
    expect(world.sink.state.received.map((d) => (d.body as { event: string }).event)).toEqual(["test"]);
    await call(channelsRoute.action, "/app/channels", { intent: "disconnect", id: world.channels.webhook });
    expect((await getDb().channelConnection.findUniqueOrThrow({ where: { id: world.channels.webhook } })).status).toBe("disconnected");
  });

  it("says a test's outcome in the merchant's language, with the destination's own answer as it came", async () => {
    const fr = await sayIn("fr");
    const passed = await call(channelsRoute.action, "/app/channels", { intent: "test", id: world.channels.webhook });
    expect(fr(passed.body.said)).toBe("Webhook (format Intelipost) a accepté le test");
    const secret = world.sink.state.auth;
    world.sink.state.auth = { kind: "hmac", secret: "not-the-one-waypost-signs-with" };
    try {
      const failed = await call(channelsRoute.action, "/app/channels", { intent: "test", id: world.channels.webhook });
      expect(failed.body).toMatchObject({ ok: false, said: { key: "channels:test.failed", params: { typeKey: "channels:types.webhook", reason: failed.body.message } } });
      expect(fr(failed.body.said)).toBe(`Webhook (format Intelipost) n'a pas accepté le test\u00a0: ${failed.body.message}`);
    } finally {
      world.sink.state.auth = secret;
    }
    const missing = await call(channelsRoute.action, "/app/channels", { intent: "test", id: "no-such-connection" });
    expect((await sayIn("id"))(missing.body.said)).toBe("Koneksi tidak ditemukan");
  });

  it("saves NF-e settings and rejects an empty metafield key with a field error", async () => {
    const bad = await call(channelsRoute.action, "/app/channels", { intent: "settings", nfeKind: "metafield", nfeNamespace: "br", nfeKey: "", refKind: "attribute", refAttribute: "wish_order_id" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(["nfeKey"]);
    const ok = await call(channelsRoute.action, "/app/channels", { intent: "settings", nfeKind: "attribute", nfeAttribute: "NF-e", refKind: "attribute", refAttribute: "wish_order_id", originCountry: "br" });
    expect(ok.status).toBe(200);
    const shop = await getDb().shop.findUniqueOrThrow({ where: { domain: SHOP } });
    expect(shop.trackingSettings).toEqual({ nfeSource: { kind: "attribute", name: "NF-e" }, channelOrderId: { kind: "attribute", name: "wish_order_id" }, originCountry: "BR" });
  });

  it("adds an event rule with all events in one click, and explains a rule without events", async () => {
    const none = await call(rulesRoute.action, "/app/channels/rules", { intent: "save", name: "Delivered only", channelId: world.channels.webhook, orderTypeKind: "all", allEvents: "false", salesChannel: "", enabled: "true" });
    expect(none.status).toBe(422);
    expect(none.body.errors).toEqual([{ path: "events", message: "events_required", params: {} }]);
    const ok = await call(rulesRoute.action, "/app/channels/rules", { intent: "save", name: "Ultra", channelId: world.channels.aftership, orderTypeKind: "international", allEvents: "true", salesChannel: "UltraCart", enabled: "true" });
    expect(ok.status).toBe(200);
    const { body } = await call(rulesRoute.loader, "/app/channels/rules");
    expect(body.rules.at(-1)).toMatchObject({ name: "Ultra", events: "all", salesChannel: "ultracart", orderType: { kind: "international" }, position: 3 });
    await call(rulesRoute.action, "/app/channels/rules", { intent: "up", id: body.rules.at(-1).id });
    expect((await call(rulesRoute.loader, "/app/channels/rules")).body.rules.map((r: { name: string }) => r.name)).toEqual([
      "Wish orders",
      "Everything to the webhook",
      "Ultra",
      "AfterShip for US",
    ]);
  });

  it("shows the delivery log filtered by status and lets the merchant retry and resolve", async () => {
    addOrder(world, { id: "4001", name: "#4001", nfe: null, channelOrderId: "wish-a" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 8001, orderId: 4001, tracking: ["OJ4001BR"] }));
    await runOutboxOnce();
    expect(await countNeedingAttention(trackingContext(), SHOP)).toBe(1);
    const held = await call(deliveriesRoute.loader, "/app/deliveries?status=needs_attention");
    expect(held.body.deliveries).toHaveLength(1);
    expect(held.body.deliveries[0]).toMatchObject({ orderName: "#4001", channelName: "Wish", status: "needs_attention", lastError: expect.stringMatching(/nfeNumberMissing/) });
    const byOrder = await call(deliveriesRoute.loader, "/app/deliveries?order=4001");
    expect(byOrder.body.deliveries).toHaveLength(2);
    const delivered = byOrder.body.deliveries.find((d: { status: string }) => d.status === "delivered");
    expect(delivered.attemptLog[0].request.headers["x-waypost-signature"]).toBeDefined();

    const resolved = await call(deliveriesRoute.action, "/app/deliveries", { intent: "resolve", id: held.body.deliveries[0].id });
    expect(resolved.body.ok).toBe(true);
    expect(await countNeedingAttention(trackingContext(), SHOP)).toBe(0);
    const again = await call(deliveriesRoute.action, "/app/deliveries", { intent: "retry", id: held.body.deliveries[0].id });
    expect(again.body.ok).toBe(true);
    // A refusal names the delivery's status in the merchant's language, not the internal enum.
    const sent = await call(deliveriesRoute.action, "/app/deliveries", { intent: "retry", id: delivered.id });
    expect(sent.status).toBe(409);
    expect((await sayIn("de"))(sent.body.said)).toBe("Diese Zustellung kann nicht erneut versucht werden (Status: Zugestellt).");
    const bogus = await call(deliveriesRoute.action, "/app/deliveries", { intent: "explode" });
    expect(bogus.status).toBe(400);
  });

  it("says Waypost's own stored delivery errors in the merchant's language, and older English rows as they were", async () => {
    addOrder(world, { id: "4002", sourceName: "web", country: "BR" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 8002, orderId: 4002, tracking: ["TRK8002"] }));
    await runOutboxOnce({ limit: 0 }); // plan only: the row is queued while the channel is still connected
    await call(channelsRoute.action, "/app/channels", { intent: "disconnect", id: world.channels.webhook });
    await runOutboxOnce();
    const fr = await sayIn("fr");
    const held = await call(deliveriesRoute.loader, "/app/deliveries?status=needs_attention");
    const row = held.body.deliveries.find((d: { channelId: string }) => d.channelId === world.channels.webhook);
    const expected = "La connexion au canal «\u00a0Intelipost webhook\u00a0» est déconnectée\u00a0; reconnectez-la et réessayez";
    expect(fr(storedSaid(row.lastError))).toBe(expected);
    expect(fr(storedSaid(row.attemptLog[0].error))).toBe(expected);
    const channels = await call(channelsRoute.loader, "/app/channels");
    const hook = channels.body.channels.find((c: { id: string }) => c.id === world.channels.webhook);
    expect(fr(storedSaid(hook.lastError))).toBe(expected);

    // A row written before the stored format keeps its English text.
    const shop = await getDb().shop.findUniqueOrThrow({ where: { domain: SHOP } });
    await getDb().outboxMessage.updateMany({ where: { id: row.id, shopId: shop.id }, data: { lastError: "The shop is no longer installed" } });
    const old = await call(deliveriesRoute.loader, "/app/deliveries?status=needs_attention");
    const oldRow = old.body.deliveries.find((d: { id: string }) => d.id === row.id);
    expect(fr(storedSaid(oldRow.lastError))).toBe("The shop is no longer installed");
  });
});
