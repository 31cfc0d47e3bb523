// `npm run bench`: the rate callback under load, against a bare node:http server measured in the same run.
// Scenarios: table source (cache hits and misses), slow source (injected delay), failing source (fallbacks).
// Targets (reported, never asserted): table ≥ 0.5× bare requests/s with p99 ≤ 5 ms at 10 connections;
// slow-source p95 within 10 ms of the injected delay; failing source: 100% answered 200 inside the deadline.
import { fork, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runLoad } from "./lib/load";

const SHOP = "waypost-bench.myshopify.com";
const SECRET = "bench-secret";
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5_000);
const DELAY_MS = 100;
const env: Record<string, string | undefined> = {
  ...process.env,
  NODE_ENV: "production",
  SHOPIFY_API_KEY: "bench-key",
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_APP_URL: "https://bench.example.com",
  WAYPOST_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
  BENCH_SHOP: SHOP,
  BENCH_DELAY_MS: String(DELAY_MS),
};

// A realistic mix: 60% US, 15% Canada, 15% EU, 10% Brazil; 1–20 items; a pool of repeat carts (cache hits)
// plus one cart in five made unique (a cache miss).
const destinations = [
  ...Array(12).fill(0).map((_, i) => ({ country: "US", province: ["CA", "NY", "TX", "WA"][i % 4], postal_code: String(10000 + i * 7919).padStart(5, "0") })),
  { country: "US", province: "AK", postal_code: "99501" },
  { country: "CA", province: "ON", postal_code: "K2P 1L4" },
  { country: "CA", province: "BC", postal_code: "V6B 1A1" },
  { country: "CA", province: "QC", postal_code: "H2X 1Y4" },
  { country: "DE", province: null, postal_code: "10115" },
  { country: "FR", province: null, postal_code: "75001" },
  { country: "NL", province: null, postal_code: "1012 AB" },
  { country: "BR", province: "SP", postal_code: "01310-100" },
  { country: "BR", province: "RJ", postal_code: "20040-002" },
];
function cart(seed: number) {
  const rnd = mulberry32(seed);
  const destination = destinations[Math.floor(rnd() * destinations.length)];
  const items = Array.from({ length: 1 + Math.floor(rnd() * 20) }, (_, i) => ({
    name: `Item ${i}`, sku: `SKU-${i}`, quantity: 1 + Math.floor(rnd() * 3), grams: 50 + Math.floor(rnd() * 1500),
    price: 500 + Math.floor(rnd() * 5000), vendor: "Bench", requires_shipping: true, taxable: true, fulfillment_service: "manual",
    properties: null, product_id: 1000 + i, variant_id: 2000 + i,
  }));
  return { rate: { origin: { country: "US", postal_code: "10001", province: "NY", city: "New York" }, destination: { ...destination, city: "X", address1: "1 Main St" }, items, currency: "USD", locale: "en" } };
}
const pool = Array.from({ length: 200 }, (_, i) => JSON.stringify(cart(i + 1)));
let counter = 0;
let unique = 1_000_000;
function nextRequest() {
  counter++;
  const body = counter % 5 === 0 ? JSON.stringify(cart(unique++)) : pool[counter % pool.length];
  const hmac = crypto.createHmac("sha256", SECRET).update(body).digest("base64");
  return { body, headers: { "Content-Type": "application/json", "X-Shopify-Hmac-Sha256": hmac, "X-Shopify-Shop-Domain": SHOP, "X-Shopify-Timeout": "5000" } };
}

