// The hot path reads each shop's compiled configuration from memory. Entries are served immediately and
// revalidated in the background at most once a second against Shop.configVersion, so several instances converge
// within about a second of a change; the instance that made the change drops its entry at once, and with Redis
// tells the others to drop theirs too (config-invalidation.server.ts).
// If the database is unreachable, the last compiled configuration keeps serving checkout.
import type { Db } from "~/db.server";
import { ShippingConfigSchema } from "~/domain/shipping-config";
import { logger } from "~/lib/logger.server";
import { compileShop, VariantCache, variantKey, type CompiledShop, type ProductData, type ShopConnections, type SourceWiring } from "./compile";
import { SingleFlight } from "./quote-cache";

const REVALIDATE_AFTER_MS = 1_000;
const VARIANTS_PER_SHOP = 5_000; // ~150 B each: under 1 MB per shop whatever the catalogue's size

interface Entry {
  compiled: CompiledShop | null; // null: unknown or uninstalled shop (also cached, so a flood of 404s stays cheap)
  version: number;
  checkedAt: number;
}

export interface ShopConfigCacheDeps {
  db: Db;
  now: () => number;
  wiring: Omit<SourceWiring, "connections">;
  /** The shop's active carrier connections (unsealed), read when its configuration is compiled. */
  loadConnections: (shop: { id: string; domain: string }) => Promise<ShopConnections>;
}

export interface ShopConfigCache {
  get(domain: string): Promise<CompiledShop | null>;
  /**
   * Makes the product data of these variants available to rating (shop.products), with one indexed query for
   * those not already cached. Never throws: without the data, rating uses the cart's own weights.
   */
  loadVariants(shop: CompiledShop, variantIds: Iterable<string | number | null | undefined>): Promise<void>;
  invalidate(domain: string): void;
  /** Drops every compiled shop (a missed invalidation message may have left any of them stale). */
  invalidateAll(): void;
}

export function createShopConfigCache(deps: ShopConfigCacheDeps): ShopConfigCache {
  const entries = new Map<string, Entry>();
  const flights = new SingleFlight<Entry>();

  async function revalidate(domain: string, entry: Entry) {
    const row = await deps.db.shop.findUnique({ where: { domain }, select: { configVersion: true, active: true } });
    const version = row?.active ? row.configVersion : -1;
    if (version === entry.version) return;
    await flights.run(domain, () => load(domain)).promise;
  }

  async function load(domain: string): Promise<Entry> {
    const shop = await deps.db.shop.findUnique({ where: { domain } });
    if (!shop || !shop.active) {
      const entry = { compiled: null, version: -1, checkedAt: deps.now() };
      entries.set(domain, entry);
      return entry;
    }
    const parsed = ShippingConfigSchema.safeParse(shop.shippingConfig ?? { version: 1, currency: shop.currency, timeZone: shop.timeZone, origin: { country: "US" } });
    if (!parsed.success) logger.error("stored shipping config is invalid; serving no zones", { shop: domain });
    // The catalogue is not loaded here: only the variants carts name, on demand (loadVariants).
    const connections = await deps.loadConnections({ id: shop.id, domain });
    const products = new VariantCache(VARIANTS_PER_SHOP);
    const config = parsed.success ? parsed.data : ShippingConfigSchema.parse({ version: 1, currency: shop.currency, timeZone: "UTC", origin: { country: "US" } });
    const compiled = compileShop({ domain, shopId: shop.id, version: shop.configVersion, config, products, wiring: { ...deps.wiring, connections } });
    const entry = { compiled, version: shop.configVersion, checkedAt: deps.now() };
    entries.set(domain, entry);
    return entry;
  }

  return {
    async get(domain) {
      const entry = entries.get(domain);
      if (entry) {
        if (deps.now() - entry.checkedAt > REVALIDATE_AFTER_MS) {
          entry.checkedAt = deps.now(); // one background check at a time per shop
          void revalidate(domain, entry).catch((error) => logger.warn("config revalidation failed; serving cached", { shop: domain, error: String(error) }));
        }
        return entry.compiled;
      }
      const { promise } = flights.run(domain, () => load(domain));
      return (await promise).compiled;
    },
    async loadVariants(shop, variantIds) {
      const cache = shop.products;
      if (!(cache instanceof VariantCache)) return;
      const keys: string[] = [];
      for (const id of variantIds) if (id !== null && id !== undefined && id !== "") keys.push(variantKey(id));
      const missing = cache.missing(keys);
      if (missing.length === 0) return;
      try {
        // Stored ids are Shopify GIDs (product data page) or bare numbers (imports); ask for both forms.
        const rows = await deps.db.productShippingData.findMany({
          where: { shopId: shop.shopId, variantId: { in: [...missing, ...missing.map((k) => `gid://shopify/ProductVariant/${k}`)] } },
          select: { variantId: true, weightGrams: true, lengthMm: true, widthMm: true, heightMm: true, hsCode: true, countryOfOrigin: true },
        });
        const found = new Map<string, ProductData>();
        for (const r of rows) {
          found.set(variantKey(r.variantId), {
            grams: r.weightGrams,
            dimensionsMm: r.lengthMm && r.widthMm && r.heightMm ? { l: r.lengthMm, w: r.widthMm, h: r.heightMm } : null,
            hsCode: r.hsCode,
            countryOfOrigin: r.countryOfOrigin,
          });
        }
        cache.fill(missing, found);
      } catch (error) {
        logger.warn("variant lookup failed; rating with the cart's weights", { shop: shop.domain, error: String(error) });
      }
    },
    invalidate(domain) {
      entries.delete(domain);
    },
    invalidateAll() {
      entries.clear();
    },
  };
}
