// `npm run bench:shop-heap`: heap held per shop by the compiled configuration, at 1k, 10k and 100k product
// variants (ProductShippingData rows). Each size runs in a fresh process (--expose-gc): seed, GC, measure, load
// the shop into the config cache as the first rate callback would, GC, measure again.
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
  const { compiledShop: getCompiledShop } = (await import("../app/services/rating/service.server")).ratingService();
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
  const shop = await getCompiledShop(BENCH_SHOP);
  const loadMs = performance.now() - started;
  const after = await settle();
  console.log(JSON.stringify({ variants, productsInMemory: shop?.products.size, heapMb: (after.heapUsed - before.heapUsed) / 1048576, rssMb: (after.rss - before.rss) / 1048576, loadMs, seedMs }));
  process.exit(0);
}

console.log("variants | entries in the compiled shop | heap held by the shop (after GC) | bytes per variant | RSS change | config load (cold)");
for (const size of values.sizes.split(",").map(Number)) {
  const out = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", "bench/shop-heap.ts", "--child", String(size)], { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "error" } });
  const r = JSON.parse(out.trim().split("\n").at(-1)!);
  console.log(`${r.variants} | ${r.productsInMemory} | ${r.heapMb.toFixed(2)} MB | ${Math.round((r.heapMb * 1048576) / r.variants)} B | ${r.rssMb.toFixed(1)} MB | ${r.loadMs.toFixed(0)} ms`);
}
