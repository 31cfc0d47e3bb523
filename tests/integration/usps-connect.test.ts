// Admin → Carriers → USPS through the route: connect verifies with one token call and one price call and shows
// the quota; bad input is a 422 with field errors; every row action needs its id and stays inside the shop;
// disconnect deletes the credentials and the cached token.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { sessionStorage } from "~/shopify.server";
import { saveShippingSetup } from "~/services/shipping-config.server";
import * as carrierRoute from "~/routes/app.carriers.$carrierId";
import { flushQuoteLog } from "~/services/rating/quote-log.server";
import { eraseShop } from "~/services/shop-lifecycle.server";
import { startUspsFake, type UspsFake } from "../fakes/usps";
import { adminCaller } from "../helpers/admin-action";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig } from "../helpers/fixtures";
import { sayIn } from "../helpers/said";
import { offlineSession } from "../helpers/shopify";
import { callRates, USPS_SERVICES_US, uspsInstance } from "../helpers/usps";

const SHOP = "usps-connect.myshopify.com";
const OTHER = "usps-other.myshopify.com";
const PATH = "/app/carriers/usps";
const db = useTestDatabase();
let fake: UspsFake;
type RouteArgs = { request: Request; params: Record<string, string>; context: Record<string, unknown> };
/** The generic carrier page, addressed as /app/carriers/usps (Remix fills params.carrierId from the URL). */
const asUsps = (fn: (args: never) => Promise<Response>) => (args: RouteArgs) => fn({ ...args, params: { carrierId: "usps" } } as never);
const route = { loader: asUsps(carrierRoute.loader), action: asUsps(carrierRoute.action) };
const call = adminCaller(SHOP);
type Said = Parameters<Awaited<ReturnType<typeof sayIn>>>[0];
let say: Awaited<ReturnType<typeof sayIn>>;
/** The side panel's lines as the merchant reads them in English. */
const panelText = (body: { panel: { lines: { text: Said }[] } }) => body.panel.lines.map((l) => say(l.text));

const form = (over: Record<string, string> = {}) => ({ intent: "connect", consumerKey: fake.state.clientId, consumerSecret: fake.state.clientSecret, mode: "test", originZip: "10001", ...over });

beforeAll(async () => {
  await db.ready();
  say = await sayIn("en");
  fake = await startUspsFake();
  process.env.USPS_API_URL = fake.url;
  resetEnvForTests();
});
afterAll(async () => {
  delete process.env.USPS_API_URL;
  resetEnvForTests();
  await fake.close();
});
beforeEach(async () => {
  await db.reset();
  for (const shop of [SHOP, OTHER]) {
    await getDb().shop.create({ data: { domain: shop } });
    await sessionStorage.storeSession(offlineSession(shop));
    expect((await saveShippingSetup(shop, demoShippingConfig())).ok).toBe(true);
  }
});

