// The rate-request log behind the dashboard's figures: the shop's recent quote log rows, newest first, filtered by
// source, fallback used and time window, paged with a keyset cursor (createdAt, id) so that a page never re-reads
// what came before it. Work per request is bounded: at most SCAN_LIMIT rows are read, and when the source filter
// (applied in code, because it looks inside the `sources` JSON differently on each backend) leaves the page short,
// the page says how far back it searched and offers to go on from there.
import { z } from "zod";
import { getDb, type Db } from "~/db.server";

export const RATE_LOG_PAGE_SIZE = 25;
/** Rows read per request at most, whatever the filters. */
export const SCAN_LIMIT = 500;
export const RATE_LOG_WINDOWS = { "24h": 24, "7d": 24 * 7, "30d": 24 * 30 } as const;
/** A source filter: a carrier id from the registry ("table", "ups", …) or "cache" for answers served from cache. */
const SOURCE = /^[a-z][a-z0-9_-]{0,31}$/;

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
export const RateLogFilterSchema = z.object({
  window: z.preprocess(blank, z.enum(["24h", "7d", "30d"]).default("24h")),
  source: z.preprocess(blank, z.string().regex(SOURCE).optional()),
  fallback: z.preprocess(blank, z.enum(["yes", "no"]).optional()),
  /** Opaque to the page: `<createdAt ms>.<id>` of the last row already shown (or searched). */
  after: z.preprocess(blank, z.string().regex(/^\d{1,15}\.[A-Za-z0-9_-]{1,64}$/).optional()),
});
export type RateLogFilter = z.infer<typeof RateLogFilterSchema>;

export interface RateLogSource {
  /** Carrier part of the source id ("table", "ups"), or "cache". */
  carrier: string;
  outcome: string;
  latencyMs: number | null;
}

export interface RateLogRow {
  id: string;
  at: string;
  destination: string;
  zoneId: string | null;
  latencyMs: number;
  fallbacks: number;
  rates: number;
  /** Requests the row stands for: an answer-cache row counts every hit of its flush window. */
  requests: number;
  sources: RateLogSource[];
}

export interface RateLogPage {
  rows: RateLogRow[];
  /** Cursor of the next page (null at the end of the window). */
  next: string | null;
  /** True when the scan limit ended the page before it was full: `next` continues the search. */
  searchedOnly: boolean;
  /** The oldest time this page looked at, for "searched back to …". */
  searchedBackTo: string | null;
}

const SourceJson = z.array(z.object({ sourceId: z.string().optional(), outcome: z.string().optional(), latencyMs: z.number().optional(), answerCache: z.boolean().optional(), hits: z.number().optional() }).passthrough()).catch([]);

function toRow(r: { id: string; createdAt: Date; destination: string; zoneId: string | null; latencyMs: number; fallbacks: number; sources: unknown; rates: unknown }): RateLogRow {
  const sources = SourceJson.parse(r.sources);
  const cache = sources.find((s) => s.answerCache);
  return {
    id: r.id,
    at: r.createdAt.toISOString(),
    destination: r.destination,
    zoneId: r.zoneId,
    latencyMs: r.latencyMs,
    fallbacks: r.fallbacks,
    rates: Array.isArray(r.rates) ? r.rates.length : 0,
    requests: cache ? Math.max(1, Math.trunc(cache.hits ?? 1)) : 1,
    sources: cache ? [{ carrier: "cache", outcome: "ok", latencyMs: null }] : sources.map((s) => ({ carrier: (s.sourceId ?? "").split(":")[0] || "unknown", outcome: s.outcome ?? "unknown", latencyMs: s.latencyMs ?? null })),
  };
}

const cursorOf = (r: { createdAt: Date; id: string }) => `${r.createdAt.getTime()}.${r.id}`;

/** One page of the log for the shop `shopId` (every query is scoped to it). */
export async function rateLogPage(shopId: string, filter: RateLogFilter, now = new Date(), db: Db = getDb()): Promise<RateLogPage> {
  const since = new Date(now.getTime() - RATE_LOG_WINDOWS[filter.window] * 3_600_000);
  const [afterMs, afterId] = filter.after ? [Number(filter.after.split(".")[0]), filter.after.slice(filter.after.indexOf(".") + 1)] : [null, null];
  const before =
    afterMs !== null && afterId !== null
      ? { OR: [{ createdAt: { lt: new Date(afterMs) } }, { createdAt: new Date(afterMs), id: { lt: afterId } }] }
      : {};
  const scanned = await db.quoteLog.findMany({
    where: {
      shopId,
      createdAt: { gte: since },
      ...(filter.fallback === "yes" ? { fallbacks: { gt: 0 } } : filter.fallback === "no" ? { fallbacks: 0 } : {}),
      ...before,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    // Without a source filter every row read is shown: read one more than a page to know whether a next exists.
    take: filter.source ? SCAN_LIMIT : RATE_LOG_PAGE_SIZE + 1,
    select: { id: true, createdAt: true, destination: true, zoneId: true, latencyMs: true, fallbacks: true, sources: true, rates: true },
  });

  if (!filter.source) {
    const page = scanned.slice(0, RATE_LOG_PAGE_SIZE);
    return { rows: page.map(toRow), next: scanned.length > RATE_LOG_PAGE_SIZE ? cursorOf(page.at(-1)!) : null, searchedOnly: false, searchedBackTo: page.at(-1)?.createdAt.toISOString() ?? null };
  }
  const rows: RateLogRow[] = [];
  let last: (typeof scanned)[number] | undefined;
  for (const r of scanned) {
    const row = toRow(r);
    last = r;
    if (row.sources.some((s) => s.carrier === filter.source)) rows.push(row);
    if (rows.length === RATE_LOG_PAGE_SIZE) break;
  }
  const full = rows.length === RATE_LOG_PAGE_SIZE;
  // Rows may remain after `last` unless the scan read the window's last row (it came back short) and got to it.
  const moreInWindow = scanned.length === SCAN_LIMIT || last !== scanned.at(-1);
  const next = last && moreInWindow ? cursorOf(last) : null;
  return { rows, next, searchedOnly: !full && next !== null, searchedBackTo: last?.createdAt.toISOString() ?? null };
}
