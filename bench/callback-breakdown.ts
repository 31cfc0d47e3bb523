// `npm run bench:breakdown`: where one rate callback's CPU time goes, stage by stage, measured in-process on
// 2,000 distinct carts (no answer cache), on one core with nothing else in the process. Complements the CPU
// profile: the profile shows functions, this shows what each step of the callback costs per request.
//   npm run bench:breakdown [-- --carts 2000 --variants 1000 --warm 200 --prof /tmp/callback.cpuprofile]
import fs from "node:fs";
import inspector from "node:inspector/promises";
import { parseArgs } from "node:util";
import { BENCH_SECRET, BENCH_SHOP, cart, signed } from "./lib/carts";
import { seedBenchDatabase } from "./lib/seed";

const { values } = parseArgs({ options: { carts: { type: "string", default: "2000" }, variants: { type: "string", default: "1000" }, prof: { type: "string" }, warm: { type: "string", default: "200" } } });
const WARM = Number(values.warm);
const N = Number(values.carts);
Object.assign(process.env, {
  NODE_ENV: "production",
  SHOPIFY_API_KEY: "bench-key",
  SHOPIFY_API_SECRET: BENCH_SECRET,
  SHOPIFY_APP_URL: "https://bench.example.com",
  WAYPOST_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
});
await seedBenchDatabase({ variants: Number(values.variants) });
const { verifyShopifyHmac } = await import("../app/shopify/hmac.server");
const { shopifySecrets } = await import("../app/shopify/secrets.server");
const { ShopifyRateRequestSchema, parseRateCallbackRequest } = await import("../app/shopify/rate-callback.schema");
const { ratingService } = await import("../app/services/rating/service.server");
const { handleRateCallback, compiledShop: getCompiledShop } = ratingService();
const { flushQuoteLog, pendingQuoteLogEntries } = await import("../app/services/rating/quote-log.server");
await getCompiledShop(BENCH_SHOP);

const make = (base: number, count = N) => Array.from({ length: count }, (_, i) => signed(JSON.stringify(cart(base + i))));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

type Measured = { before?: () => Promise<unknown>; after?: () => Promise<unknown> };

async function stage(name: string, fn: (req: ReturnType<typeof signed>, raw: Buffer) => unknown, base: number, measured: Measured = {}) {
  const reqs = make(base);
  const raws = reqs.map((r) => Buffer.from(r.body));
  // Warm the JIT (and the variant LRU) on carts of their own, so the measured carts stay distinct.
  for (const r of make(base + 5_000_000, WARM)) await fn(r, Buffer.from(r.body));
  gc();
  await measured.before?.();
  const cpu = process.cpuUsage();
  for (let i = 0; i < N; i++) await fn(reqs[i], raws[i]);
  const used = process.cpuUsage(cpu);
  await measured.after?.();
  const us = (used.user + used.system) / N;
  console.log(`${name.padEnd(58)} ${us.toFixed(1).padStart(8)} µs/request`);
  return us;
}

console.log(`Callback cost per request, ${N} distinct carts (1–20 items), ${values.variants} variants, node ${process.version}\n`);
let base = 10_000_000;
// --prof FILE: a CPU profile of the whole-callback stage's measured carts only, after its warm-up (summarise
// with npm run bench:profile -- FILE).
const session = values.prof ? new inspector.Session() : undefined;
session?.connect();
const profiled: Measured = session
  ? {
      before: async () => {
        await session.post("Profiler.enable");
        await session.post("Profiler.setSamplingInterval", { interval: 100 });
        await session.post("Profiler.start");
      },
      after: async () => {
        const { profile } = await session.post("Profiler.stop");
        fs.writeFileSync(values.prof!, JSON.stringify(profile));
      },
    }
  : {};
const full = await stage("whole callback (handleRateCallback, log buffered not written)", (r, raw) =>
  handleRateCallback({ rawBody: raw, hmac: r.headers["X-Shopify-Hmac-Sha256"], shopDomain: BENCH_SHOP, timeoutHeader: "5000", receivedAt: performance.now() }), (base += N), profiled);
