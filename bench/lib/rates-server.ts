// Waypost's rate callback exactly as production serves it (the lean node:http path, quote log written in the
// background), on a fresh SQLite database seeded with the demo shop (plus BENCH_VARIANTS product rows).
// BENCH_FAULT: "slow" (BENCH_DELAY_MS), "fail" (every source throws → fallback prices), or "live": before the
// table prices, every source makes a real HTTP round trip to the carrier fake at BENCH_LIVE_URL (50 ms latency),
// standing in for a live carrier until compileShop can build UPS/USPS sources (see docs/performance.md).
import http from "node:http";
import type { RateSource } from "../../app/carriers/carrier";
import { seedBenchDatabase } from "./seed";
import { countRequests, serveStats } from "./server-stats";

if (process.env.BENCH_UPS_URL) process.env.UPS_BASE_URL = process.env.BENCH_UPS_URL; // read once, by env(), when the app loads
// Scale-out: the first instance seeds the shared PostgreSQL database (BENCH_DATABASE_URL), the second only uses it.
if (process.env.BENCH_DATABASE_SEEDED) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
else await seedBenchDatabase({ variants: Number(process.env.BENCH_VARIANTS ?? 0), ups: Boolean(process.env.BENCH_UPS_URL), url: process.env.BENCH_DATABASE_URL });
const { createRatingService, ratingDeps } = await import("../../app/services/rating/service.server");
const { withFault } = await import("../../tests/fakes/carrier-source/faults");
const { handleRatesHttp } = await import("../../app/server/rates-endpoint.server");
const { startBackgroundWork } = await import("../../app/server/background.server");
const { flushQuoteLog } = await import("../../app/services/rating/quote-log.server");

const fault = process.env.BENCH_FAULT;
const live = (s: RateSource): RateSource => ({
  id: s.id,
  async rate(req, opts) {
    const res = await fetch(process.env.BENCH_LIVE_URL!, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(req), signal: opts.signal });
    JSON.parse(await res.text());
    return s.rate(req, opts);
  },
});
const decorate: ((s: RateSource) => RateSource) | undefined =
  fault === "slow"
    ? (s) => withFault(s, { kind: "delay", ms: Number(process.env.BENCH_DELAY_MS) })
    : fault === "fail"
      ? (s) => withFault(s, { kind: "throw" })
      : fault === "live"
        ? live
        : undefined;
const deps = ratingDeps(decorate ? { sourceDecorator: decorate } : {});
const rating = { ...createRatingService(deps), quoteCache: deps.quoteCache };

const background = process.env.BENCH_NO_LOG ? { stop: async () => {} } : startBackgroundWork(); // the quote log is written as in production, after responses
void background;

const server = http.createServer((req, res) => void handleRatesHttp(req, res, rating));
countRequests(server);
// Heap after GC is measured with the quote-log buffer drained, so it shows what stays, not what is queued.
serveStats({
  beforeGc: async () => void (await flushQuoteLog()),
  // The shared quote cache's hit counts (scale-out), when it is the Redis one.
  app: () => ("stats" in rating.quoteCache ? (rating.quoteCache as { stats(): unknown }).stats() : null),
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => process.send!({ ready: (server.address() as { port: number }).port }));
