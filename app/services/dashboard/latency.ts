// Percentiles from a latency histogram. The database groups the quote log into latency buckets (1 ms under
// 100 ms, 10 ms under 1 s, 100 ms above, capped), so the home page reads at most a few hundred rows however busy
// the shop is; a percentile is the bucket that contains that rank, reported as the bucket's upper edge.

export interface LatencyBucket {
  /** The bucket's lower edge in ms, as the SQL bucket expression produces it. */
  floorMs: number;
  /** Requests in the bucket (answer-cache rows count every hit they stand for). */
  count: number;
}

/** The width of the bucket that starts at floorMs, mirroring LATENCY_BUCKET_SQL. */
export function bucketWidthMs(floorMs: number): number {
  if (floorMs < 100) return 1;
  if (floorMs < 1000) return 10;
  return 100;
}

/** The p-th percentile (0 < p ≤ 1) in ms, or null without requests. */
export function percentileMs(buckets: readonly LatencyBucket[], p: number): number | null {
  const sorted = [...buckets].filter((b) => b.count > 0).sort((a, b) => a.floorMs - b.floorMs);
  const total = sorted.reduce((n, b) => n + b.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const b of sorted) {
    seen += b.count;
    if (seen >= rank) return b.floorMs + bucketWidthMs(b.floorMs) - (b.floorMs < 100 ? 1 : 0);
  }
  return null;
}
