// `npm run bench`: the rate callback against a bare node:http server, interleaved. For each scenario the bare
// server and the app take turns in short rounds (bare, app, bare, app, …) under the same load, and the figure
// that matters is the median of the per-round ratios app/bare, with its spread: noise from other work on the
// machine hits both sides of a round alike and cancels out. The load generator is its own process, pinned to
// one core; the servers are pinned to the other (taskset, when available).
//
// Per scenario: req/s ratio (median, min–max, IQR), p50/p99 latency, peak RSS and heap after a forced GC of the
// server process, and server CPU time per request (process.cpuUsage delta / requests served), which hardly moves
// with other load on the machine, so a regression shows there first.
//
//   npm run bench                                  all scenarios, 6 rounds of 2 s each
//   npm run bench -- --compare                     … and the change against the last committed result
//   npm run bench -- --scenarios distinct,cached --rounds 4 --round-ms 1000 --no-save
//   npm run bench -- --generator http              the older node:http-client generator (its baseline is generator-bound)
//   npm run bench -- --prof                        also write V8 CPU profiles of the app's measured rounds to
//                                                  bench/profiles/<scenario>/ (summarise: npm run bench:profile)
//
// Goals (reported, never asserted): distinct ≥ 0.5× bare with p99 ≤ 5 ms; answer cache ≥ 0.8×; fallback ≥ 0.4×;
// peak RSS ≤ 150 MB. Results are appended to bench/results/rates.json with the commit and date.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { requestSource, type CartMix } from "./lib/carts";
import type { LoadResult } from "./lib/load";
import type { ServerSnapshot } from "./lib/server-stats";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: process.env.BENCH_ROUNDS ?? "6" },
    "round-ms": { type: "string", default: process.env.BENCH_ROUND_MS ?? "2000" },
    "warmup-ms": { type: "string", default: process.env.BENCH_WARMUP_MS ?? "3000" },
    "warmup-requests": { type: "string", default: process.env.BENCH_WARMUP_REQUESTS ?? "6000" },
    connections: { type: "string", default: process.env.BENCH_CONNECTIONS ?? "10" },
    scenarios: { type: "string" },
    variants: { type: "string", default: process.env.BENCH_VARIANTS ?? "1000" },
    compare: { type: "boolean", default: false },
    "no-save": { type: "boolean", default: false },
    "no-pin": { type: "boolean", default: false },
    prof: { type: "boolean", default: false },
    generator: { type: "string", default: process.env.BENCH_GENERATOR ?? "raw" },
  },
});
const ROUNDS = Number(args.rounds);
const ROUND_MS = Number(args["round-ms"]);
const WARMUP_MS = Number(args["warmup-ms"]);
// The distinct path needs a few thousand requests before V8 has optimised it and the variant LRU holds the
// catalogue (in-process: ~2,100 µs/request over the first 1,000 carts, ~250 from the 4,000th on). A warm-up by
// time alone left it cold at 200–300 req/s, so the app's warm-up also runs until it has answered this many.
const WARMUP_REQUESTS = Number(args["warmup-requests"]);
const WARMUP_CAP_MS = 60_000;
const CONNECTIONS = Number(args.connections);
const LIVE_LATENCY_MS = 50;
const RESULTS = "bench/results/rates.json";

