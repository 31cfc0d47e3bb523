// `npm run bench:tracking`: a burst of 1,000 fulfillments across channels through the real webhook route actions
// and the real outbox worker, against loopback fakes (Shopify Admin for order context, Wish, a merchant webhook,
// AfterShip) and a fresh database: SQLite, plus PostgreSQL when BENCH_DATABASE_URL is set.
// Reports deliveries/s, end-to-end latency (webhook accepted → delivered) p50/p95/p99 and duplicates observed at
// the fakes; writes bench/results/tracking.json. Bounded: gives up after BENCH_DEADLINE_MS (default 50 s).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const BURST_N = Number(process.env.BENCH_FULFILLMENTS ?? 1_000);
const HANG_N = Number(process.env.BENCH_HANG_FULFILLMENTS ?? 300);
const CRASH_N = Number(process.env.BENCH_CRASH_FULFILLMENTS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 25);
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_MS ?? 50_000);
const SHOP = "waypost-bench.myshopify.com";
/** The Admin API's query-cost bucket: Shopify Plus by default (20,000 points, 1,000/s); BENCH_SHOPIFY_PLAN=standard for 2,000 at 100/s. */
const THROTTLE = process.env.BENCH_SHOPIFY_PLAN === "standard" ? { maximumAvailable: 2_000, restoreRate: 100 } : { maximumAvailable: 20_000, restoreRate: 1_000 };
const NFE_KEY = "33150308370779000149550010001100931002410775";

Object.assign(process.env, {
  NODE_ENV: "development",
  SHOPIFY_API_KEY: "bench-key",
  SHOPIFY_API_SECRET: "bench-secret",
  SHOPIFY_APP_URL: "https://bench.example.com",
  WAYPOST_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
  ALLOW_LOOPBACK_DESTINATIONS: "true",
  OUTBOX_WORKER: "off",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
});

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

