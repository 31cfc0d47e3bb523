// Issue 8 on the tracking admin: actions name the row and the shop, refuse bodies that are not forms, NUL
// characters and oversized strings with field errors, and refuse webhook destinations inside our network at save.
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import * as channelsRoute from "~/routes/app.channels._index";
import * as rulesRoute from "~/routes/app.channels.rules";
import * as deliveriesRoute from "~/routes/app.deliveries";
import { adminCaller } from "../helpers/admin-action";
import { useTrackingWorld } from "./tracking-world";

const SHOP = "tracking-hardening.myshopify.com";
const world = useTrackingWorld(SHOP);
const call = adminCaller(SHOP);

const connected = () => getDb().channelConnection.count({ where: { status: "connected" } });
const webhookForm = (over: Record<string, string> = {}) => ({
  intent: "create", type: "webhook", name: "ERP", wants: "tracking_number", protocol: "https", host: "hooks.example.com", path: "/w", authKind: "none", ...over,
});

describe("admin actions without an id", () => {
  it("disconnect nothing when intent=disconnect has no id", async () => {
    const before = await connected();
    const res = await call(channelsRoute.action, "/app/channels", { intent: "disconnect" });
    expect(res.status).toBe(400);
    expect(await connected()).toBe(before);
  });

  it("toggle and delete no event rule when the id is missing", async () => {
    const rules = await getDb().eventRule.findMany({ orderBy: { position: "asc" } });
    expect((await call(rulesRoute.action, "/app/channels/rules", { intent: "toggle", enabled: "false" })).status).toBe(400);
    expect((await call(rulesRoute.action, "/app/channels/rules", { intent: "delete" })).status).toBe(400);
    expect(await getDb().eventRule.findMany({ orderBy: { position: "asc" } })).toEqual(rules);
  });

  it("change nothing of another shop's channel named by id", async () => {
    const other = await getDb().shop.create({ data: { domain: "someone-else.myshopify.com" } });
    const theirs = await getDb().channelConnection.create({ data: { shopId: other.id, type: "aftership", name: "Theirs", settings: {}, secrets: "" } });
    const res = await call(channelsRoute.action, "/app/channels", { intent: "disconnect", id: theirs.id });
    expect(res.status).toBe(404);
    expect((await getDb().channelConnection.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("connected");
  });
});

describe("admin actions with hostile bodies", () => {
  it("answer a JSON body on the channels and deliveries actions with 415 and a clear message", async () => {
    const channels = await call(channelsRoute.action, "/app/channels", { intent: "disconnect", id: world.channels.webhook }, "application/json");
    expect(channels).toMatchObject({ status: 415, body: { ok: false, message: expect.stringMatching(/form/) } });
    const deliveries = await call(deliveriesRoute.action, "/app/deliveries", { intent: "retry", id: "x" }, "text/plain");
    expect(deliveries.status).toBe(415);
    expect(await connected()).toBe(3);
  });

  it("refuse a NUL character in an admin field with an error on that field, storing nothing", async () => {
    const res = await call(channelsRoute.action, "/app/channels", webhookForm({ name: "ERP\u0000" }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: "name", message: "no_nul" }]);
    const rule = await call(rulesRoute.action, "/app/channels/rules", { intent: "save", name: "x", channelId: world.channels.webhook, orderTypeKind: "tag", tag: "a\u0000b", allEvents: "true", enabled: "true" });
    expect(rule.body.errors).toEqual([{ path: "tag", message: "no_nul" }]);
    expect(await getDb().channelConnection.count({ where: { name: { startsWith: "ERP" } } })).toBe(0);
  });

  it("refuse oversized credentials and names with a field-level error", async () => {
    const huge = "k".repeat(1_000_000);
    const res = await call(channelsRoute.action, "/app/channels", { intent: "create", type: "aftership", name: "AS", wants: "tracking_number", apiKey: huge, defaultSlug: "s".repeat(500) });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["apiKey", "defaultSlug"]);
    const wish = await call(channelsRoute.action, "/app/channels", { intent: "create", type: "wish", name: "W", wants: "nfe_number", clientId: huge, clientSecret: "s", accessToken: "t", shippingProvider: "p".repeat(101) });
    expect(wish.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["clientId", "shippingProvider"]);
    const hook = await call(channelsRoute.action, "/app/channels", webhookForm({ authKind: "hmac", hmacSecret: huge }));
    expect(hook.body.errors).toEqual([{ path: "hmacSecret", message: "text_max", params: { count: 2048 } }]);
    expect(await getDb().channelConnection.count()).toBe(3);
  });
});

describe("saving a webhook destination", () => {
  it("refuses private, link-local and metadata addresses with a field error on the host", async () => {
    for (const host of ["10.0.0.5", "169.254.169.254", "192.168.1.20", "metadata.google.internal"]) {
      const res = await call(channelsRoute.action, "/app/channels", webhookForm({ host }));
      expect(res.status, host).toBe(422);
      expect(res.body.errors, host).toEqual([{ path: "host", message: "destination_not_allowed", params: { reason: expect.any(String) } }]);
    }
    expect(await getDb().channelConnection.count()).toBe(3);
  });

  it("refuses a name that resolves to a private address", async () => {
    const internal = adminCaller(SHOP, { lookup: async () => ["10.1.2.3"] });
    const res = await internal(channelsRoute.action, "/app/channels", webhookForm({ host: "erp.internal.example" }));
    expect(res.body.errors).toEqual([{ path: "host", message: "destination_not_allowed", params: { reason: expect.stringMatching(/private/) } }]);
  });

  it("saves a name that resolves to a public address", async () => {
    const res = await call(channelsRoute.action, "/app/channels", webhookForm());
    expect(res).toEqual({ status: 200, body: { ok: true, intent: "create", message: expect.stringMatching(/^Connected/) } });
  });
});