interface Scenario {
  name: string;
  description: string;
  mix: CartMix;
  env?: Record<string, string>;
  live?: boolean;
  /** The real UPS connector against the loopback UPS (tests/fakes/ups.ts) answering rating after the latency. */
  ups?: boolean;
  goal?: { ratio?: number; p99?: number };
  todo?: string;
  /** Run only when named in --scenarios. */
  diagnostic?: boolean;
  /** Two app instances against one, sharing PostgreSQL and Redis (runScaleout). */
  scaleout?: boolean;
  /** The production build (`node server.mjs`, no tsx) instead of bench/lib/rates-server.ts. */
  built?: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: "distinct", description: "every cart distinct (no answer cache)", mix: "distinct", goal: { ratio: 0.5, p99: 5 } },
  { name: "repeat80", description: "80% of carts repeated from a pool of 200", mix: "repeat80", goal: { ratio: 0.5, p99: 5 } },
  { name: "cached", description: "every cart repeated (answer-cache path)", mix: "repeat100", goal: { ratio: 0.8 } },
  { name: "fallback", description: "every source fails → fallback prices, distinct carts", mix: "distinct", env: { BENCH_FAULT: "fail", QUOTE_CACHE_TTL_SECONDS: "0" }, goal: { ratio: 0.4 } },
  {
    name: "live50",
    description: `HTTP round trip to a carrier fake (${LIVE_LATENCY_MS} ms), 80% repeated carts`,
    mix: "repeat80",
    env: { BENCH_FAULT: "live" },
    live: true,
  },
  {
    name: "ups50",
    description: `UPS connector → loopback UPS (spec-validating fake, ${LIVE_LATENCY_MS} ms per rating call), 80% repeated carts`,
    mix: "repeat80",
    ups: true,
  },
  { name: "distinct-nolog", description: "as distinct, quote-log writer off (diagnostic: the log's cost)", mix: "distinct", env: { BENCH_NO_LOG: "1" }, diagnostic: true },
  // The demo setup answers the EU's carts (about 13% of them) with duties-paid and duties-on-delivery twins, so every
  // scenario above has landed cost on; this one is the same-run baseline without it.
  // Scale-out (only when named; needs PostgreSQL and Redis): one instance vs two behind the same generator.
  { name: "scaleout", description: "two app instances vs one, shared PostgreSQL + Redis, 80% repeated carts", mix: "repeat80", scaleout: true, diagnostic: true },
  { name: "scaleout-ups", description: "two vs one with the UPS connector (50 ms) and its quotes shared through Redis, 80% repeated carts", mix: "repeat80", scaleout: true, ups: true, diagnostic: true },
  // What `npm start` runs: the Vite build behind the same lean HTTP path, with Remix, express and the background
  // workers loaded. Its RSS is the production figure (the others carry tsx's loader).
  { name: "built", description: "every cart distinct, production build (npm run build; node server.mjs)", mix: "distinct", built: true, goal: { ratio: 0.5, p99: 5 } },
  { name: "landed-off", description: "as distinct, landed cost off (compare with distinct: the cost of DDP + DAP)", mix: "distinct", env: { BENCH_LANDED_COST: "off" } },
];

// ---- processes ---------------------------------------------------------------------------------------------

const hasTaskset = !args["no-pin"] && (() => {
  try {
    execFileSync("taskset", ["-c", "0", "true"]);
    return os.availableParallelism() >= 2;
  } catch {
    return false;
  }
})();
const SERVER_CPU = "0";
const GENERATOR_CPU = "1";

const baseEnv: Record<string, string | undefined> = {
  ...process.env,
  NODE_ENV: "production",
  SHOPIFY_API_KEY: "bench-key",
  SHOPIFY_API_SECRET: "bench-secret",
  SHOPIFY_APP_URL: "https://bench.example.com",
  WAYPOST_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
  BENCH_VARIANTS: args.variants,
};

const children = new Set<ChildProcess>();
process.on("exit", () => children.forEach((c) => c.kill()));

