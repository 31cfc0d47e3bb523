// The home page through its loader and action: the setup guide from an empty shop to a complete one, the checks
// that bring a dismissed guide back, and the dashboard's SQL aggregates (run on SQLite, and on PostgreSQL with
// TEST_DATABASE_URL).
import { beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig } from "../helpers/fixtures";
import { BROWSER_UA, sessionToken } from "../helpers/shopify";
import { useAdminShop } from "../helpers/admin-shop";
import { getDb } from "~/db.server";
import { getShippingSetup, saveShippingSetup } from "~/services/shipping-config.server";
import { quoteWindowStats } from "~/services/dashboard/quote-stats.server";
import { runShippingTest } from "~/services/test-shipping-page.server";
import { emptyCartLine } from "~/admin/forms/test-cart";
import * as home from "~/routes/app._index";

const SHOP = "home-page.myshopify.com";
const db = useTestDatabase();
const admin = useAdminShop(db, SHOP);

function request(form?: Record<string, string>) {
  const headers: Record<string, string> = { Authorization: `Bearer ${sessionToken(SHOP)}`, "User-Agent": BROWSER_UA };
  if (form) headers["Content-Type"] = "application/x-www-form-urlencoded";
  return new Request(`${process.env.SHOPIFY_APP_URL}/app`, { method: form ? "POST" : "GET", headers, body: form ? new URLSearchParams(form).toString() : undefined });
}
const load = async () => (await (await home.loader({ request: request(), params: {}, context: {} })).json()) as any;
const act = async (form: Record<string, string>) => home.action({ request: request(form), params: {}, context: {} });
const steps = (data: any) => Object.fromEntries(data.guide.steps.map((s: any) => [s.id, s.status]));

beforeEach(() => {
  admin.fake.state.products = [
    { id: "gid://shopify/Product/1", title: "Tee", variants: [{ id: "gid://shopify/ProductVariant/11", title: "S", sku: "T-S", grams: 400 }, { id: "gid://shopify/ProductVariant/12", title: "L", sku: "T-L", grams: 0 }] },
  ];
});

describe("the setup guide on the home page", () => {
  it("starts an empty shop with every step to do and counts the products missing weight or dimensions", async () => {
    const data = await load();
    expect(steps(data)).toEqual({ carrier: "todo", zones: "todo", services: "todo", products: "todo", test: "todo", shopify: "todo" });
    expect(data.guide.visible).toBe(true);
    expect(data.guide.facts.products).toEqual({ missingWeight: 1, missingDimensions: 2, oversize: 0, total: 2, complete: true });
    expect(data.checkoutReady).toBe(false);
    expect(data.rates.day).toMatchObject({ count: 0, p50Ms: null, p95Ms: null, sources: [] });
  });

  it("marks steps done as the merchant chooses own rate tables, creates zones and passes Test your shipping", async () => {
    expect((await act({ intent: "own_rate_tables" })).status).toBe(200);
    await saveShippingSetup(SHOP, demoShippingConfig());
    const line = { ...emptyCartLine("lb", "in"), name: "Tee", weight: "1", price: "20" };
    const tested = await runShippingTest(SHOP, { destination: { country: "US", province: "NY", postalCode: "10001", city: "" }, items: [line] });
    expect(tested.ok && tested.result.rates.length).toBeGreaterThan(0);
    const data = await load();
    expect(steps(data)).toMatchObject({ carrier: "done", zones: "done", services: "done", test: "done" });
    expect(data.guide.facts.testPassedAt).not.toBeNull();
  });

  it("hides once dismissed and comes back, naming the zone, when a zone has no enabled service", async () => {
    await saveShippingSetup(SHOP, demoShippingConfig());
    await act({ intent: "dismiss" });
    expect((await load()).guide.visible).toBe(false);

    const setup = (await getShippingSetup(SHOP))!;
    const empty = { id: "new-zone", name: "New zone", priority: 100, regions: [{ type: "country", country: "US" }], services: [] };
    expect((await saveShippingSetup(SHOP, { ...setup.config, zones: [...setup.config.zones, empty] }, setup.version)).ok).toBe(true);
    const data = await load();
    expect(data.guide).toMatchObject({ visible: true, broken: ["services"], zonesWithoutServices: [{ id: "new-zone", name: "New zone" }] });
    expect(data.overlaps).toEqual([expect.objectContaining({ winner: { id: "us", name: expect.any(String) }, shadowed: { id: "new-zone", name: "New zone" }, reason: "no_services", unreachable: true })]);
  });

  it("comes back when a carrier needs reconnecting or Shopify refused the registration", async () => {
    await act({ intent: "dismiss" });
    await getDb().carrierConnection.create({ data: { shopId: admin.shopId, carrierId: "ups", accountNumber: "A1", status: "needs_reconnect" } });
    expect((await load()).guide).toMatchObject({ visible: true, broken: ["carrier"] });
    await getDb().carrierConnection.deleteMany({ where: { shopId: admin.shopId } });
    await getDb().shop.update({ where: { id: admin.shopId }, data: { carrierServiceStatus: "refused" } });
    expect((await load()).guide).toMatchObject({ visible: true, broken: ["shopify"] });
  });

  it("shows the guide again on request and refuses an unknown intent with a 400", async () => {
    await act({ intent: "dismiss" });
    await act({ intent: "show" });
    expect((await load()).guide.visible).toBe(true);
    const bad = await act({ intent: "drop_tables" });
    expect(bad.status).toBe(400);
  });

  it("reports the products problem instead of failing when Shopify does not answer", async () => {
    admin.fake.failNext(503, 5);
    const data = await load();
    expect(data.guide.facts.products).toBeNull();
    expect(data.guide.productsError).toBe("temporary");
  });
});

