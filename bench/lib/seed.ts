// A fresh SQLite database with the demo shop, optionally with N product variants (ProductShippingData rows for
// variant ids 2000 … 2000+N−1, the ids the benchmark carts use). Rows go in as raw multi-row INSERTs: 100k in
// a few seconds.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BENCH_SHOP } from "./carts";

/** `url`: an existing empty database (PostgreSQL for the scale-out scenario); by default a new SQLite file. */
export async function seedBenchDatabase(opts: { variants?: number; ups?: boolean; url?: string } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-bench-"));
  process.env.DATABASE_URL = opts.url ?? `file:${path.join(dir, "bench.sqlite")}`;
  process.env.LOG_LEVEL = "error";
  const { deployMigrations } = await import("../../app/db/migrations.server");
  const { getDb } = await import("../../app/db.server");
  const { saveShippingSetup } = await import("../../app/services/shipping-config.server");
  const { tuneSqlite } = await import("../../app/db/sqlite-tuning.server");
  await deployMigrations({ url: process.env.DATABASE_URL });
  if (!opts.url) await tuneSqlite(getDb(), process.env.DATABASE_URL);
  const shop = await getDb().shop.create({ data: { domain: BENCH_SHOP } });
  const config = JSON.parse(fs.readFileSync("docs/examples/shipping-config.demo.json", "utf8"));
  // Landed cost: the demo's EU zone answers DDP + DAP. Bench variants carry no real HS code, so a shop default
  // makes every EU estimate complete (the full engine path); BENCH_LANDED_COST=off is the baseline without it.
  if (process.env.BENCH_LANDED_COST === "off") delete config.landedCost;
  else config.landedCost.defaultHsCode = "610910";
  // UPS: the US zone gains UPS Ground, 2nd Day Air and Next Day Air, priced by a client-credentials connection to
  // the loopback UPS at UPS_BASE_URL (the "ups50" scenario).
  if (opts.ups) {
    const { UPS_US_SERVICES } = await import("../../tests/helpers/ups");
    for (const zone of config.zones) if (zone.id === "us") zone.services.push(...UPS_US_SERVICES);
  }
  const saved = await saveShippingSetup(BENCH_SHOP, config);
  if (!saved.ok) throw new Error(`seed failed: ${JSON.stringify(saved)}`);
  if (opts.ups) {
    const { UPS_APP } = await import("../../tests/helpers/ups");
    const { upsertCarrierConnection } = await import("../../app/services/carrier-connections.server");
    await upsertCarrierConnection(getDb(), shop.id, {
      carrierId: "ups",
      accountNumber: "A1B2C3",
      mode: "test",
      status: "connected",
      settings: { accountNumber: "A1B2C3", accountPostalCode: "10001", accountCountry: "US", mode: "test", authKind: "client_credentials" },
      secrets: { kind: "client_credentials", clientId: UPS_APP.clientId, clientSecret: UPS_APP.clientSecret },
    });
  }
  const variants = opts.variants ?? 0;
  // SQLite stores DateTime as epoch ms; PostgreSQL needs a timestamp.
  const now = opts.url ? `'${new Date().toISOString()}'::timestamp` : String(Date.now());
  for (let start = 0; start < variants; start += 500) {
    const rows: string[] = [];
    for (let v = start; v < Math.min(variants, start + 500); v++) {
      rows.push(`('psd-${v}', '${shop.id}', '${1000 + v}', '${2000 + v}', 'Variant ${v}', 'SKU-${v}', ${50 + (v % 1500)}, ${100 + (v % 200)}, ${80 + (v % 150)}, ${20 + (v % 100)}, 'HS-${v % 97}', 'US', ${now})`);
    }
    await getDb().$executeRawUnsafe(
      `INSERT INTO "ProductShippingData" ("id", "shopId", "productId", "variantId", "title", "sku", "weightGrams", "lengthMm", "widthMm", "heightMm", "hsCode", "countryOfOrigin", "updatedAt") VALUES ${rows.join(", ")}`,
    );
  }
  return { dir, shopId: shop.id };
}
