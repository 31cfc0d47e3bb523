// `npm run bench:tracking`: a burst of 1,000 fulfillments across channels through the real webhook route action
// and the real outbox worker, against loopback fakes (Shopify Admin for order context, Wish, a merchant webhook,
// AfterShip) and a fresh database: SQLite, plus PostgreSQL when BENCH_DATABASE_URL is set.
// This process is the app: database, worker, and the route served over HTTP. The fakes and the webhook sender run
// in a second process (bench/lib/tracking-peer.ts), so this one pays only for what the app pays in production;
// with taskset each process gets its own core (BENCH_NO_PIN=1 to share).
// Reports deliveries/s, end-to-end latency (webhook accepted → delivered) p50/p95/p99, the app's CPU time and
// duplicates observed at the fakes; writes bench/results/tracking.json. Bounded: gives up after BENCH_DEADLINE_MS
// (default 50 s).
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { ActionFunctionArgs } from "@remix-run/node";
import type { BenchOrder, PeerCommand, PeerReply } from "./lib/tracking-peer";

const BURST_N = Number(process.env.BENCH_FULFILLMENTS ?? 1_000);
const HANG_N = Number(process.env.BENCH_HANG_FULFILLMENTS ?? 300);
const CRASH_N = Number(process.env.BENCH_CRASH_FULFILLMENTS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 25);
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_MS ?? 50_000);
const VERBOSE = Boolean(process.env.BENCH_VERBOSE);
const SHOP = "waypost-bench.myshopify.com";
/** The Admin API's query-cost bucket: Shopify Plus by default (20,000 points, 1,000/s); BENCH_SHOPIFY_PLAN=standard for 2,000 at 100/s. */
const THROTTLE = process.env.BENCH_SHOPIFY_PLAN === "standard" ? { maximumAvailable: 2_000, restoreRate: 100 } : { maximumAvailable: 20_000, restoreRate: 1_000 };
const NFE_KEY = "33150308370779000149550010001100931002410775";
const SINK_SECRET = "bench-sink-secret-0123456789";
const WEBHOOK_PATH = "/webhooks/fulfillments/create";
const APP_CPU = "0";
const PEER_CPU = "1";

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