describe("a zone without an enabled service at checkout", () => {
  it("is skipped, so the shop's real zone still answers", async () => {
    const config = demoShippingConfig() as { zones: unknown[] };
    config.zones.unshift({ id: "empty-us", name: "Empty US", priority: 1, regions: [{ type: "country", country: "US" }], services: [] });
    expect((await saveShippingSetup(SHOP, config)).ok).toBe(true);
    const line = { ...emptyCartLine("lb", "in"), name: "Tee", weight: "1", price: "20" };
    const tested = await runShippingTest(SHOP, { destination: { country: "US", province: "NY", postalCode: "10001", city: "" }, items: [line] });
    expect(tested.ok).toBe(true);
    if (!tested.ok) return;
    expect(tested.result.trace.zone?.id).toBe("us");
    expect(tested.result.rates.length).toBeGreaterThan(0);
  });
});

describe("the rate-request dashboard", () => {
  const NOW = new Date("2026-06-01T12:30:00.000Z"); // long before the real clock, so the loader test sees only its own rows
  const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
  const row = (at: Date, latencyMs: number, sources: unknown[], fallbacks = 0, shop = admin.shopId) => ({ shopId: shop, createdAt: at, fingerprint: "f", zoneId: "us", destination: "US", sources: sources as never, rates: [] as never, fallbacks, latencyMs });
  const ok = (id: string) => ({ sourceId: id, outcome: "ok", latencyMs: 1, cached: false, messages: [] });
  const failed = (id: string, outcome: string) => ({ sourceId: id, outcome, latencyMs: 1, cached: false, messages: [] });

  beforeEach(async () => {
    const other = (await getDb().shop.create({ data: { domain: "other.myshopify.com" } })).id;
    await getDb().quoteLog.createMany({
      data: [
        ...Array.from({ length: 18 }, (_, i) => row(hoursAgo(1), 5 + (i % 3), [ok("table:3:us")])),
        row(hoursAgo(2), 250, [ok("table:3:us"), failed("ups:3:us:c1", "timeout")], 2),
        row(hoursAgo(2), 1234, [failed("ups:3:us:c1", "error")], 1),
        row(hoursAgo(3), 4, [{ answerCache: true, hits: 10 }]),
        row(hoursAgo(30), 9, [ok("table:2:us")]),
        row(hoursAgo(24 * 8), 9, [ok("table:1:us")]),
        row(hoursAgo(1), 9999, [ok("table:3:us")], 5, other),
      ],
    });
  });

  it("counts the last 24 hours with answer-cache hits weighted, percentiles from the histogram, and fallbacks with their reasons", async () => {
    const day = await quoteWindowStats(admin.shopId, { windowHours: 24, bucketHours: 1, now: NOW });
    expect(day.count).toBe(18 + 2 + 10);
    expect(day.p50Ms).toBe(5); // 10 cache hits at 4 ms, then 6 at 5 ms reach rank 15 of 30
    expect(day.p95Ms).toBe(260);
    expect(day.withFallback).toBe(2);
    expect(day.problems).toEqual({ timeout: 1, error: 1 });
    expect(day.sources.map((s) => [s.source, s.totals])).toEqual([
      ["table", { ok: 19 }],
      ["ups", { timeout: 1, error: 1 }],
    ]);
    expect(day.sources[0].buckets).toHaveLength(24);
    expect(day.sources[0].buckets[22].outcomes).toEqual({ ok: 18 }); // 11:00–12:00, one hour before NOW
  });

  it("keeps a week in seven daily buckets and leaves out older rows and other shops", async () => {
    const week = await quoteWindowStats(admin.shopId, { windowHours: 24 * 7, bucketHours: 24, now: NOW });
    expect(week.count).toBe(31);
    expect(week.sources.find((s) => s.source === "table")?.buckets).toHaveLength(7);
    expect(week.sources.find((s) => s.source === "table")?.totals).toEqual({ ok: 20 });
  });

  it("shows the last day's requests and the tracking deliveries by status through the home loader", async () => {
    await getDb().quoteLog.createMany({ data: [row(new Date(Date.now() - 60_000), 12, [ok("usps:4:us")]), row(new Date(Date.now() - 90_000), 40, [failed("usps:4:us", "timeout")], 1)] });
    const channel = await getDb().channelConnection.create({ data: { shopId: admin.shopId, type: "webhook", name: "Hook", settings: {}, secrets: "" } });
    const message = (status: string, n: number, deliveredAt?: Date) => ({ shopId: admin.shopId, channelId: channel.id, idempotencyKey: `${status}-${n}`, fulfillmentId: "f", orderId: "o", trackingValue: "t", payload: {}, status, deliveredAt });
    await getDb().outboxMessage.createMany({
      data: [message("delivered", 1, new Date()), message("delivered", 2, new Date(Date.now() - 10 * 86_400_000)), message("retrying", 1), message("needs_attention", 1), message("needs_attention", 2), message("dead", 1)],
    });
    const data = await load();
    expect(data.rates.day).toMatchObject({ count: 2, withFallback: 1, problems: { timeout: 1 } });
    expect(data.rates.day.sources.map((s: any) => s.source)).toEqual(["usps"]);
    expect(data.deliveries).toEqual({ delivered7d: 1, retrying: 1, needsAttention: 2, dead: 1 });
  });
});