describe("the USPS connect page", () => {
  it("connects, verifies with one token call and one price call, and shows the quota used", async () => {
    const before = { token: fake.state.tokenCalls, price: fake.requests.filter((r) => r.path === "/prices/v3/base-rates/search").length };
    const saved = await call(route.action, PATH, form());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ok: true, message: "USPS is connected" });
    expect(say(saved.body.said)).toBe("USPS is connected");
    expect(say(saved.body.note)).toMatch(/^Sample price: USPS GROUND ADVANTAGE \$\d+\.\d\d \(commercial price, zone \w+\)$/);
    expect(fake.state.tokenCalls - before.token).toBe(1);
    expect(fake.requests.filter((r) => r.path === "/prices/v3/base-rates/search").length - before.price).toBe(1);
    const page = await call(route.loader, PATH);
    expect(page.body.originPostalCode).toBe("10001");
    expect(page.body.connections).toHaveLength(1);
    const { summary } = page.body.connections[0];
    expect(page.body.connections[0]).toMatchObject({ status: "connected", mode: "test" });
    expect([say(summary.title), say(summary.subtitle)]).toEqual([`USPS app ending in ${fake.state.clientId.slice(-4)}`, "Test (TEM)"]);
    expect(JSON.stringify(page.body)).not.toContain(fake.state.clientSecret);
    expect(say(page.body.panel.heading)).toBe("Hourly quota");
    expect(panelText(page.body)).toContain("Calls in the last hour: 2 of 60 (58 left)");
  });

  it("stores a failed verification as needs_reconnect with the reason", async () => {
    const res = await call(route.action, PATH, form({ consumerSecret: "wrong-secret" }));
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/^USPS could not be verified/);
    // Our words first, then USPS's own reason as it came.
    expect(say(res.body.said)).toMatch(/^USPS could not be verified · .+/);
    const connection = (await call(route.loader, PATH)).body.connections[0];
    expect(connection).toMatchObject({ status: "needs_reconnect", lastError: expect.any(String) });
    expect(connection.summary.notes).toContainEqual({ text: { verbatim: connection.lastError }, tone: "warning" });
  });

  it("answers bad input with 422 and field errors, and stores nothing", async () => {
    const res = await call(route.action, PATH, form({ consumerKey: "", crid: "12ab", paymentAccountType: "EPS", originZip: "1", hourlyQuota: "0", consumerSecret: "x".repeat(201) }));
    expect(res.status).toBe(422);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["consumerKey", "consumerSecret", "crid", "originZip", "hourlyQuota", "paymentAccountNumber"]));
    // Keys of errors.json, said in the merchant's language by the page; never zod's or the schema's English.
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: "paymentAccountNumber", message: "usps_payment_account_pair" }));
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: "consumerKey", message: "required" }));
    expect(await getDb().carrierConnection.count()).toBe(0);
  });

  it("says the page's outcomes and panel in the merchant's language, keeping USPS's own words as they came", async () => {
    await call(route.action, PATH, form());
    const fr = await sayIn("fr");
    const page = (await call(route.loader, PATH)).body;
    expect(fr(page.panel.heading)).toBe("Quota horaire");
    expect(page.panel.lines.map((l: { text: Said }) => fr(l.text))).toContain("Appels de la dernière heure\u00a0: 2 sur 60 (il en reste 58)");
    expect(fr(page.connections[0].summary.notes[0].text)).toBe("Prix publics commerciaux");
    const refused = await call(route.action, PATH, { intent: "verify", id: "no-such-row" });
    expect(refused.status).toBe(404);
    expect((await sayIn("de"))(refused.body.said)).toBe("Diese Verbindung existiert nicht mehr.");
  });

  it("refuses row actions without an id, and never acts on another shop's connection", async () => {
    expect((await call(route.action, PATH, { intent: "disconnect" })).status).toBe(400);
    expect((await call(route.action, PATH, { intent: "verify", originZip: "10001" })).status).toBe(400);
    await adminCaller(OTHER)(route.action, PATH, form());
    const theirs = await getDb().carrierConnection.findFirstOrThrow();
    expect((await call(route.action, PATH, { intent: "disconnect", id: theirs.id })).status).toBe(404);
    expect((await call(route.action, PATH, { intent: "verify", id: theirs.id, originZip: "10001" })).status).toBe(404);
    expect(await getDb().carrierConnection.count()).toBe(1);
  });

  it("disconnects: the connection, its credentials and its cached token are deleted", async () => {
    await call(route.action, PATH, form());
    const row = await getDb().carrierConnection.findFirstOrThrow();
    expect(await getDb().carrierState.count({ where: { key: { startsWith: `usps:token:${row.id}:` } } })).toBe(1);
    const res = await call(route.action, PATH, { intent: "disconnect", id: row.id });
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
    expect(await getDb().carrierConnection.count()).toBe(0);
    expect(await getDb().carrierState.count({ where: { key: { startsWith: `usps:token:${row.id}:` } } })).toBe(0);
    const page = (await call(route.loader, PATH)).body;
    expect(page.connections).toEqual([]);
    expect(panelText(page)).toContain("Connect USPS to see the quota.");
  });

  it("erases the cached token with the shop (shop/redact)", async () => {
    await call(route.action, PATH, form());
    const row = await getDb().carrierConnection.findFirstOrThrow();
    await getDb().$transaction((tx) => eraseShop(tx, SHOP));
    expect(await getDb().carrierState.count({ where: { key: { contains: `:${row.id}:` } } })).toBe(0);
  });

  it("shows the live, cached and fallback shares of the last day's USPS answers", async () => {
    await call(route.action, PATH, form());
    const setup = demoShippingConfig() as { zones: { name: string; services: unknown[] }[] };
    setup.zones.find((z) => z.name === "United States")!.services.push(...USPS_SERVICES_US);
    expect((await saveShippingSetup(SHOP, setup)).ok).toBe(true);
    const rating = uspsInstance(fake);
    await callRates(rating, SHOP, { postal: "94107" });
    await callRates(rating, SHOP, { postal: "94107", items: [{ name: "Mug", quantity: 2, grams: 400, price: 1500, requires_shipping: true, variant_id: 7 }] });
    fake.faults.next({ kind: "status", status: 503 }, { path: "/prices/v3/total-rates/search" });
    await callRates(rating, SHOP, { postal: "60601" });
    await flushQuoteLog();
    const page = await call(route.loader, PATH);
    expect(panelText(page.body)).toContain("Live 33% · Cached 33% · Learned 0% · Fallback 33%");
  });
});
