// `npm run bench:labels`: the time to buy a batch of labels (default 100, BENCH_LABELS) against the fake USPS and
// the fake Admin API, through the real batch service and label job runner (address check, payment authorization,
// purchase with its idempotency key, ledger, fulfillmentCreate), on a fresh SQLite database.
//
// Two scenarios:
// - quota off: USPS allows 100,000 calls an hour, so nothing waits; the figure is wall time (our own cost plus
//   the fakes' HTTP on loopback, PDF generation included), and labels per second.
// - quota on: the USPS default of 60 calls an hour (BENCH_USPS_QUOTA), shared with rating. Label calls stop at
//   their share (60 − 2 token − 15 rating = 43 an hour) and the batch is paced; the clock is simulated (shared by
//   the connector, the fake and the job runner, and moved to the next due label when nothing is due), so hours
//   of pacing run in seconds. The figures are the simulated time to finish, calls per hour, 429s (goal 0), and
//   wall time.
// Every run checks that no package was charged twice. Results: bench/results/labels.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const N = Number(process.env.BENCH_LABELS ?? 100);
const QUOTA = Number(process.env.BENCH_USPS_QUOTA ?? 60);

Object.assign(process.env, {
  NODE_ENV: "development",
  SHOPIFY_API_KEY: "bench-key",
  SHOPIFY_API_SECRET: "bench-secret",
  SHOPIFY_APP_URL: "https://bench.example.com",
  WAYPOST_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
  OUTBOX_WORKER: "off",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
});

interface Result {
  scenario: "quota_off" | "quota_on";
  labels: number;
  bought: number;
  wallMs: number;
  labelsPerSecond: number;
  simulatedHours: number;
  uspsCalls: number;
  maxCallsInAnyHour: number;
  usps429: number;
  duplicateCharges: number;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-bench-labels-"));
  const url = `file:${path.join(dir, "bench.sqlite")}`;
  const { deployMigrations } = await import("../app/db/migrations.server");
  await deployMigrations({ url });
  process.env.DATABASE_URL = url;
  const { getDb } = await import("../app/db.server");
  const { tuneSqlite } = await import("../app/db/sqlite-tuning.server");
  const { createLabelBatch } = await import("../app/services/labels/batches.server");
  const { runLabelJobsOnce } = await import("../app/services/labels/jobs.server");
  const { startShopifyAdminFake } = await import("../tests/fakes/shopify-admin");
  const { startUspsFake } = await import("../tests/fakes/usps");
  const { addOpenOrders, fulfillmentOrder, labelTestContext, memoryCarrierState, seedLabelShop } = await import("../tests/helpers/labels");
  const db = getDb();
  await tuneSqlite(db, url);
  const admin = await startShopifyAdminFake();

  async function run(scenario: Result["scenario"] | "warmup", n = N): Promise<Result> {
    const quota = scenario === "quota_on" ? QUOTA : 100_000;
    // The simulated clock starts at real time (rows get the database's own now()) and only moves forward.
    let clock = Date.now();
    const usps = await startUspsFake({ now: () => clock, quotaPerHour: quota });
    const shop = await seedLabelShop(`bench-labels-${scenario.replace("_", "-")}.myshopify.com`, usps.state, { hourlyQuota: quota }, db);
    const base = labelTestContext({ db, adminUrl: admin.url, uspsUrl: usps.url, now: () => new Date(clock), sharedState: memoryCarrierState() });
    // Every USPS call's (simulated) time, to check the busiest hour against the quota.
    const calls: number[] = [];
    const ctx = { ...base, carrierDeps: { ...base.carrierDeps, fetch: (...a: Parameters<typeof fetch>) => (calls.push(clock), fetch(...a)) } };
    const orders = addOpenOrders(admin, Array.from({ length: n }, () => fulfillmentOrder()));
    const simStart = clock;
    const started = performance.now();
    const created = await createLabelBatch(ctx, shop, { fulfillmentOrderIds: orders.map((o) => o.id) });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    // Kept across passes as the worker keeps it (app/services/labels/worker.server.ts): one authorization per batch.
    const auths = new Map();
    for (;;) {
      const r = await runLabelJobsOnce(ctx, { owner: "bench", limit: 50, auths });
      if (r.claimed > 0) continue;
      const next = await db.label.findFirst({ where: { shopId: shop.id, status: { in: ["pending", "retrying", "bought"] } }, orderBy: { nextAttemptAt: "asc" } });
      if (!next) break;
      // Nothing due: the batch is paced; jump to the next due label (wall time keeps running).
      clock = Math.max(clock + 1, next.nextAttemptAt.getTime(), Date.now());
    }
    const wallMs = performance.now() - started;
    const bought = await db.label.count({ where: { shopId: shop.id, status: "fulfilled" } });
    const keys = new Map<string, number>();
    for (const c of usps.state.labels.charges) keys.set(c.idempotencyKey ?? c.trackingNumber, (keys.get(c.idempotencyKey ?? c.trackingNumber) ?? 0) + 1);
    const result: Result = {
      scenario: scenario as Result["scenario"],
      labels: n,
      bought,
      wallMs: Math.round(wallMs),
      labelsPerSecond: Math.round((bought / (wallMs / 1000)) * 10) / 10,
      simulatedHours: Math.round(((clock - simStart) / 3_600_000) * 100) / 100,
      uspsCalls: calls.length,
      maxCallsInAnyHour: maxInWindow(calls, 3_600_000),
      usps429: usps.state.rejected429,
      duplicateCharges: [...keys.values()].filter((n) => n > 1).length,
    };
    await usps.close();
    return result;
  }

  // A few labels first, unreported: module loading, JIT and the fake's PDF font would otherwise count in the
  // first scenario only.
  await run("warmup", 5);
  const results = [await run("quota_off"), await run("quota_on")];
  await admin.close();
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`labels bench: ${N} labels, Node ${process.version}, ${os.cpus().length} cores (wall time includes the fakes on loopback)`);
  console.log("scenario   bought  wall s  labels/s  simulated h  USPS calls  max calls/h  429s  duplicate charges");
  for (const r of results) {
    console.log(
      `${r.scenario.padEnd(10)} ${String(r.bought).padStart(6)}  ${(r.wallMs / 1000).toFixed(1).padStart(6)}  ${String(r.labelsPerSecond).padStart(8)}  ${String(r.simulatedHours).padStart(11)}  ${String(r.uspsCalls).padStart(10)}  ${String(r.maxCallsInAnyHour).padStart(11)}  ${String(r.usps429).padStart(4)}  ${String(r.duplicateCharges).padStart(17)}`,
    );
  }
  fs.mkdirSync(path.resolve("bench/results"), { recursive: true });
  fs.writeFileSync(path.resolve("bench/results/labels.json"), JSON.stringify({ at: new Date().toISOString(), node: process.version, quota: QUOTA, results }, null, 2) + "\n");
  if (results.some((r) => r.bought !== N || r.duplicateCharges > 0 || r.usps429 > 0)) process.exitCode = 1;
}

/** The most timestamps inside any window of `ms` (sorted sweep). */
function maxInWindow(times: number[], ms: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