async function start(script: string, extraEnv: Record<string, string> = {}) {
  const child = fork(path.resolve("bench/lib", script), [], { env: { ...env, ...extraEnv } as NodeJS.ProcessEnv, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m: { ready: number }) => resolve(m.ready));
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}/carrier-service/rates` };
}

async function stats(child: ChildProcess): Promise<{ peakRss: number; logged?: number }> {
  const result = new Promise<{ peakRss: number; logged?: number }>((resolve) => child.once("message", resolve as never));
  child.send({ type: "stats" });
  const value = await result;
  child.kill();
  return value;
}

async function scenario(name: string, script: string, extraEnv: Record<string, string> = {}) {
  const { child, url } = await start(script, extraEnv);
  await runLoad({ url, connections: CONNECTIONS, durationMs: 1_000, next: nextRequest }); // warm-up
  const load = await runLoad({ url, connections: CONNECTIONS, durationMs: DURATION_MS, next: nextRequest });
  const { peakRss, logged } = await stats(child);
  return { name, ...load, peakRssMb: Math.round(peakRss / 1048576), quotesLogged: logged };
}

const responseBytes = await (async () => {
  const { child, url } = await start("rates-server.ts");
  const { body, headers } = { body: pool[0], headers: nextRequest().headers };
  headers["X-Shopify-Hmac-Sha256"] = crypto.createHmac("sha256", SECRET).update(body).digest("base64");
  const text = await (await fetch(url, { method: "POST", body, headers })).text();
  child.kill();
  return Buffer.byteLength(text);
})();

const bare = await scenario("bare node:http", "bare-server.ts", { BARE_RESPONSE_BYTES: String(responseBytes) });
const table = await scenario("table source", "rates-server.ts");
const slow = await scenario(`slow source (+${DELAY_MS} ms)`, "rates-server.ts", { BENCH_FAULT: "slow", QUOTE_CACHE_TTL_SECONDS: "0" });
const failing = await scenario("failing source (fallbacks)", "rates-server.ts", { BENCH_FAULT: "fail", QUOTE_CACHE_TTL_SECONDS: "0" });

const rows = [bare, table, slow, failing].map((r) => ({ ...r, ratioToBare: Math.round((r.rps / bare.rps) * 100) / 100 }));
console.log(`\nRate callback benchmark: ${CONNECTIONS} connections, ${DURATION_MS / 1000} s per scenario, ${responseBytes}-byte responses, node ${process.version}\n`);
console.log(["scenario".padEnd(30), "req/s".padStart(8), "× bare".padStart(7), "p50 ms".padStart(8), "p95 ms".padStart(8), "p99 ms".padStart(8), "RSS MB".padStart(7), "non-200".padStart(8)].join(" "));
for (const r of rows) {
  const non200 = r.requests - (r.statuses["200"] ?? 0) + r.errors;
  console.log([r.name.padEnd(30), String(r.rps).padStart(8), r.ratioToBare.toFixed(2).padStart(7), r.p50.toFixed(2).padStart(8), r.p95.toFixed(2).padStart(8), r.p99.toFixed(2).padStart(8), String(r.peakRssMb).padStart(7), String(non200).padStart(8)].join(" "));
}
const verdicts = [
  `table: ${rows[1].ratioToBare >= 0.5 ? "meets" : "misses"} ≥0.5× bare (${rows[1].ratioToBare}×), p99 ${rows[1].p99} ms ${rows[1].p99 <= 5 ? "meets" : "misses"} ≤5 ms`,
  `slow: p95 ${slow.p95} ms vs injected ${DELAY_MS} ms → ${(slow.p95 - DELAY_MS).toFixed(2)} ms over (${slow.p95 - DELAY_MS <= 10 ? "meets" : "misses"} ≤10 ms)`,
  `failing: ${failing.statuses["200"] ?? 0}/${failing.requests} answered 200, max ${failing.max} ms (deadline ${env.RATES_DEADLINE_MS ?? 2000} ms)`,
];
console.log("\n" + verdicts.join("\n"));
fs.mkdirSync("bench/results", { recursive: true });
const out = path.join("bench/results", "rates.json");
fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, connections: CONNECTIONS, durationMs: DURATION_MS, responseBytes, scenarios: rows, verdicts }, null, 2) + "\n");
console.log(`\nWrote ${out}`);
process.exit(0);

function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