async function freshDatabase(server: string | undefined): Promise<{ url: string; drop: () => Promise<void> }> {
  const { deployMigrations } = await import("../app/db/migrations.server");
  const { pgAdmin, quoteIdent, withDatabase } = await import("../app/db/migration-adapters.server");
  if (server) {
    const name = `waypost_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
    await pgAdmin(server, `CREATE DATABASE ${quoteIdent(name)}`);
    const url = withDatabase(server, name);
    await deployMigrations({ url });
    return { url, drop: () => pgAdmin(server, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-bench-"));
  const url = `file:${path.join(dir, "bench.sqlite")}`;
  await deployMigrations({ url });
  return { url, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

type Scenario = "burst" | "baseline" | "hanging" | "crash" | "plan";

/**
 * burst: N fulfillments through the webhook routes while the worker runs. baseline/hanging: the same with fewer
 * fulfillments (BENCH_HANG_FULFILLMENTS), hanging adding a fourth destination that never answers (10 s timeouts)
 * for every order; the figure is the healthy destinations' p95. crash: rows planned and claimed by a worker that
 * then "dies" (its leases are left behind); a fresh worker starts at once; recovery = crash → delivered.
 */
async function run(backend: "sqlite" | "postgresql", server?: string, scenario: Scenario = "burst") {
  const N = scenario === "burst" || scenario === "plan" ? BURST_N : scenario === "crash" ? CRASH_N : HANG_N;
  const db = await freshDatabase(server);
  process.env.DATABASE_URL = db.url;
  const { getDb } = await import("../app/db.server");
  const { sealJson } = await import("../app/lib/secrets.server");
  const { sessionStorage } = await import("../app/shopify.server");
  const { action: createAction } = await import("../app/routes/webhooks.fulfillments.create");
  const { startOutboxWorker } = await import("../app/services/tracking/worker.server");
  const { startShopifyAdminFake, pointShopifyAt } = await import("../tests/fakes/shopify-admin");
  const { startWishFake } = await import("../tests/fakes/wish");
  const { startWebhookSinkFake } = await import("../tests/fakes/webhook-sink");
  const { startAfterShipFake } = await import("../tests/fakes/aftership");
  const { offlineSession, webhookRequest } = await import("../tests/helpers/shopify");

  const admin = await startShopifyAdminFake({ throttle: THROTTLE });
  pointShopifyAt(admin.url);
  const wish = await startWishFake();
  const sink = await startWebhookSinkFake({ auth: { kind: "hmac", secret: "bench-sink-secret-0123456789" } });
  const aftership = await startAfterShipFake();
  await sessionStorage.storeSession(offlineSession(SHOP));
  const prisma = getDb();
  // As the server does at boot (app/server/start.server.ts): WAL, synchronous=NORMAL.
  const { tuneSqlite } = await import("../app/db/sqlite-tuning.server");
  await tuneSqlite(prisma, db.url);
  const shop = await prisma.shop.create({ data: { domain: SHOP, trackingSettings: { originCountry: "BR" } } });
  const tokens = wish.state.issueTokens();
  const sinkUrl = new URL(sink.url);
  const wishConn = await prisma.channelConnection.create({
    data: { shopId: shop.id, type: "wish", name: "Wish", settings: { clientId: wish.state.clientId, shippingProvider: "Intelipost", wants: "nfe_number", baseUrl: wish.url }, secrets: sealJson({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, clientSecret: wish.state.clientSecret }) },
  });
  const hookConn = await prisma.channelConnection.create({
    data: { shopId: shop.id, type: "webhook", name: "Webhook", settings: { protocol: "http", host: sinkUrl.hostname, port: Number(sinkUrl.port), path: sink.path, auth: { kind: "hmac" }, wants: "tracking_number" }, secrets: sealJson({ hmacSecret: "bench-sink-secret-0123456789" }) },
  });
  const asConn = await prisma.channelConnection.create({
    data: { shopId: shop.id, type: "aftership", name: "AfterShip", settings: { defaultSlug: "intelipost", wants: "tracking_number", baseUrl: aftership.url }, secrets: sealJson({ apiKey: aftership.state.apiKey }) },
  });
  const hangSink = scenario === "hanging" ? await startWebhookSinkFake({ auth: { kind: "none" }, path: "/hangs" }) : null;
  if (hangSink) {
    hangSink.faults.always({ kind: "hang" });
    const u = new URL(hangSink.url);
    const hangConn = await prisma.channelConnection.create({
      data: { shopId: shop.id, type: "webhook", name: "Hanging", settings: { protocol: "http", host: u.hostname, port: Number(u.port), path: hangSink.path, auth: { kind: "none" }, wants: "tracking_number" }, secrets: sealJson({}) },
    });
    await prisma.eventRule.create({ data: { shopId: shop.id, channelId: hangConn.id, name: "Hanging", position: 3, orderType: { kind: "all" }, events: "all", salesChannel: "any" } });
  }
  const healthy = [wishConn.id, hookConn.id, asConn.id];
  await prisma.eventRule.createMany({
    data: [
      { shopId: shop.id, channelId: wishConn.id, name: "Wish", position: 0, orderType: { kind: "all" }, events: "all", salesChannel: "wish" },
      { shopId: shop.id, channelId: hookConn.id, name: "Webhook", position: 1, orderType: { kind: "all" }, events: "all", salesChannel: "any" },
      { shopId: shop.id, channelId: asConn.id, name: "AfterShip", position: 2, orderType: { kind: "tag", tag: "aftership" }, events: "all", salesChannel: "any" },
    ],
  });

  // Orders: half from Wish (NF-e → Wish), every third tagged for AfterShip, all to the merchant webhook.
  for (let i = 0; i < N; i++) {
    const id = 100_000 + i;
    const fromWish = i % 2 === 0;
    admin.state.orders[`gid://shopify/Order/${id}`] = {
      id: `gid://shopify/Order/${id}`,
      name: `#${id}`,
      sourceName: fromWish ? "wish" : "web",
      tags: i % 3 === 0 ? ["aftership"] : [],
      channelInformation: null,
      shippingAddress: { countryCodeV2: "BR" },
      customAttributes: fromWish ? [{ key: "channel_order_id", value: `wish-${id}` }] : [],
      nfe: fromWish ? { value: NFE_KEY } : null,
      channelOrderRef: null,
      lineItems: { nodes: [{ sku: "SKU", title: "Thing", quantity: 1 }] },
    };
    if (fromWish) wish.state.addOrder(`wish-${id}`);
  }

  let worker = scenario === "crash" || scenario === "plan" ? null : startOutboxWorker({ pollMs: 50, concurrency: 32 });
  const cpuAtStart = process.cpuUsage();
  const accepted = new Map<string, number>();
  const started = performance.now();
  const wallStart = Date.now();
  let next = 0;
  let rejected = 0;
  const webhookLatencies: number[] = [];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < N; i = next++) {
        const id = 100_000 + i;
        const body = {
          id: 900_000 + i,
          order_id: id,
          status: "success",
          tracking_company: "Correios",
          tracking_number: `BR${String(i).padStart(9, "0")}XX`,
          tracking_numbers: [`BR${String(i).padStart(9, "0")}XX`],
          shipment_status: null,
          line_items: [{ id: 1, sku: "SKU", title: "Thing", quantity: 1 }],
        };
        // Each webhook arrives as its own I/O event, as over HTTP: calling the action in a tight loop would run the
        // whole burst as one microtask chain and starve every other I/O callback (the planner's Admin API reads).
        await new Promise<void>((resolve) => setImmediate(resolve));
        const t = performance.now();
        const res = await createAction({ request: webhookRequest("/webhooks/fulfillments/create", { topic: "fulfillments/create", shop: SHOP, body }), params: {}, context: {} });
        webhookLatencies.push(performance.now() - t);
        if (res.status !== 200) rejected++;
        accepted.set(String(900_000 + i), Date.now());
      }
    }),
  );
  const burstMs = performance.now() - started;
  const acceptCpu = process.cpuUsage(cpuAtStart);
  let crashAt = 0;
  let planning: { seconds: number; receiptsPerSecond: number; cpuMsPerReceipt: number; acceptCpuMsPerWebhook: number } | undefined;
  if (scenario === "plan") {
    // Planning alone, nothing else running: CPU time per receipt barely moves with the machine's load.
    const { planPendingReceipts } = await import("../app/services/tracking/fulfillments.server");
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    while ((await prisma.webhookReceipt.count({ where: { status: "received" } })) > 0) await planPendingReceipts({ limit: 250 });
    const cpu = process.cpuUsage(cpu0);
    const seconds = (performance.now() - t0) / 1000;
    planning = {
      seconds: round(seconds),
      receiptsPerSecond: round(N / seconds),
      cpuMsPerReceipt: round((cpu.user + cpu.system) / 1000 / N),
      acceptCpuMsPerWebhook: round((acceptCpu.user + acceptCpu.system) / 1000 / N),
    };
    worker = startOutboxWorker({ pollMs: 50, concurrency: 32 });
  }
  if (scenario === "crash") {
    // Plan everything, then a worker claims every due row and dies: its leases stay behind.
    const { runOutboxOnce, claimDue } = await import("../app/services/tracking/outbox.server");
    while ((await prisma.webhookReceipt.count({ where: { status: "received" } })) > 0) await runOutboxOnce({ limit: 0 });
    await claimDue({ owner: "crashed-worker", limit: 10_000 });
    crashAt = Date.now();
    worker = startOutboxWorker({ pollMs: 50, concurrency: 32 });
  }

  // Wait until every receipt is planned and every row is terminal (or the deadline).
  let finished = false;
  while (performance.now() - started < DEADLINE_MS) {
    const [open, unplanned] = await Promise.all([
      prisma.outboxMessage.count({ where: { status: { in: ["pending", "in_flight", "retrying"] }, channelId: { in: healthy } } }),
      prisma.webhookReceipt.count({ where: { status: "received" } }),
    ]);
    if (process.env.BENCH_VERBOSE) console.error(`t=${Math.round(performance.now() - started)}ms unplanned=${unplanned} open=${open}`);
    if (open === 0 && unplanned === 0) {
      finished = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await hangSink?.close(); // ends the hung requests so the worker can stop
  await worker!.stop();
  const elapsedMs = performance.now() - started;

  const rows = await prisma.outboxMessage.findMany({ where: { channelId: { in: healthy } }, select: { fulfillmentId: true, status: true, deliveredAt: true, channelId: true } });
  const delivered = rows.filter((r) => r.status === "delivered");
  const latencies = delivered.map((r) => r.deliveredAt!.getTime() - (accepted.get(r.fulfillmentId) ?? wallStart)).sort((a, b) => a - b);
  const lastDelivered = Math.max(...delivered.map((r) => r.deliveredAt!.getTime()));
  const byStatus = rows.reduce<Record<string, number>>((m, r) => ((m[r.status] = (m[r.status] ?? 0) + 1), m), {});
  const byChannel = { wish: 0, webhook: 0, aftership: 0 };
  for (const r of delivered) {
    if (r.channelId === wishConn.id) byChannel.wish++;
    else if (r.channelId === hookConn.id) byChannel.webhook++;
    else byChannel.aftership++;
  }
  const wishPuts = wish.requests.filter((r) => r.method === "PUT").length;
  const wishDuplicates = [...wish.state.orders.values()].filter((o) => o.trackingUpdates > 1).length;
  const aftershipDuplicates = aftership.requests.filter((r) => r.method === "POST").length - aftership.state.trackings.length;
  const eventIds = sink.state.received.map((d) => (d.body as { event_id: string }).event_id);
  const webhookDuplicates = eventIds.length - new Set(eventIds).size;
  const wsorted = webhookLatencies.sort((a, b) => a - b);

  const firstDelivered = Math.min(...delivered.map((r) => r.deliveredAt!.getTime()));
  const result = {
    backend,
    scenario,
    fulfillments: N,
    finished,
    webhooksRejected: rejected,
    webhookAnswerMs: { p50: round(pct(wsorted, 50)), p95: round(pct(wsorted, 95)), p99: round(pct(wsorted, 99)) },
    burstSeconds: round(burstMs / 1000),
    elapsedSeconds: round(elapsedMs / 1000),
    deliveries: delivered.length,
    expectedDeliveries: N + Math.ceil(N / 2) + Math.ceil(N / 3),
    byChannel,
    byStatus,
    throughputDeliveriesPerSecond: round(delivered.length / ((lastDelivered - wallStart) / 1000)),
    endToEndLatencyMs: { p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), max: latencies.at(-1) },
    adminApiOrderContextCalls: admin.callsTo("OrderContext").length,
    adminApiOrderContextsBatches: admin.callsTo("OrderContexts").length,
    adminApiThrottled: admin.throttle.throttled,
    ...(scenario === "crash" ? { crashRecoveryMs: { firstDelivered: firstDelivered - crashAt, allDelivered: lastDelivered - crashAt } } : {}),
    ...(scenario === "hanging" ? { hangingRequests: hangSink!.requests.length } : {}),
    ...(planning ? { planning } : {}),
    loadAverage1m: round(os.loadavg()[0]),
    duplicates: { wishOrdersWithMoreThanOnePut: wishDuplicates, wishPuts, aftershipDuplicateCreates: aftershipDuplicates, webhookDuplicateEventIds: webhookDuplicates },
  };
  await Promise.all([admin.close(), wish.close(), sink.close(), aftership.close()]);
  await prisma.$disconnect();
  globalThis.__waypostPrisma = undefined;
  await db.drop();
  return result;
}

