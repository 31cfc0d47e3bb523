// The admin defects fixed through their route actions, with session-token requests and a real database:
// connecting a channel twice, its default event rule, a failed test on the badge, merchant-facing credentials,
// settings as code from the settings page, and /favicon.ico.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import * as channelsRoute from "~/routes/app.channels._index";
import * as settingsCodeRoute from "~/routes/app.settings.code";
import * as faviconRoute from "~/routes/favicon[.]ico";
import { importSetup, MAX_IMPORT_BYTES } from "~/services/shipping-config-io.server";
import { adminCaller, adminRequest } from "../helpers/admin-action";
import { demoShippingConfig } from "../helpers/fixtures";
import { i18nFor, sayIn } from "../helpers/said";
import { useTrackingWorld } from "./tracking-world";

const SHOP = "ux-defects.myshopify.com";
const world = useTrackingWorld(SHOP);
const call = adminCaller(SHOP);

const connect = (over: Record<string, string> = {}) =>
  call(channelsRoute.action, "/app/channels", { intent: "create", type: "webhook", name: "Warehouse", wants: "tracking_number", url: "https://erp.example.com/hooks/waypost", authKind: "hmac", hmacSecret: "0123456789abcdef63c0", ...over });

describe("connecting a channel from the admin", () => {
  it("creates the connection with a default rule that sends every event of every order", async () => {
    const res = await connect();
    expect(res.status).toBe(200);
    const conn = await getDb().channelConnection.findFirstOrThrow({ where: { name: "Warehouse" } });
    expect(conn.settings).toMatchObject({ protocol: "https", host: "erp.example.com", path: "/hooks/waypost", auth: { kind: "hmac" } });
    const rules = await getDb().eventRule.findMany({ where: { channelId: conn.id } });
    expect(rules).toEqual([expect.objectContaining({ name: "All orders to Warehouse", enabled: true, orderType: { kind: "all" }, events: "all", salesChannel: "any" })]);
  });

  it("refuses a second connection to the same destination with a 409 that says which one exists", async () => {
    expect((await connect()).status).toBe(200);
    const again = await connect({ name: "Warehouse twice", url: "https://ERP.example.com/hooks/waypost" });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/"Warehouse" is already a connection to this destination/);
    expect((await sayIn("es-MX"))(again.body.said)).toBe("Webhook (formato Intelipost): “Warehouse” ya envía a este destino. Usa esa conexión o conecta otra dirección.");
    expect(await getDb().channelConnection.count({ where: { name: "Warehouse twice" } })).toBe(0);
    // Another path is another destination.
    expect((await connect({ name: "Warehouse returns", url: "https://erp.example.com/hooks/returns" })).status).toBe(200);
  });

  it("answers a URL that is not one with an error on the URL field", async () => {
    const res = await connect({ name: "Broken", url: "erp.example.com/hooks" });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: "url", message: "webhook_url_format" }]);
  });

  it("shows secrets as 'ending in' sentences and a failed test on the connection's badge", async () => {
    expect((await connect()).status).toBe(200);
    const conn = await getDb().channelConnection.findFirstOrThrow({ where: { name: "Warehouse" } });
    // erp.example.com resolves to a public address in tests, and nothing listens there from here: the test fails.
    await getDb().channelConnection.updateMany({ where: { id: conn.id, shopId: conn.shopId }, data: { lastError: "The webhook answered 500" } });
    const { body } = await call(channelsRoute.loader, "/app/channels");
    const listed = body.channels.find((c: { id: string }) => c.id === conn.id);
    expect(listed.credentials).toEqual(["HMAC secret ending in 63c0"]);
    // What the page words in the merchant's language (channels.json secrets).
    expect(listed.secrets).toEqual([{ field: "hmacSecret", last4: "63c0" }]);
    expect(listed.health).toBe("failing");
    const healthy = body.channels.find((c: { id: string }) => c.id === world.channels.wish);
    expect(healthy.health).toBe("connected");
  });
});

describe("settings as code on the settings page", () => {
  beforeEach(async () => {
    expect((await importSetup(SHOP, JSON.stringify(demoShippingConfig()))).ok).toBe(true);
  });

  const post = async (body: unknown) => {
    const res = await settingsCodeRoute.action({ request: adminRequest(SHOP, "/app/settings/code", body as never, "application/json"), params: {}, context: {} });
    return { status: res.status, body: (await res.json()) as any };
  };

  it("downloads the setup as a JSON attachment the import accepts back", async () => {
    const res = await settingsCodeRoute.loader({ request: adminRequest(SHOP, "/app/settings/code"), params: {}, context: {} });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="waypost-ux-defects-shipping\.json"$/);
    const text = await res.text();
    expect(JSON.parse(text).zones.length).toBeGreaterThan(0);
    expect(await post({ text, dryRun: true })).toEqual({ status: 200, body: { ok: true, dryRun: true, zones: expect.any(Number), services: expect.any(Number) } });
  });

  it("lists errors per document path, as the CLI does, and changes nothing", async () => {
    const before = await getDb().shop.findUniqueOrThrow({ where: { domain: SHOP }, select: { configVersion: true } });
    const doc = demoShippingConfig() as { currency: string };
    doc.currency = "DOLLARS";
    const res = await post({ text: JSON.stringify(doc), dryRun: false });
    expect(res.status).toBe(422);
    // English for the CLI, and a key of errors.json that the settings page says in the merchant's language.
    expect(res.body.errors).toContainEqual({ path: "currency", message: expect.any(String), key: "invalid_format" });
    expect(await importSetup(SHOP, JSON.stringify(doc))).toEqual({ ok: false, errors: res.body.errors });
    const fr = await i18nFor("fr");
    expect(res.body.errors.map((e: { key: string }) => fr.exists(`errors:${e.key}`))).not.toContain(false);
    const after = await getDb().shop.findUniqueOrThrow({ where: { domain: SHOP }, select: { configVersion: true } });
    expect(after.configVersion).toBe(before.configVersion);
  });

  it("refuses a file over the size limit and an unreadable upload with clear 4xx answers", async () => {
    const big = await post({ text: " ".repeat(MAX_IMPORT_BYTES + 1), dryRun: true });
    expect(big.status).toBe(422);
    expect(big.body.errors[0]).toMatchObject({ message: expect.stringMatching(/largest accepted is 2048 KB/), key: "import_too_large", params: { maxKb: 2048 } });
    const unreadable = await post({ file: "x" });
    expect(unreadable.status).toBe(400);
    const notJson = await post({ text: "{ zones: ", dryRun: true });
    expect(notJson.body.errors).toEqual([{ path: "(document)", message: "the file is not valid JSON", key: "import_unreadable", params: { reason: "is not valid JSON" } }]);
  });
});

describe("/favicon.ico", () => {
  it("answers 204 with a cache header instead of a logged 404", async () => {
    const res = faviconRoute.loader();
    expect(res.status).toBe(204);
    expect(res.headers.get("cache-control")).toMatch(/max-age=86400/);
  });
});