/** Counted before pinning: once pinned, availableParallelism() reports this process's one core. */
const CORES = os.availableParallelism();
const pinned = !process.env.BENCH_NO_PIN && CORES >= 2 && (() => {
  try {
    // -a: every thread of this process (libuv's pool, database drivers); threads started later inherit the mask.
    execFileSync("taskset", ["-a", "-p", "-c", APP_CPU, String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const placement = pinned
  ? `app (this process) pinned to CPU ${APP_CPU}, fakes and webhook sender pinned to CPU ${PEER_CPU} with taskset`
  : `not pinned (taskset unavailable or BENCH_NO_PIN=1): app and peer share ${CORES} cores`;

type Peer = ReturnType<typeof startPeer>;

function startPeer() {
  const nodeArgs = ["--import", "tsx", path.resolve("bench/lib/tracking-peer.ts")];
  const [cmd, argv] = pinned ? ["taskset", ["-c", PEER_CPU, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const child = spawn(cmd, argv, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  /** Commands go one at a time; each gets exactly one reply, of the type named. */
  function ask<T extends PeerReply["type"]>(command: PeerCommand, expect: T): Promise<Extract<PeerReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`tracking peer exited (${code}) during ${command.type}`));
      child.once("exit", onExit);
      child.once("message", (reply: PeerReply) => {
        child.off("exit", onExit);
        if (reply.type === expect) resolve(reply as Extract<PeerReply, { type: T }>);
        else reject(new Error(`tracking peer answered ${reply.type} to ${command.type}`));
      });
      child.send(command);
    });
  }
  return { ask, stop: () => child.disconnect() };
}

/**
 * The webhook route over node:http, converted to a Fetch Request the way Remix's adapter does, minus what this one
 * route does not read. `onAccepted` runs when the action answered 200.
 */
async function serveWebhookRoute(action: (args: ActionFunctionArgs) => Promise<Response>, onAccepted: (body: string) => void) {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) for (const v of [value ?? []].flat()) headers.append(name, v);
    const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : body });
    let response: Response;
    try {
      response = await action({ request, params: {}, context: {} });
    } catch (thrown) {
      // Refusals are thrown Responses, as Remix routes do; anything else is the 500 Remix would answer.
      response = thrown instanceof Response ? thrown : new Response(String(thrown), { status: 500 });
    }
    if (response.status === 200) onAccepted(body.toString("utf8"));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

type Scenario = "burst" | "baseline" | "hanging" | "crash" | "plan";

/**
 * burst: N fulfillments through the webhook routes while the worker runs. baseline/hanging: the same with fewer
 * fulfillments (BENCH_HANG_FULFILLMENTS), hanging adding a fourth destination that never answers (10 s timeouts)
 * for every order; the figure is the healthy destinations' p95. crash: rows planned and claimed by a worker that
 * then "dies" (its leases are left behind); a fresh worker starts at once; recovery = crash → delivered.
 */
async function run(peer: Peer, backend: "sqlite" | "postgresql", server?: string, scenario: Scenario = "burst") {
  const N = scenario === "burst" || scenario === "plan" ? BURST_N : scenario === "crash" ? CRASH_N : HANG_N;
  const db = await freshDatabase(server);
  process.env.DATABASE_URL = db.url;
  const { getDb } = await import("../app/db.server");
  const { sealJson } = await import("../app/lib/secrets.server");
  const { sessionStorage } = await import("../app/shopify.server");
  const { action: createAction } = await import("../app/routes/webhooks.fulfillments.create");
  const { startOutboxWorker } = await import("../app/services/tracking/worker.server");
  const { pointShopifyAt } = await import("../tests/fakes/shopify-admin");
  const { offlineSession } = await import("../tests/helpers/shopify");

  const { fakes } = await peer.ask({ type: "start", throttle: THROTTLE, sinkSecret: SINK_SECRET, hanging: scenario === "hanging" }, "started");
  pointShopifyAt(fakes.adminUrl);
  await sessionStorage.storeSession(offlineSession(SHOP));
  const prisma = getDb();
  // As the server does at boot (app/server/start.server.ts): WAL, synchronous=NORMAL.
  const { tuneSqlite } = await import("../app/db/sqlite-tuning.server");
  await tuneSqlite(prisma, db.url);
  const shop = await prisma.shop.create({ data: { domain: SHOP, trackingSettings: { originCountry: "BR" } } });
  const { wish, sink, aftership, hang } = fakes;
  const sinkUrl = new URL(sink.url);
  const wishConn = await prisma.channelConnection.create({
    data: { shopId: shop.id, type: "wish", name: "Wish", settings: { clientId: wish.clientId, shippingProvider: "Intelipost", wants: "nfe_number", baseUrl: wish.url }, secrets: sealJson({ accessToken: wish.accessToken, refreshToken: wish.refreshToken, clientSecret: wish.clientSecret }) },
  });
  const hookConn = await prisma.channelConnection.create({
    data: { shopId: shop.id, type: "webhook", name: "Webhook", settings: { protocol: "http", host: sinkUrl.hostname, port: Number(sinkUrl.port), path: sink.path, auth: { kind: "hmac" }, wants: "tracking_number" }, secrets: sealJson({ hmacSecret: SINK_SECRET }) },
  });
  const asConn = await prisma.channelConnection.create({
    data: { shopId: shop.id, type: "aftership", name: "AfterShip", settings: { defaultSlug: "intelipost", wants: "tracking_number", baseUrl: aftership.url }, secrets: sealJson({ apiKey: aftership.apiKey }) },
  });
  if (hang) {
    const u = new URL(hang.url);
    const hangConn = await prisma.channelConnection.create({
      data: { shopId: shop.id, type: "webhook", name: "Hanging", settings: { protocol: "http", host: u.hostname, port: Number(u.port), path: hang.path, auth: { kind: "none" }, wants: "tracking_number" }, secrets: sealJson({}) },
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
  const orders = Array.from({ length: N }, (_, i): BenchOrder => {
    const id = 100_000 + i;
    const fromWish = i % 2 === 0;
    const trackingNumber = `BR${String(i).padStart(9, "0")}XX`;
    const admin = {
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
    const fulfillment = {
      id: 900_000 + i,
      order_id: id,
      status: "success",
      tracking_company: "Correios",
      tracking_number: trackingNumber,
      tracking_numbers: [trackingNumber],
      shipment_status: null,
      line_items: [{ id: 1, sku: "SKU", title: "Thing", quantity: 1 }],
    };
    return { admin, wishOrderId: fromWish ? `wish-${id}` : null, fulfillment };
  });
  await peer.ask({ type: "orders", orders }, "loaded");
  const accepted = new Map<string, number>();
  const app = await serveWebhookRoute(createAction, (body) => accepted.set(String((JSON.parse(body) as { id: number }).id), Date.now()));

  let worker = scenario === "crash" || scenario === "plan" ? null : startOutboxWorker({ pollMs: 50, concurrency: 32 });
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  const wallStart = Date.now();
  const queue = async () => {
    const [open, unplanned, delivered] = await Promise.all([
      prisma.outboxMessage.count({ where: { status: { in: ["pending", "in_flight", "retrying"] }, channelId: { in: healthy } } }),
      prisma.webhookReceipt.count({ where: { status: "received" } }),
      VERBOSE ? prisma.outboxMessage.count({ where: { status: "delivered", channelId: { in: healthy } } }) : 0,
    ]);
    if (VERBOSE) console.error(`t=${Math.round(performance.now() - started)}ms unplanned=${unplanned} open=${open} delivered=${delivered}`);
    return { open, unplanned };
  };
  // With the sender in its own process, deliveries can start while webhooks still arrive: verbose shows it.
  const watch = VERBOSE ? setInterval(() => void queue(), 100) : undefined;
  const sent = await peer.ask({ type: "send", url: `${app.url}${WEBHOOK_PATH}`, shop: SHOP, secret: process.env.SHOPIFY_API_SECRET!, concurrency: CONCURRENCY }, "sent");
  clearInterval(watch);
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
    const { open, unplanned } = await queue();
    if (open === 0 && unplanned === 0) {
      finished = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const { counters } = await peer.ask({ type: "finish" }, "finished"); // closes the fakes: the hung pushes end
  await worker!.stop();
  const elapsedMs = performance.now() - started;
  const appCpu = process.cpuUsage(cpuAtStart);
  await app.close();

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
  const wsorted = sent.answerMs.sort((a, b) => a - b);
  const appCpuMs = (appCpu.user + appCpu.system) / 1000;

  const firstDelivered = Math.min(...delivered.map((r) => r.deliveredAt!.getTime()));
  const result = {
    backend,
    scenario,
    fulfillments: N,
    finished,
    webhooksRejected: sent.non200 + sent.errors,
    webhookAnswerMs: { p50: round(pct(wsorted, 50)), p95: round(pct(wsorted, 95)), p99: round(pct(wsorted, 99)) },
    burstSeconds: round(burstMs / 1000),
    elapsedSeconds: round(elapsedMs / 1000),
    deliveries: delivered.length,
    expectedDeliveries: N + Math.ceil(N / 2) + Math.ceil(N / 3),
    byChannel,
    byStatus,
    throughputDeliveriesPerSecond: round(delivered.length / ((lastDelivered - wallStart) / 1000)),
    endToEndLatencyMs: { p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), max: latencies.at(-1) },
    /** This process only (database, route, worker), from the first webhook sent to the worker stopped. */
    appCpu: { ms: round(appCpuMs), msPerDelivery: round(appCpuMs / delivered.length) },
    senderCpuMs: round(sent.cpuMs),
    adminApiOrderContextCalls: counters.adminOrderContextCalls,
    adminApiOrderContextsBatches: counters.adminOrderContextsBatches,
    adminApiThrottled: counters.adminThrottled,
    ...(scenario === "crash" ? { crashRecoveryMs: { firstDelivered: firstDelivered - crashAt, allDelivered: lastDelivered - crashAt } } : {}),
    ...(scenario === "hanging" ? { hangingRequests: counters.hangingRequests } : {}),
    ...(planning ? { planning } : {}),
    loadAverage1m: round(os.loadavg()[0]),
    duplicates: { wishOrdersWithMoreThanOnePut: counters.wishOrdersWithMoreThanOnePut, wishPuts: counters.wishPuts, aftershipDuplicateCreates: counters.aftershipDuplicateCreates, webhookDuplicateEventIds: counters.webhookDuplicateEventIds },
  };
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
  console.error(`Tracking benchmark: fakes and webhook sender in a separate process (bench/lib/tracking-peer.ts), webhooks over HTTP; ${placement}`);
  const peer = startPeer();
  const results = [];
  for (const [backend, server] of backends) for (const scenario of scenarios) results.push(await run(peer, backend, server, scenario));
  peer.stop();
  for (const r of results) {
    console.log(
      `[${r.backend} ${r.scenario}] ${r.deliveries}/${r.expectedDeliveries} delivered (wish ${r.byChannel.wish}, webhook ${r.byChannel.webhook}, aftership ${r.byChannel.aftership})` +
        ` · ${r.throughputDeliveriesPerSecond} deliveries/s · e2e p50 ${r.endToEndLatencyMs.p50} ms, p95 ${r.endToEndLatencyMs.p95} ms, p99 ${r.endToEndLatencyMs.p99} ms` +
        ` · webhook answer p99 ${r.webhookAnswerMs.p99} ms · app CPU ${r.appCpu.ms} ms, ${r.appCpu.msPerDelivery} ms/delivery · duplicates: wish ${r.duplicates.wishOrdersWithMoreThanOnePut}, aftership ${r.duplicates.aftershipDuplicateCreates}, webhook ${r.duplicates.webhookDuplicateEventIds}` +
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
  fs.writeFileSync(path.resolve("bench/results/tracking.json"), JSON.stringify({ at: new Date().toISOString(), node: process.version, cores: CORES, processes: "app (database, route over HTTP, worker) in one process; fakes and webhook sender in another (bench/lib/tracking-peer.ts)", pinned, placement, results }, null, 2) + "\n");
  const bad = results.some((r) => !r.finished || r.duplicates.wishOrdersWithMoreThanOnePut > 0 || r.duplicates.aftershipDuplicateCreates > 0 || r.deliveries !== r.expectedDeliveries);
  process.exit(bad ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