function launch(script: string, opts: { cpu?: string; env?: Record<string, string>; execArgv?: string[] } = {}) {
  const nodeArgs = [...(opts.execArgv ?? []), "--import", "tsx", path.resolve("bench/lib", script)];
  const [cmd, argv] = hasTaskset && opts.cpu ? ["taskset", ["-c", opts.cpu, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const child = spawn(cmd, argv, { env: { ...baseEnv, ...opts.env } as NodeJS.ProcessEnv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  const ready = new Promise<number | true>((resolve, reject) => {
    child.once("message", (m: { ready: number | true }) => resolve(m.ready));
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, ready };
}

let nextId = 1;
function ask<T>(child: ChildProcess, message: object): Promise<T> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (m: { id?: number }) => {
      if (m.id !== id) return;
      child.off("message", onMessage);
      resolve(m as T);
    };
    child.on("message", onMessage);
    child.send({ ...message, id });
  });
}

const generator = launch("load-worker.ts", { cpu: GENERATOR_CPU });
await generator.ready;
let uniqueBase = 1_000_000;
// Requests prepared per round: enough for the app at its fastest; the bare server may cycle through them
// (it caches nothing), and the generator builds more on the fly if a round needs them.
const PREPARE_PER_SECOND = Number(process.env.BENCH_PREPARE_PER_SECOND ?? 15_000);
function load(url: string | string[], mix: CartMix, durationMs: number, cycle = false): Promise<LoadResult> {
  uniqueBase += 1_000_000; // distinct carts are never repeated across rounds
  const prepare = mix === "repeat100" ? 1_000 : Math.ceil((PREPARE_PER_SECOND * durationMs) / 1000);
  return new Promise((resolve) => {
    generator.child.once("message", (m: LoadResult) => resolve(m));
    generator.child.send({ url, connections: CONNECTIONS, durationMs, mix, uniqueBase, prepare: args.generator === "http" ? 0 : prepare, cycle, generator: args.generator });
  });
}

async function startServer(script: string, env: Record<string, string>, prof?: string) {
  const { child, ready } = launch(script, { cpu: SERVER_CPU, env: { ...env, ...(prof ? { BENCH_PROF_DIR: prof } : {}) }, execArgv: ["--expose-gc"] });
  const port = await ready;
  return { child, url: `http://127.0.0.1:${port}/carrier-service/rates` };
}

async function startBuiltServer() {
  if (!fs.existsSync("build/server/index.js")) {
    process.stderr.write("  built: no build/ yet, running npm run build\n");
    execFileSync("npm", ["run", "build"], { stdio: "ignore" });
  }
  const seeder = launch("seed-only.ts");
  const databaseUrl = String(await seeder.ready);
  const port = await freePort();
  const nodeArgs = ["--expose-gc", "--import", path.resolve("bench/lib/built-stats.mjs"), "server.mjs"];
  const [cmd, argv] = hasTaskset ? ["taskset", ["-c", SERVER_CPU, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const env: Record<string, string | undefined> = { ...baseEnv, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: "error" };
  const child = spawn(cmd, argv, { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`server.mjs exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}/carrier-service/rates` };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function stopServer(child: ChildProcess) {
  const exited = new Promise((r) => child.once("exit", r));
  child.send({ type: "exit" });
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  child.kill();
}

// ---- one scenario ------------------------------------------------------------------------------------------

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}
const r2 = (n: number) => Math.round(n * 100) / 100;

interface RoundFigures {
  load: LoadResult;
  cpuUsPerReq: number;
}

async function measuredRound(server: { child: ChildProcess; url: string; bare?: boolean }, mix: CartMix, prof = false): Promise<RoundFigures> {
  if (prof) await ask(server.child, { type: "prof-start" });
  const before = await ask<ServerSnapshot>(server.child, { type: "snapshot" });
  const result = await load(server.url, mix, ROUND_MS, server.bare);
  const after = await ask<ServerSnapshot>(server.child, { type: "snapshot" });
  if (prof) await ask(server.child, { type: "prof-stop" });
  const served = Math.max(1, after.served - before.served);
  return { load: result, cpuUsPerReq: (after.cpuMicros - before.cpuMicros) / served, peak: after } as RoundFigures & { peak: ServerSnapshot };
}

async function warmUp(server: { child: ChildProcess; url: string }, mix: CartMix) {
  const started = Date.now();
  const { served: first } = await ask<ServerSnapshot>(server.child, { type: "snapshot" });
  for (;;) {
    await load(server.url, mix, WARMUP_MS);
    const { served } = await ask<ServerSnapshot>(server.child, { type: "snapshot" });
    if (served - first >= WARMUP_REQUESTS || Date.now() - started >= WARMUP_CAP_MS) return served - first;
  }
}

async function runScenario(s: Scenario) {
  if (s.todo) return { name: s.name, description: s.description, todo: s.todo };
  const extraEnv: Record<string, string> = { ...s.env };
  let fake: ReturnType<typeof launch> | undefined;
  if (s.live) {
    fake = launch("carrier-fake.ts", { cpu: GENERATOR_CPU, env: { BENCH_LIVE_LATENCY_MS: String(LIVE_LATENCY_MS) } });
    extraEnv.BENCH_LIVE_URL = `http://127.0.0.1:${await fake.ready}/rating`;
  }
  if (s.ups) {
    fake = launch("ups-fake.ts", { cpu: GENERATOR_CPU, env: { BENCH_LIVE_LATENCY_MS: String(LIVE_LATENCY_MS) } });
    extraEnv.BENCH_UPS_URL = `http://127.0.0.1:${await fake.ready}`;
    // A UPS host override is refused in production (it would send merchants' tokens elsewhere); the rating path is
    // the same in development.
    extraEnv.NODE_ENV = "development";
  }
  const profDir = args.prof ? path.resolve("bench/profiles", s.name) : undefined;
  if (profDir) fs.rmSync(profDir, { recursive: true, force: true });
  const app = s.built ? await startBuiltServer() : await startServer("rates-server.ts", extraEnv, profDir);
  const sample = requestSource(s.mix, 1)();
  const responseBytes = Buffer.byteLength(await (await fetch(app.url, { method: "POST", body: sample.body, headers: sample.headers })).text());
  const bare = { ...(await startServer("bare-server.ts", { BARE_RESPONSE_BYTES: String(responseBytes) })), bare: true };

  const idle = await ask<{ heapAfterGc: number; rss: number }>(app.child, { type: "gc" }); // seeded, before any load
  await warmUp(app, s.mix);
  await load(bare.url, s.mix, WARMUP_MS, true);
  const heapStart = await ask<{ heapAfterGc: number; rss: number }>(app.child, { type: "gc" });

  const rounds: { bare: RoundFigures; app: RoundFigures; ratio: number }[] = [];
  let peakRss = 0;
  let peakHeap = 0;
  let barePeakRss = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const b = (await measuredRound(bare, s.mix)) as RoundFigures & { peak: ServerSnapshot };
    barePeakRss = Math.max(barePeakRss, b.peak.peakRss);
    const a = (await measuredRound(app, s.mix, Boolean(profDir))) as RoundFigures & { peak: ServerSnapshot };
    peakRss = Math.max(peakRss, a.peak.peakRss);
    peakHeap = Math.max(peakHeap, a.peak.peakHeap);
    rounds.push({ bare: b, app: a, ratio: a.load.rps / Math.max(1, b.load.rps) });
    process.stderr.write(`  ${s.name} round ${i + 1}/${ROUNDS}: bare ${b.load.rps} req/s, app ${a.load.rps} req/s → ${r2(rounds.at(-1)!.ratio)}×\n`);
  }
  const heapEnd = await ask<{ heapAfterGc: number; rss: number }>(app.child, { type: "gc" });
  await stopServer(app.child);
  await stopServer(bare.child);
  if (fake) fake.child.kill();

  const ratios = rounds.map((r) => r.ratio);
  const appRounds = rounds.map((r) => r.app);
  const non200 = appRounds.reduce((n, r) => n + r.load.requests - (r.load.statuses["200"] ?? 0) + r.load.errors, 0);
  const figures = {
    name: s.name,
    description: s.description,
    ratio: { median: r2(median(ratios)), min: r2(Math.min(...ratios)), max: r2(Math.max(...ratios)), q1: r2(quantile(ratios, 0.25)), q3: r2(quantile(ratios, 0.75)), rounds: ratios.map(r2) },
    appRps: Math.round(median(appRounds.map((r) => r.load.rps))),
    bareRps: Math.round(median(rounds.map((r) => r.bare.load.rps))),
    p50: r2(median(appRounds.map((r) => r.load.p50))),
    p95: r2(median(appRounds.map((r) => r.load.p95))),
    p99: r2(median(appRounds.map((r) => r.load.p99))),
    p99Worst: r2(Math.max(...appRounds.map((r) => r.load.p99))),
    bareP99: r2(median(rounds.map((r) => r.bare.load.p99))),
    cpuUsPerReq: Math.round(median(appRounds.map((r) => r.cpuUsPerReq))),
    bareCpuUsPerReq: Math.round(median(rounds.map((r) => r.bare.cpuUsPerReq))),
    // What the req/s ratio would be if both servers were CPU-bound on their core: steadier than the req/s ratio
    // when other work on the machine comes and goes.
    cpuRatio: r2(median(rounds.map((r) => r.bare.cpuUsPerReq / Math.max(1e-9, r.app.cpuUsPerReq)))),
    peakRssMb: Math.round(peakRss / 1048576),
    peakHeapMb: Math.round(peakHeap / 1048576),
    idleRssMb: Math.round(idle.rss / 1048576),
    barePeakRssMb: Math.round(barePeakRss / 1048576),
    heapAfterGcMb: { idle: r2(idle.heapAfterGc / 1048576), start: r2(heapStart.heapAfterGc / 1048576), end: r2(heapEnd.heapAfterGc / 1048576) },
    requests: appRounds.reduce((n, r) => n + r.load.requests, 0),
    non200,
    generatorCpuMax: r2(Math.max(...rounds.flatMap((r) => [r.bare.load.generatorCpu, r.app.load.generatorCpu]))),
    responseBytes,
  };
  return { ...figures, verdict: verdict(s, figures) };
}

function verdict(s: Scenario, f: { ratio: { median: number }; p99: number; peakRssMb: number }) {
  const parts: string[] = [];
  if (s.goal?.ratio !== undefined) parts.push(`${f.ratio.median >= s.goal.ratio ? "meets" : "misses"} ≥${s.goal.ratio}×`);
  if (s.goal?.p99 !== undefined) parts.push(`p99 ${f.p99 <= s.goal.p99 ? "meets" : "misses"} ≤${s.goal.p99} ms`);
  parts.push(`RSS ${f.peakRssMb <= 150 ? "meets" : "misses"} ≤150 MB`);
  return parts.join(", ");
}

// ---- scale-out: two instances against one ------------------------------------------------------------------
// Both instances run the production rating service with DATABASE_URL on a fresh PostgreSQL database and
// REDIS_URL set (shared quote cache, config invalidation over pub/sub). Rounds alternate: instance A alone with
// every connection, then A and B with the connections split between them; the figure is the median of the
// per-round ratios two ÷ one. Servers are not pinned (a second instance is only worth something if it can use
// another core); the generator keeps its pin, so on a 2-core machine B shares a core with the generator.
const SCALEOUT_RESULTS = "bench/results/scaleout.json";

async function runScaleout(s: Scenario) {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
  const { pgAdmin, quoteIdent, withDatabase } = await import("../app/db/migration-adapters.server");
  const dbName = `waypost_bench_${process.pid}_${Date.now().toString(36)}`;
  await pgAdmin(adminUrl, `CREATE DATABASE ${quoteIdent(dbName)}`);
  const env: Record<string, string> = { BENCH_DATABASE_URL: withDatabase(adminUrl, dbName), REDIS_URL: redisUrl };
  let fake: ReturnType<typeof launch> | undefined;
  if (s.ups) {
    fake = launch("ups-fake.ts", { cpu: GENERATOR_CPU, env: { BENCH_LIVE_LATENCY_MS: String(LIVE_LATENCY_MS) } });
    Object.assign(env, { BENCH_UPS_URL: `http://127.0.0.1:${await fake.ready}`, NODE_ENV: "development" });
  }
  const start = async (extra: Record<string, string>) => {
    const { child, ready } = launch("rates-server.ts", { env: { ...env, ...extra }, execArgv: ["--expose-gc"] });
    return { child, url: `http://127.0.0.1:${await ready}/carrier-service/rates` };
  };
  try {
    const a = await start({}); // seeds the database
    const b = await start({ BENCH_DATABASE_SEEDED: "1" });
    const loadBefore = os.loadavg();
    await load(a.url, s.mix, WARMUP_MS);
    await load([a.url, b.url], s.mix, WARMUP_MS);
    const rounds: { one: LoadResult; two: LoadResult; ratio: number; cpuOne: number; cpuTwo: number }[] = [];
    const snap = (c: ChildProcess) => ask<ServerSnapshot>(c, { type: "snapshot" });
    for (let i = 0; i < ROUNDS; i++) {
      const a0 = await snap(a.child);
      const one = await load(a.url, s.mix, ROUND_MS);
      const a1 = await snap(a.child);
      const b1 = await snap(b.child);
      const two = await load([a.url, b.url], s.mix, ROUND_MS);
      const [a2, b2] = [await snap(a.child), await snap(b.child)];
      const cpuOne = (a1.cpuMicros - a0.cpuMicros) / Math.max(1, a1.served - a0.served);
      const cpuTwo = (a2.cpuMicros - a1.cpuMicros + b2.cpuMicros - b1.cpuMicros) / Math.max(1, a2.served - a1.served + b2.served - b1.served);
      rounds.push({ one, two, ratio: two.rps / Math.max(1, one.rps), cpuOne, cpuTwo });
      process.stderr.write(`  ${s.name} round ${i + 1}/${ROUNDS}: one instance ${one.rps} req/s, two ${two.rps} req/s → ${r2(rounds.at(-1)!.ratio)}×\n`);
    }
    const stats = [await snap(a.child), await snap(b.child)].map((x) => x.app);
    await stopServer(a.child);
    await stopServer(b.child);
    const ratios = rounds.map((r) => r.ratio);
    const non200 = rounds.reduce((n, r) => n + [r.one, r.two].reduce((m, l) => m + l.requests - (l.statuses["200"] ?? 0) + l.errors, 0), 0);
    return {
      name: s.name,
      description: s.description,
      ratio: { median: r2(median(ratios)), min: r2(Math.min(...ratios)), max: r2(Math.max(...ratios)), q1: r2(quantile(ratios, 0.25)), q3: r2(quantile(ratios, 0.75)), rounds: ratios.map(r2) },
      oneRps: Math.round(median(rounds.map((r) => r.one.rps))),
      twoRps: Math.round(median(rounds.map((r) => r.two.rps))),
      p50: { one: r2(median(rounds.map((r) => r.one.p50))), two: r2(median(rounds.map((r) => r.two.p50))) },
      p99: { one: r2(median(rounds.map((r) => r.one.p99))), two: r2(median(rounds.map((r) => r.two.p99))) },
      cpuUsPerReq: { one: Math.round(median(rounds.map((r) => r.cpuOne))), two: Math.round(median(rounds.map((r) => r.cpuTwo))) },
      generatorCpuMax: r2(Math.max(...rounds.flatMap((r) => [r.one.generatorCpu, r.two.generatorCpu]))),
      quoteCache: stats,
      loadAverage: { before: loadBefore.map(r2), after: os.loadavg().map(r2) },
      non200,
    };
  } finally {
    if (fake) fake.child.kill();
    await pgAdmin(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(dbName)} WITH (FORCE)`).catch(() => {});
  }
}

function saveScaleout(rows: Awaited<ReturnType<typeof runScaleout>>[]) {
  console.log(`\nScale-out: two instances vs one (${ROUNDS} rounds × ${ROUND_MS / 1000} s per side, ${CONNECTIONS} connections split over the instances; servers unpinned, generator ${hasTaskset ? `pinned to CPU ${GENERATOR_CPU}` : "unpinned"}; ${os.availableParallelism()} cores)\n`);
  console.log(["scenario", "two ÷ one (median)", "min–max", "one req/s", "two req/s", "p50 one/two", "p99 one/two", "CPU µs/req one/two", "load avg before→after", "non-200"].join(" | "));
  for (const r of rows) {
    console.log([r.name, `${r.ratio.median.toFixed(2)}×`, `${r.ratio.min.toFixed(2)}–${r.ratio.max.toFixed(2)}`, r.oneRps, r.twoRps, `${r.p50.one} / ${r.p50.two} ms`, `${r.p99.one} / ${r.p99.two} ms`, `${r.cpuUsPerReq.one} / ${r.cpuUsPerReq.two}`, `${r.loadAverage.before[0]} → ${r.loadAverage.after[0]}`, r.non200].join(" | "));
    console.log(`  quote cache (A, B): ${JSON.stringify(r.quoteCache)}`);
  }
  if (args["no-save"]) return;
  const history = fs.existsSync(SCALEOUT_RESULTS) ? (JSON.parse(fs.readFileSync(SCALEOUT_RESULTS, "utf8")) as unknown[]) : [];
  history.push({ date: new Date().toISOString(), commit, node: process.version, cores: os.availableParallelism(), rounds: ROUNDS, roundMs: ROUND_MS, warmupMs: WARMUP_MS, warmupRequests: WARMUP_REQUESTS, connections: CONNECTIONS, variants: Number(args.variants), scenarios: rows });
  fs.writeFileSync(SCALEOUT_RESULTS, JSON.stringify(history, null, 2) + "\n");
  console.log(`\nAppended to ${SCALEOUT_RESULTS} (${history.length} runs)`);
}

// ---- run ---------------------------------------------------------------------------------------------------

const wanted = args.scenarios?.split(",").map((x) => x.trim());
const selected = SCENARIOS.filter((s) => (wanted ? wanted.includes(s.name) : !s.diagnostic));
const commit = (() => {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "--", "app"], { encoding: "utf8" }).trim() !== "";
    return dirty ? `${sha}+dirty-app` : sha;
  } catch {
    return "unknown";
  }
})();
const placement = hasTaskset
  ? `generator pinned to CPU ${GENERATOR_CPU} (1 core), servers pinned to CPU ${SERVER_CPU} (1 core) with taskset; orchestrator unpinned`
  : `not pinned (taskset unavailable or --no-pin): generator and servers share ${os.availableParallelism()} cores`;
console.error(`Rate callback benchmark, interleaved: ${ROUNDS} rounds × ${ROUND_MS} ms per side, ${CONNECTIONS} connections, ${args.variants} product variants, node ${process.version}, ${os.availableParallelism()} cores; ${placement}`);

const results = [];
const scaleouts = [];
for (const s of selected) {
  if (s.scaleout) scaleouts.push(await runScaleout(s));
  else results.push(await runScenario(s));
}
generator.child.kill();
if (scaleouts.length) {
  saveScaleout(scaleouts);
  if (results.length === 0) process.exit(0);
}

const run = {
  date: new Date().toISOString(),
  commit,
  node: process.version,
  method: "interleaved",
  generator: args.generator === "http" ? "node:http client (generator-bound baseline)" : "raw-socket HTTP/1.1, requests prepared before each round",
  cores: os.availableParallelism(),
  placement,
  rounds: ROUNDS,
  roundMs: ROUND_MS,
  warmupMs: WARMUP_MS,
  warmupRequests: WARMUP_REQUESTS,
  connections: CONNECTIONS,
  variants: Number(args.variants),
  scenarios: results,
};

printTable(run);
if (args.compare) printComparison(run);
if (!args["no-save"]) {
  const history = readHistory(fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, "utf8") : "[]");
  history.push(run);
  fs.writeFileSync(RESULTS, JSON.stringify(history, null, 2) + "\n");
  console.log(`\nAppended to ${RESULTS} (${history.length} runs)`);
}
process.exit(0);

type Run = typeof run;
type Row = Extract<Run["scenarios"][number], { ratio: unknown }>;
function isRow(r: Run["scenarios"][number]): r is Row {
  return "ratio" in r;
}

function printTable(r: Run) {
  console.log(`\nRate callback vs bare node:http, interleaved (${r.rounds} rounds × ${r.roundMs / 1000} s, ${r.connections} connections, ${r.variants} variants; generator: ${r.generator}; ${r.placement}); commit ${r.commit}, node ${r.node}\n`);
  const cols = ["scenario", "× bare (median)", "min–max", "IQR", "app req/s", "p50", "p99", "p99 bare", "CPU µs/req", "bare µs/req", "CPU ratio", "peak RSS (idle; bare)", "heap after GC", "non-200"];
  console.log(cols.join(" | "));
  for (const s of r.scenarios) {
    if (!isRow(s)) {
      console.log(`${s.name} | TODO: ${s.todo}`);
      continue;
    }
    console.log(
      [s.name, `${s.ratio.median.toFixed(2)}×`, `${s.ratio.min.toFixed(2)}–${s.ratio.max.toFixed(2)}`, `${s.ratio.q1.toFixed(2)}–${s.ratio.q3.toFixed(2)}`, s.appRps, `${s.p50} ms`, `${s.p99} ms`, `${s.bareP99} ms`, s.cpuUsPerReq, s.bareCpuUsPerReq, `${s.cpuRatio.toFixed(2)}×`, `${s.peakRssMb} MB (${s.idleRssMb}; ${s.barePeakRssMb})`, `${s.heapAfterGcMb.start}→${s.heapAfterGcMb.end} MB`, s.non200].join(" | "),
    );
  }
  console.log("");
  for (const s of r.scenarios) if (isRow(s)) console.log(`${s.name}: ${s.verdict}${s.generatorCpuMax > 0.9 ? ` (generator CPU reached ${s.generatorCpuMax}: the generator may be the bottleneck)` : ""}`);
}

function readHistory(text: string): Run[] {
  const parsed = JSON.parse(text) as Run | Run[];
  return Array.isArray(parsed) ? parsed : [parsed]; // the first file held one (non-interleaved) run
}

function printComparison(current: Run) {
  let committed: string;
  try {
    committed = execFileSync("git", ["show", `HEAD:${RESULTS}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    console.log("\n--compare: no committed bench/results/rates.json");
    return;
  }
  const previous = readHistory(committed).filter((r) => r.method === "interleaved" && r.generator === current.generator).at(-1);
  if (!previous) {
    console.log("\n--compare: no committed interleaved result yet");
    return;
  }
  console.log(`\nChange against the last committed result (${previous.commit}, ${previous.date}):`);
  const settings = (r: Run) => `${r.rounds} rounds × ${r.roundMs} ms, warm-up ${r.warmupMs ?? 1000} ms${r.warmupRequests ? ` and ≥ ${r.warmupRequests} requests` : ""}, ${r.connections} connections, ${r.variants} variants`;
  if (settings(previous) !== settings(current)) {
    // Short rounds and warm-ups leave the JIT cold: CPU per request then reads up to 2–3× higher.
    console.log(`  warning: settings differ (${settings(previous)} then, ${settings(current)} now); compare like with like`);
  }
  for (const s of current.scenarios) {
    const before = previous.scenarios.find((p) => p.name === s.name);
    if (!isRow(s) || !before || !isRow(before)) continue;
    const pct = (a: number, b: number) => `${a >= b ? "+" : ""}${Math.round(((a - b) / b) * 100)}%`;
    console.log(
      `${s.name}: × bare ${before.ratio.median.toFixed(2)} → ${s.ratio.median.toFixed(2)} (${pct(s.ratio.median, before.ratio.median)}), ` +
        `CPU µs/req ${before.cpuUsPerReq} → ${s.cpuUsPerReq} (${pct(s.cpuUsPerReq, before.cpuUsPerReq)}), ` +
        `p99 ${before.p99} → ${s.p99} ms, peak RSS ${before.peakRssMb} → ${s.peakRssMb} MB, heap after GC ${before.heapAfterGcMb.end} → ${s.heapAfterGcMb.end} MB`,
    );
  }
}
