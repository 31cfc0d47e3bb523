// Waypost's rate callback exactly as production serves it (the lean node:http path), on a fresh SQLite
// database seeded with the demo shop. BENCH_FAULT injects a slow or failing source.
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-bench-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.sqlite")}`;
process.env.LOG_LEVEL = "error";

const { deployMigrations } = await import("../../app/db/migrations.server");
const { getDb } = await import("../../app/db.server");
const { saveShippingSetup } = await import("../../app/services/shipping-config.server");
const { createRatingService, ratingDeps } = await import("../../app/services/rating/service.server");
const { withFault } = await import("../../tests/fakes/carrier-source/faults");
const { handleRatesHttp } = await import("../../app/server/rates-endpoint.server");
const { startBackgroundWork } = await import("../../app/server/background.server");

await deployMigrations({ url: process.env.DATABASE_URL });
const { tuneSqlite } = await import("../../app/db/sqlite-tuning.server");
await tuneSqlite(getDb(), process.env.DATABASE_URL);
const shop = process.env.BENCH_SHOP!;
await getDb().shop.create({ data: { domain: shop } });
const saved = await saveShippingSetup(shop, JSON.parse(fs.readFileSync("docs/examples/shipping-config.demo.json", "utf8")));
if (!saved.ok) throw new Error(`seed failed: ${JSON.stringify(saved)}`);

const fault = process.env.BENCH_FAULT;
const injected =
  fault === "slow" ? { kind: "delay" as const, ms: Number(process.env.BENCH_DELAY_MS) } : fault === "fail" ? { kind: "throw" as const } : undefined;
const rating = createRatingService(ratingDeps(injected ? { sourceDecorator: (s) => withFault(s, injected) } : {}));

const background = process.env.BENCH_NO_LOG ? { stop: async () => {} } : startBackgroundWork(); // the quote log is written as in production, after responses
let peakRss = 0;
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50).unref();

const server = http.createServer((req, res) => void handleRatesHttp(req, res, rating));
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => process.send!({ ready: (server.address() as { port: number }).port }));
process.on("message", async (m: { type: string }) => {
  if (m.type === "stats") {
    await background.stop();
    const logged = await getDb().quoteLog.count();
    process.send!({ peakRss, logged });
  }
});
