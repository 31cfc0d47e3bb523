import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { getDb } from "~/db.server";
import { flushQuoteLog, pendingQuoteLogEntries, purgeQuoteLog, recordAnswerCacheHit, recordQuote } from "~/services/rating/quote-log.server";

const db = useTestDatabase();
let shopId: string;

beforeAll(async () => {
  await db.ready();
  shopId = (await getDb().shop.create({ data: { domain: "log-test.myshopify.com" } })).id;
});

const entry = (over: Partial<Parameters<typeof recordQuote>[0]> = {}) => ({
  shopId,
  fingerprint: "abc",
  zoneId: "us",
  destination: "US CA 94107",
  sources: [{ sourceId: "table:1:us", outcome: "ok", latencyMs: 0.4 }],
  rates: [{ code: "us-standard", price: "990" }],
  fallbacks: 0,
  latencyMs: 1.6,
  createdAt: new Date(),
  ...over,
});

describe("the quote log", () => {
  it("writes buffered entries in batches, readable through Prisma with their JSON and timestamps intact", async () => {
    for (let i = 0; i < 250; i++) recordQuote(entry({ fingerprint: `f${i}` }));
    expect(pendingQuoteLogEntries()).toBe(250);
    expect(await flushQuoteLog()).toBe(250);
    expect(pendingQuoteLogEntries()).toBe(0);
    const rows = await getDb().quoteLog.findMany({ where: { shopId }, orderBy: { fingerprint: "asc" } });
    expect(rows).toHaveLength(250);
    expect(rows[0]).toMatchObject({ zoneId: "us", destination: "US CA 94107", rates: [{ code: "us-standard", price: "990" }], fallbacks: 0, latencyMs: 2 });
    expect(Math.abs(rows[0].createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("keeps the rest of a batch when one entry belongs to a shop deleted meanwhile", async () => {
    recordQuote(entry({ fingerprint: "kept" }));
    recordQuote(entry({ shopId: "gone", fingerprint: "orphan" }));
    await flushQuoteLog();
    expect(await getDb().quoteLog.count({ where: { fingerprint: "kept" } })).toBe(1);
    expect(await getDb().quoteLog.count({ where: { fingerprint: "orphan" } })).toBe(0);
  });

  it("counts answer-cache hits per fingerprint and writes one row carrying the count", async () => {
    const hit = { shopId, fingerprint: "hit", zoneId: "us", destination: "US CA 94107", rates: '[{"code":"us-standard","price":"990"}]' };
    recordAnswerCacheHit({ ...hit, latencyMs: 0.2 });
    recordAnswerCacheHit({ ...hit, latencyMs: 1.7 });
    recordAnswerCacheHit({ ...hit, latencyMs: 0.3 });
    expect(pendingQuoteLogEntries()).toBe(1);
    expect(await flushQuoteLog()).toBe(1);
    const rows = await getDb().quoteLog.findMany({ where: { fingerprint: "hit" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ sources: [{ answerCache: true, hits: 3 }], rates: [{ code: "us-standard", price: "990" }], latencyMs: 2 });
  });

  it("keeps memory bounded: past the cap, entries are dropped (counted), and the rest is written", async () => {
    for (let i = 0; i < 5_100; i++) recordQuote(entry({ fingerprint: `cap${i}` }));
    expect(pendingQuoteLogEntries()).toBe(5_000);
    expect(await flushQuoteLog()).toBe(5_000);
    expect(pendingQuoteLogEntries()).toBe(0);
  });

  it("purges entries older than the retention limit", async () => {
    recordQuote(entry({ fingerprint: "old", createdAt: new Date(Date.now() - 40 * 86_400_000) }));
    await flushQuoteLog();
    expect(await purgeQuoteLog(30)).toBe(1);
    expect(await getDb().quoteLog.count({ where: { fingerprint: "old" } })).toBe(0);
  });
});
