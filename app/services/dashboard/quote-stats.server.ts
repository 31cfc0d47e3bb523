// Rate-request figures for the home dashboard, aggregated in the database so the page reads a bounded number of
// rows however busy the shop is: a latency histogram (≤ ~800 buckets) and per-source outcome counts per time
// bucket (24 hourly or 7 daily buckets × sources × outcomes). SQLite stores createdAt as unixepoch-ms integers;
// PostgreSQL as timestamp(3) in UTC, hence one dialect per backend for the few expressions that differ.
// An answer-cache row stands for `hits` requests (see quote-log.server.ts) and is weighted by it.
import { getDb, getDbBackend, type Db } from "~/db.server";
import type { DatabaseBackend } from "~/db/url";
import { type LatencyBucket, percentileMs } from "./latency";

const MAX_LATENCY_MS = 60_000;

interface Dialect {
  createdMs: string;
  hits: string;
  sourceRows: string;
  sourceId: string;
  outcome: string;
  sinceParam: (since: Date) => unknown;
}

const SQLITE: Dialect = {
  createdMs: `q."createdAt"`,
  hits: `COALESCE(json_extract(q."sources", '$[0].hits'), 1)`,
  sourceRows: `json_each(q."sources") s`,
  sourceId: `json_extract(s.value, '$.sourceId')`,
  outcome: `json_extract(s.value, '$.outcome')`,
  sinceParam: (since) => since.getTime(),
};

const POSTGRES: Dialect = {
  createdMs: `(EXTRACT(EPOCH FROM q."createdAt") * 1000)::bigint`,
  hits: `COALESCE((q."sources"->0->>'hits')::int, 1)`,
  sourceRows: `jsonb_array_elements(q."sources") s`,
  sourceId: `(s.value->>'sourceId')`,
  outcome: `(s.value->>'outcome')`,
  sinceParam: (since) => since,
};

const dialect = (backend: DatabaseBackend) => (backend === "postgresql" ? POSTGRES : SQLITE);
const param = (backend: DatabaseBackend, n: number) => (backend === "postgresql" ? `$${n}` : "?");

const LATENCY_BUCKET_SQL = `CASE
  WHEN q."latencyMs" < 100 THEN q."latencyMs"
  WHEN q."latencyMs" < 1000 THEN (q."latencyMs" / 10) * 10
  ELSE (LEAST_LATENCY / 100) * 100 END`;

export interface SourceSeries {
  /** The carrier part of the source id ("ups", "usps", "table"); ids also carry config version and zone. */
  source: string;
  /** One entry per bucket start (ms since epoch), every bucket of the window present, oldest first. */
  buckets: { startMs: number; outcomes: Record<string, number> }[];
  totals: Record<string, number>;
}

export interface QuoteWindowStats {
  windowHours: number;
  bucketMs: number;
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  /** Requests where at least one service answered its fallback price. */
  withFallback: number;
  /** Source answers that were not "ok" (timeout, error, deadline, unavailable, aborted), by outcome: the why. */
  problems: Record<string, number>;
  sources: SourceSeries[];
}

export async function quoteWindowStats(shopId: string, input: { windowHours: number; bucketHours: number; now?: Date }, db: Db = getDb(), backend: DatabaseBackend = getDbBackend()): Promise<QuoteWindowStats> {
  const d = dialect(backend);
  const bucketMs = input.bucketHours * 3_600_000;
  const nowMs = (input.now ?? new Date()).getTime();
  // Buckets are aligned to the epoch so that the same request always falls in the same bucket.
  const firstBucket = Math.floor((nowMs - input.windowHours * 3_600_000) / bucketMs) + 1;
  const since = new Date(firstBucket * bucketMs);
  const sinceValue = d.sinceParam(since);
  const capped = backend === "postgresql" ? `LEAST(q."latencyMs", ${MAX_LATENCY_MS})` : `MIN(q."latencyMs", ${MAX_LATENCY_MS})`;

  const histogram = await db.$queryRawUnsafe<{ floor: number | bigint; n: number | bigint; fallback: number | bigint }[]>(
    `SELECT ${LATENCY_BUCKET_SQL.replace("LEAST_LATENCY", capped)} AS "floor",
            SUM(${d.hits}) AS "n",
            SUM(CASE WHEN q."fallbacks" > 0 THEN 1 ELSE 0 END) AS "fallback"
       FROM "QuoteLog" q
      WHERE q."shopId" = ${param(backend, 1)} AND q."createdAt" >= ${param(backend, 2)}
      GROUP BY 1`,
    shopId,
    sinceValue,
  );
  const bySource = await db.$queryRawUnsafe<{ bucket: number | bigint; sourceId: string; outcome: string; n: number | bigint }[]>(
    `SELECT ${d.createdMs} / ${bucketMs} AS "bucket", ${d.sourceId} AS "sourceId", ${d.outcome} AS "outcome", COUNT(*) AS "n"
       FROM "QuoteLog" q, ${d.sourceRows}
      WHERE q."shopId" = ${param(backend, 1)} AND q."createdAt" >= ${param(backend, 2)} AND ${d.sourceId} IS NOT NULL
      GROUP BY 1, 2, 3`,
    shopId,
    sinceValue,
  );

  const buckets: LatencyBucket[] = histogram.map((r) => ({ floorMs: Number(r.floor), count: Number(r.n) }));
  const bucketCount = Math.round((input.windowHours * 3_600_000) / bucketMs);
  return {
    windowHours: input.windowHours,
    bucketMs,
    count: buckets.reduce((n, b) => n + b.count, 0),
    p50Ms: percentileMs(buckets, 0.5),
    p95Ms: percentileMs(buckets, 0.95),
    withFallback: histogram.reduce((n, r) => n + Number(r.fallback), 0),
    ...sourceSeries(bySource, firstBucket, bucketCount, bucketMs),
  };
}

/** The carrier part of a source id: "ups:12:us:conn" → "ups". */
export const sourceCarrier = (sourceId: string) => sourceId.split(":")[0] || sourceId;

function sourceSeries(rows: { bucket: number | bigint; sourceId: string; outcome: string; n: number | bigint }[], firstBucket: number, bucketCount: number, bucketMs: number) {
  const series = new Map<string, SourceSeries>();
  const problems: Record<string, number> = {};
  for (const r of rows) {
    const source = sourceCarrier(r.sourceId);
    const index = Number(r.bucket) - firstBucket;
    if (index < 0 || index >= bucketCount) continue; // written after `now` (clock skew between instances)
    const s = series.get(source) ?? {
      source,
      buckets: Array.from({ length: bucketCount }, (_, i) => ({ startMs: (firstBucket + i) * bucketMs, outcomes: {} as Record<string, number> })),
      totals: {},
    };
    series.set(source, s);
    const n = Number(r.n);
    s.buckets[index].outcomes[r.outcome] = (s.buckets[index].outcomes[r.outcome] ?? 0) + n;
    s.totals[r.outcome] = (s.totals[r.outcome] ?? 0) + n;
    if (r.outcome !== "ok") problems[r.outcome] = (problems[r.outcome] ?? 0) + n;
  }
  return { problems, sources: [...series.values()].sort((a, b) => a.source.localeCompare(b.source)) };
}
