// The hot path reads each shop's compiled configuration from memory. Entries are served immediately and
// revalidated in the background at most once a second against Shop.configVersion, so several instances converge
// within about a second of a change; the instance that made the change drops its entry at once.
// If the database is unreachable, the last compiled configuration keeps serving checkout.
import { getDb } from "~/db.server";
import { ShippingConfigSchema } from "~/domain/shipping-config";
import { logger } from "~/lib/logger.server";
import { compileShop, variantKey, type CompiledShop, type ProductData, type SourceDecorator } from "./compile";
import { SingleFlight } from "./quote-cache";

const REVALIDATE_AFTER_MS = 1_000;

interface Entry {
  compiled: CompiledShop | null; // null: unknown or uninstalled shop (also cached, so a flood of 404s stays cheap)
  version: number;
  checkedAt: number;
}

const entries = new Map<string, Entry>();
let decorateSource: SourceDecorator | undefined;

/** Fault injection for tests and `npm run bench`: wraps every rate source of every shop compiled afterwards. */
export function setSourceDecorator(decorator: SourceDecorator | undefined) {
  decorateSource = decorator;
  entries.clear();
}
const flights = new SingleFlight<Entry>();

export async function getCompiledShop(domain: string): Promise<CompiledShop | null> {
  const entry = entries.get(domain);
  if (entry) {
    if (Date.now() - entry.checkedAt > REVALIDATE_AFTER_MS) {
      entry.checkedAt = Date.now(); // one background check at a time per shop
      void revalidate(domain, entry).catch((error) => logger.warn("config revalidation failed; serving cached", { shop: domain, error: String(error) }));
    }
    return entry.compiled;
  }
  const { promise } = flights.run(domain, () => load(domain));
  return (await promise).compiled;
}

export function invalidateShopConfig(domain: string) {
  entries.delete(domain);
}

export function clearShopConfigCache() {
  entries.clear();
}

async function revalidate(domain: string, entry: Entry) {
  const row = await getDb().shop.findUnique({ where: { domain }, select: { configVersion: true, active: true } });
  const version = row?.active ? row.configVersion : -1;
  if (version === entry.version) return;
  await flights.run(domain, () => load(domain)).promise;
}

async function load(domain: string): Promise<Entry> {
  const db = getDb();
  const shop = await db.shop.findUnique({ where: { domain } });
  if (!shop || !shop.active) {
    const entry = { compiled: null, version: -1, checkedAt: Date.now() };
    entries.set(domain, entry);
    return entry;
  }
  const parsed = ShippingConfigSchema.safeParse(shop.shippingConfig ?? { version: 1, currency: shop.currency, timeZone: shop.timeZone, origin: { country: "US" } });
  if (!parsed.success) logger.error("stored shipping config is invalid; serving no zones", { shop: domain });
  const rows = await db.productShippingData.findMany({ where: { shopId: shop.id } });
  const products = new Map<string, ProductData>(
    rows.map((r) => [
      variantKey(r.variantId),
      {
        grams: r.weightGrams,
        dimensionsMm: r.lengthMm && r.widthMm && r.heightMm ? { l: r.lengthMm, w: r.widthMm, h: r.heightMm } : null,
      },
    ]),
  );
  const config = parsed.success ? parsed.data : ShippingConfigSchema.parse({ version: 1, currency: shop.currency, timeZone: "UTC", origin: { country: "US" } });
  const compiled = compileShop({ domain, shopId: shop.id, version: shop.configVersion, config, products, decorateSource });
  const entry = { compiled, version: shop.configVersion, checkedAt: Date.now() };
  entries.set(domain, entry);
  return entry;
}
