// The rate-request log behind the dashboard's figures: the shop's own quote log rows, newest first, filtered by
// source, fallback and window, paged by cursor, and never reading more than SCAN_LIMIT rows for one request.
// Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { offlineSession } from "../helpers/shopify";
import { adminCaller, adminRequest } from "../helpers/admin-action";
import { getDb } from "~/db.server";
import { sessionStorage } from "~/shopify.server";
import { RATE_LOG_PAGE_SIZE, RateLogFilterSchema, SCAN_LIMIT, rateLogPage } from "~/services/dashboard/rate-log.server";
import * as route from "~/routes/app.rate-requests";

const SHOP = "rate-log.myshopify.com";
const db = useTestDatabase();
const call = adminCaller(SHOP);
let shopId: string;
let otherId: string;

const NOW = new Date("2026-06-01T12:00:00.000Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const ok = (id: string) => ({ sourceId: id, outcome: "ok", latencyMs: 3, cached: false, messages: [] });
const timedOut = (id: string) => ({ sourceId: id, outcome: "timeout", latencyMs: 900, cached: false, messages: [] });
const row = (shop: string, at: Date, sources: unknown[], fallbacks = 0, destination = "US NY 10001") => ({ shopId: shop, createdAt: at, fingerprint: "f", zoneId: "us", destination, sources: sources as never, rates: [{ service_code: "std" }] as never, fallbacks, latencyMs: 12 });
const filter = (f: Record<string, string> = {}) => RateLogFilterSchema.parse(f);

beforeAll(() => db.ready());
beforeEach(async () => {
  await db.reset();
  shopId = (await getDb().shop.create({ data: { domain: SHOP } })).id;
  otherId = (await getDb().shop.create({ data: { domain: "someone-else.myshopify.com" } })).id;
  await sessionStorage.storeSession(offlineSession(SHOP));
});

describe("the rate-request log", () => {
  it("lists only the shop's own requests, newest first, with their sources, fallbacks and saved-answer counts", async () => {
    await getDb().quoteLog.createMany({
      data: [
        row(shopId, minutesAgo(5), [ok("table:3:us")]),
        row(shopId, minutesAgo(3), [ok("table:3:us"), timedOut("ups:3:us:c1")], 1),
        row(shopId, minutesAgo(1), [{ answerCache: true, hits: 7 }]),
        row(otherId, minutesAgo(2), [ok("table:9:us")], 0, "CA ON K1A"),
      ],
    });
    const page = await rateLogPage(shopId, filter(), NOW);
    expect(page.rows.map((r) => [r.sources.map((s) => `${s.carrier}:${s.outcome}`), r.fallbacks, r.requests])).toEqual([
      [["cache:ok"], 0, 7],
      [["table:ok", "ups:timeout"], 1, 1],
      [["table:ok"], 0, 1],
    ]);
    expect(page.rows.some((r) => r.destination === "CA ON K1A")).toBe(false);
    expect(page.next).toBeNull();
  });

  it("filters by window, fallback used and source", async () => {
    await getDb().quoteLog.createMany({
      data: [
        row(shopId, minutesAgo(10), [ok("table:3:us")]),
        row(shopId, minutesAgo(20), [ok("table:3:us"), timedOut("ups:3:us:c1")], 1),
        row(shopId, minutesAgo(60 * 30), [ok("usps:3:us")]),
        row(shopId, minutesAgo(60 * 24 * 40), [ok("ups:1:us:c1")]),
      ],
    });
    expect((await rateLogPage(shopId, filter(), NOW)).rows).toHaveLength(2);
    expect((await rateLogPage(shopId, filter({ window: "7d" }), NOW)).rows).toHaveLength(3);
    expect((await rateLogPage(shopId, filter({ window: "30d" }), NOW)).rows).toHaveLength(3);
    expect((await rateLogPage(shopId, filter({ fallback: "yes" }), NOW)).rows.map((r) => r.fallbacks)).toEqual([1]);
    expect((await rateLogPage(shopId, filter({ fallback: "no", window: "7d" }), NOW)).rows).toHaveLength(2);
    expect((await rateLogPage(shopId, filter({ source: "ups" }), NOW)).rows.map((r) => r.fallbacks)).toEqual([1]);
    expect((await rateLogPage(shopId, filter({ source: "usps", window: "7d" }), NOW)).rows).toHaveLength(1);
  });

  it("pages by cursor through requests that share a timestamp without losing or repeating one", async () => {
    const same = minutesAgo(1);
    await getDb().quoteLog.createMany({ data: Array.from({ length: RATE_LOG_PAGE_SIZE * 2 + 3 }, (_, i) => row(shopId, i % 2 ? same : minutesAgo(2 + i), [ok("table:3:us")])) });
    const seen: string[] = [];
    let page = await rateLogPage(shopId, filter(), NOW);
    for (let n = 0; n < 5; n++) {
      seen.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      page = await rateLogPage(shopId, filter({ after: page.next }), NOW);
    }
    expect(seen).toHaveLength(RATE_LOG_PAGE_SIZE * 2 + 3);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("reads at most SCAN_LIMIT rows for a source filter and offers to search further back", async () => {
    // Many table-only requests, newest, then one UPS request older than the scan limit reaches.
    await getDb().quoteLog.createMany({ data: Array.from({ length: SCAN_LIMIT + 20 }, (_, i) => row(shopId, minutesAgo(1 + i), [ok("table:3:us")])) });
    await getDb().quoteLog.create({ data: row(shopId, minutesAgo(SCAN_LIMIT + 100), [ok("table:3:us"), timedOut("ups:3:us:c1")], 1) });
    const first = await rateLogPage(shopId, filter({ source: "ups" }), NOW);
    expect(first.rows).toEqual([]);
    expect(first.searchedOnly).toBe(true);
    expect(first.next).not.toBeNull();
    const second = await rateLogPage(shopId, filter({ source: "ups", after: first.next! }), NOW);
    expect(second.rows.map((r) => r.fallbacks)).toEqual([1]);
    expect(second.next).toBeNull();
  });

  it("answers a bad filter with a 400 that names the field, and serves the page from the route", async () => {
    const bad = await route.loader({ request: adminRequest(SHOP, "/app/rate-requests?window=1y&source=DROP%20TABLE"), params: {}, context: {} }).catch((r: Response) => r);
    expect((bad as Response).status).toBe(400);
    expect(await (bad as Response).json()).toEqual({ message: "filter_invalid", fields: ["window", "source"] });
    await getDb().quoteLog.create({ data: row(shopId, new Date(), [ok("table:3:us")]) });
    const { status, body } = await call(route.loader, "/app/rate-requests?window=24h&fallback=&source=");
    expect(status).toBe(200);
    expect(body.page.rows).toHaveLength(1);
    expect(body.filter).toEqual({ window: "24h" });
  });
});