const pending = pendingQuoteLogEntries();
await flushQuoteLog();
await stage("  HMAC verify (verifyShopifyHmac + shopifySecrets)", (r, raw) => verifyShopifyHmac(raw, r.headers["X-Shopify-Hmac-Sha256"], shopifySecrets()), (base += N));
await stage("  JSON.parse", (_r, raw) => JSON.parse(raw.toString("utf8")), (base += N));
await stage("  zod ShopifyRateRequestSchema.safeParse (on parsed JSON)", (r) => ShopifyRateRequestSchema.safeParse(JSON.parse(r.body)), (base += N));
await stage("  callback's check (parseRateCallbackRequest: fast accept, zod otherwise), on parsed JSON", (r) => parseRateCallbackRequest(JSON.parse(r.body)), (base += N));
await stage("    … minus JSON.parse (subtract the line above)", (r) => JSON.parse(r.body), (base += N));

// Rating itself (zone → packing → billable weight → table source → rules → delivery dates), fresh caches, so
// every quote is a miss as with distinct carts.
const { rateShop } = await import("../app/services/rating/rate-shop");
const { packItems } = await import("../app/domain/packing");
const { MemoryQuoteCache, SingleFlight } = await import("../app/services/rating/quote-cache");
const { AddressSchema } = await import("../app/domain/address");
const shop = (await getCompiledShop(BENCH_SHOP))!;
const quoteCache = new MemoryQuoteCache();
const flights = new SingleFlight<never>();
const input = (body: string) => {
  const r = JSON.parse(body).rate;
  return {
    destination: AddressSchema.parse({ country: r.destination.country, province: r.destination.province, postalCode: r.destination.postal_code, city: r.destination.city }),
    currency: r.currency,
    items: r.items.map((i: { quantity: number; grams: number; price: number; sku: string; variant_id: number }) => ({ quantity: i.quantity, grams: i.grams, price: i.price, sku: i.sku, requiresShipping: true, variantId: String(i.variant_id) })),
    now: new Date(),
  };
};
const ratingUs = await stage("  rateShop (incl. JSON.parse + address parse to build its input)", (r) => rateShop(shop, input(r.body), { quoteCache, singleFlight: flights, deadlineAt: performance.now() + 2000, sourceTimeoutMs: 2000, cacheTtlMs: 600_000 }), (base += N));
await stage("    packItems alone (boxes of the demo shop)", (r) => {
  const items = JSON.parse(r.body).rate.items as { quantity: number; grams: number; variant_id: number }[];
  return packItems(items.map((i, k) => ({ id: String(k), quantity: i.quantity, grams: i.grams, dimensionsMm: shop.products.get(String(i.variant_id))?.dimensionsMm ?? undefined })), shop.boxes, shop.defaultBox);
}, (base += N));
void ratingUs;

// The quote-log writer: buffered rows, then written in batches of 100 on the event loop.
const reqs = make((base += N));
for (const r of reqs) await handleRateCallback({ rawBody: Buffer.from(r.body), hmac: r.headers["X-Shopify-Hmac-Sha256"], shopDomain: BENCH_SHOP, timeoutHeader: "5000", receivedAt: performance.now() });
const rows = pendingQuoteLogEntries();
gc();
const cpu = process.cpuUsage();
const t0 = performance.now();
await flushQuoteLog();
const used = process.cpuUsage(cpu);
console.log(`${"quote-log write (flushQuoteLog), per row".padEnd(58)} ${((used.user + used.system) / rows).toFixed(1).padStart(8)} µs/request  (${rows} rows in ${(performance.now() - t0).toFixed(0)} ms wall; ${pending} rows from the first stage)`);
console.log(`\nwhole callback + log write ≈ ${(full + (used.user + used.system) / rows).toFixed(0)} µs/request of CPU (excluding HTTP parsing and socket writes)`);
process.exit(0);
