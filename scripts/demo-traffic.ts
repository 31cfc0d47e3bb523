// DEMO DATA ONLY. The demo shop has no shoppers, so the home dashboard would be empty: this writes a week of
// made-up rate requests to the quote log (fingerprints start with "demo-traffic-"), deterministic (seeded) and
// only when the shop has no quote log rows from the last 7 days, so real requests made in the demo are never mixed
// with a second batch of fake ones.
import type { Db } from "../app/db.server";

const DAY_MS = 86_400_000;

/** A small seeded generator, so every demo run shows the same shape of traffic. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function seedDemoTraffic(db: Db, shopId: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - 7 * DAY_MS);
  if ((await db.quoteLog.count({ where: { shopId, createdAt: { gte: since } } })) > 0) return 0;
  const next = random(20261201);
  const rows = [];
  for (let i = 0; i < 420; i++) {
    // More requests in the last day, so both dashboard tabs have something to show.
    const age = i < 120 ? next() * DAY_MS : next() * 7 * DAY_MS;
    const upsOutcome = next() < 0.9 ? "ok" : next() < 0.7 ? "timeout" : "error";
    const withUps = next() < 0.6;
    const sources = [{ sourceId: "table:1:us", outcome: "ok", latencyMs: 1, cached: false, messages: [] }];
    if (withUps) sources.push({ sourceId: "ups:1:us:demo", outcome: upsOutcome, latencyMs: Math.round(150 + next() * 600), cached: false, messages: [] });
    const fallbacks = withUps && upsOutcome !== "ok" ? 3 : 0;
    const latencyMs = withUps ? Math.round(180 + next() * (upsOutcome === "timeout" ? 2500 : 650)) : Math.round(2 + next() * 10);
    rows.push({ shopId, createdAt: new Date(now.getTime() - age), fingerprint: `demo-traffic-${i}`, zoneId: "us", destination: "US NY 10001", sources, rates: [], fallbacks, latencyMs });
  }
  await db.quoteLog.createMany({ data: rows });
  return rows.length;
}