const round = (n: number) => Math.round(n * 100) / 100;

async function main() {
  const scenarios: Scenario[] = process.env.BENCH_SCENARIOS ? (process.env.BENCH_SCENARIOS.split(",") as Scenario[]) : ["burst", "plan", "baseline", "hanging", "crash"];
  const backends: Array<["sqlite" | "postgresql", string | undefined]> = [["sqlite", undefined]];
  if (process.env.BENCH_DATABASE_URL) backends.push(["postgresql", process.env.BENCH_DATABASE_URL]);
  const results = [];
  for (const [backend, server] of backends) for (const scenario of scenarios) results.push(await run(backend, server, scenario));
  for (const r of results) {
    console.log(
      `[${r.backend} ${r.scenario}] ${r.deliveries}/${r.expectedDeliveries} delivered (wish ${r.byChannel.wish}, webhook ${r.byChannel.webhook}, aftership ${r.byChannel.aftership})` +
        ` · ${r.throughputDeliveriesPerSecond} deliveries/s · e2e p50 ${r.endToEndLatencyMs.p50} ms, p95 ${r.endToEndLatencyMs.p95} ms, p99 ${r.endToEndLatencyMs.p99} ms` +
        ` · webhook answer p99 ${r.webhookAnswerMs.p99} ms · duplicates: wish ${r.duplicates.wishOrdersWithMoreThanOnePut}, aftership ${r.duplicates.aftershipDuplicateCreates}, webhook ${r.duplicates.webhookDuplicateEventIds}` +
        ` · Admin API: ${r.adminApiOrderContextsBatches} nodes(ids:) batches, ${r.adminApiOrderContextCalls} single reads, ${r.adminApiThrottled} throttled` +
        (r.planning ? ` · planning alone: ${r.planning.receiptsPerSecond} receipts/s, ${r.planning.cpuMsPerReceipt} CPU ms/receipt (webhook accept ${r.planning.acceptCpuMsPerWebhook} CPU ms)` : "") +
        ` · load ${r.loadAverage1m}` +
        (r.crashRecoveryMs ? ` · crash recovery: first delivery ${r.crashRecoveryMs.firstDelivered} ms, all ${r.crashRecoveryMs.allDelivered} ms after the crash` : "") +
        (r.finished ? "" : " · DID NOT FINISH before the deadline"),
    );
  }
  for (const [backend] of backends) {
    const base = results.find((r) => r.backend === backend && r.scenario === "baseline");
    const hang = results.find((r) => r.backend === backend && r.scenario === "hanging");
    if (base && hang) {
      const ratio = hang.endToEndLatencyMs.p95 / base.endToEndLatencyMs.p95;
      console.log(`[${backend}] healthy p95 with a hanging destination ${hang.endToEndLatencyMs.p95} ms vs ${base.endToEndLatencyMs.p95} ms without: ${round(ratio)}× (goal ≤ 1.2×)`);
    }
  }
  fs.mkdirSync(path.resolve("bench/results"), { recursive: true });
  fs.writeFileSync(path.resolve("bench/results/tracking.json"), JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2) + "\n");
  const bad = results.some((r) => !r.finished || r.duplicates.wishOrdersWithMoreThanOnePut > 0 || r.duplicates.aftershipDuplicateCreates > 0 || r.deliveries !== r.expectedDeliveries);
  process.exit(bad ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