describe("carrier alerts on labels on the home page", () => {
  async function labelWithAlert(shop: string, n: number, opts: { status?: string; alert?: string; at?: Date } = {}) {
    const batch = await getDb().labelBatch.create({ data: { shopId: shop, carrierId: "usps", connectionId: "c", mailingDate: "2030-01-02" } });
    const json = {} as never;
    return getDb().label.create({
      data: {
        shopId: shop, batchId: batch.id, orderId: `gid://shopify/Order/${n}`, orderName: `#${n}`, fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${n}`, idempotencyKey: `key-${n}`,
        serviceCode: "PRIORITY_MAIL", options: json, toAddress: json, fromAddress: json, parcel: json, status: opts.status ?? "fulfilled", trackingNumber: `9400${n}`,
        ...(opts.alert ? { trackingAlert: opts.alert, trackingAlertAt: opts.at ?? new Date() } : {}),
      },
    });
  }

  it("lists counterfeit-postage and postage-due alerts through the home loader, newest first, this shop's only", async () => {
    expect((await load()).labelAlerts).toEqual({ count: 0, latest: [] });
    const hour = 3_600_000;
    await labelWithAlert(admin.shopId, 1, { alert: "Postage Due - Suspected Counterfeit Postage", at: new Date(Date.now() - 2 * hour) });
    await labelWithAlert(admin.shopId, 2, { alert: "Counterfeit Postage Detected - Item Held", at: new Date(Date.now() - hour) });
    await labelWithAlert(admin.shopId, 3);
    await labelWithAlert(admin.shopId, 4, { status: "voided", alert: "Postage Due" });
    await labelWithAlert(admin.shopId, 5, { alert: "Postage Due", at: new Date(Date.now() - 40 * 24 * hour) });
    const other = (await getDb().shop.create({ data: { domain: "other-home.myshopify.com" } })).id;
    await labelWithAlert(other, 6, { alert: "Postage Due" });

    const data = await load();
    expect(data.labelAlerts.count).toBe(2);
    expect(data.labelAlerts.latest.map((a: any) => [a.orderName, a.trackingNumber, a.message])).toEqual([
      ["#2", "94002", "Counterfeit Postage Detected - Item Held"],
      ["#1", "94001", "Postage Due - Suspected Counterfeit Postage"],
    ]);
  });
});
