// `npm run bench:shop-heap`: heap held per shop by the compiled configuration, at 1k, 10k and 100k product
// variants (ProductShippingData rows). Each size runs in a fresh process (--expose-gc): seed, GC, measure, load
// the shop into the config cache as the first rate callback would, look up the variants of 2,000 random carts
// (what checkout traffic leaves in the per-shop LRU), GC, measure again.
//   npx tsx bench/shop-heap.ts [--sizes 1000,10000,100000]
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "1000,10000,100000" }, child: { type: "string" } } });

if (values.child) {
  const variants = Number(values.child);
  const { seedBenchDatabase } = await import("./lib/seed");
  const { BENCH_SHOP } = await import("./lib/carts");
  const seedStarted = performance.now();
  await seedBenchDatabase({ variants });
  const seedMs = performance.now() - seedStarted;
  const { createShopConfigCache } = await import("../app/services/rating/shop-config-cache.server");
  const { carrierRegistry } = await import("../app/carriers/registry.server");
  const { getDb } = await import("../app/db.server");
  await getDb().shop.findUnique({ where: { domain: BENCH_SHOP } }); // warm the client outside the measurement
  const gc = (globalThis as { gc: () => void }).gc;
  const settle = async () => {
    gc();
    await new Promise((r) => setTimeout(r, 50));
    gc();
    return process.memoryUsage();
  };
  const before = await settle();
  const started = performance.now();
  const configs = createShopConfigCache({ db: getDb(), now: Date.now, wiring: { carriers: carrierRegistry, deps: { fetch: globalThis.fetch, now: Date.now } }, loadConnections: async () => new Map() });
  const shop = (await configs.get(BENCH_SHOP))!;
  const loadMs = performance.now() - started;
  // Then 2,000 carts of up to 20 random variants each, as distinct checkouts would name them (variant ids 2000…).
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
  const lookupStarted = performance.now();
  const CARTS = 2_000;
  for (let i = 0; i < CARTS; i++) {
    await configs.loadVariants(shop, Array.from({ length: 1 + Math.floor(rand() * 20) }, () => 2000 + Math.floor(rand() * variants)));
  }
  const lookupUs = ((performance.now() - lookupStarted) * 1000) / CARTS;
  const after = await settle();
  console.log(JSON.stringify({ variants, productsInMemory: shop.products.size, heapMb: (after.heapUsed - before.heapUsed) / 1048576, rssMb: (after.rss - before.rss) / 1048576, loadMs, lookupUs, seedMs }));
  process.exit(0);
}

console.log("variants | entries in the compiled shop after 2,000 carts | heap held by the shop (after GC) | RSS change | config load (cold) | variant lookup per cart (wall)");
for (const size of values.sizes.split(",").map(Number)) {
  const out = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", "bench/shop-heap.ts", "--child", String(size)], { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "error" } });
  const r = JSON.parse(out.trim().split("\n").at(-1)!);
  console.log(`${r.variants} | ${r.productsInMemory} | ${r.heapMb.toFixed(2)} MB | ${r.rssMb.toFixed(1)} MB | ${r.loadMs.toFixed(0)} ms | ${r.lookupUs.toFixed(0)} µs`);
}
