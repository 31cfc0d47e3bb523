// Turns a shop's ShippingConfig (plus its product shipping data) into the structure the hot path reads:
// zones ready for matching, rate sources built once, boxes with the default resolved. Pure and cheap to keep.
import type { Box } from "~/domain/packing";
import type { Zone } from "~/domain/zones";
import type { DimRuleId } from "~/domain/billable-weight";
import type { DimensionsMm } from "~/domain/units";
import type { RuleSet } from "~/domain/rules";
import type { ServiceConfig, ShippingConfig } from "~/domain/shipping-config";
import type { RateSource } from "~/carriers/carrier";
import { createTableSource } from "~/carriers/table";

/** Used when the merchant has defined no default box: 12 × 9 × 4 in, up to 30 kg. */
export const FALLBACK_DEFAULT_BOX: Box = {
  id: "default",
  name: "Default box (12 × 9 × 4 in)",
  innerMm: { l: 304.8, w: 228.6, h: 101.6 },
  maxGrams: 30_000,
  tareGrams: 0,
};

export interface CompiledService {
  code: string;
  name: string;
  description: string;
  sourceId: string;
  sourceServiceCode: string;
  delivery?: { minDays: number; maxDays: number };
  fallbackPrice?: number;
  rules?: RuleSet;
}

export interface CompiledZone {
  zone: Zone;
  services: CompiledService[];
  sources: Map<string, RateSource>;
}

export interface ProductData {
  grams?: number | null;
  dimensionsMm?: DimensionsMm | null;
}

export interface CompiledShop {
  domain: string;
  shopId: string;
  version: number;
  config: ShippingConfig;
  zones: Zone[];
  byZoneId: Map<string, CompiledZone>;
  boxes: Box[];
  defaultBox: Box;
  dimRule: DimRuleId;
  products: Map<string, ProductData>;
}

export type SourceDecorator = (source: RateSource) => RateSource;

export function compileShop(input: {
  domain: string;
  shopId: string;
  version: number;
  config: ShippingConfig;
  products?: Map<string, ProductData>;
  /** Wraps every source (tests and the benchmark inject delays and failures here). */
  decorateSource?: SourceDecorator;
}): CompiledShop {
  const { config } = input;
  const boxes: Box[] = config.boxes.map((b, i) => ({ id: `box-${i}`, name: b.name, innerMm: b.innerMm, maxGrams: b.maxGrams, tareGrams: b.tareGrams }));
  const defaultIndex = config.boxes.findIndex((b) => b.default);
  const defaultBox = defaultIndex >= 0 ? boxes[defaultIndex] : FALLBACK_DEFAULT_BOX;

  const zones: Zone[] = [];
  const byZoneId = new Map<string, CompiledZone>();
  config.zones.forEach((z, i) => {
    const zone: Zone = { id: z.id ?? `zone-${i}`, name: z.name, priority: z.priority, regions: z.regions };
    const enabled = z.services.filter((s) => s.enabled);
    zones.push(zone);
    byZoneId.set(zone.id, { zone, services: enabled.map(compileService), sources: buildSources(`${input.version}:${zone.id}`, enabled, input.decorateSource) });
  });

  return {
    domain: input.domain,
    shopId: input.shopId,
    version: input.version,
    config,
    zones,
    byZoneId,
    boxes,
    defaultBox,
    dimRule: config.dimRule,
    products: input.products ?? new Map(),
  };
}

function compileService(s: ServiceConfig): CompiledService {
  return {
    code: s.code,
    name: s.name,
    description: s.description,
    sourceId: "table",
    sourceServiceCode: s.code,
    delivery: s.delivery,
    fallbackPrice: s.fallbackPrice,
    rules: s.rules,
  };
}

/**
 * One table source per zone, holding that zone's tables; live carriers join here with their own source ids.
 * The id carries the config version, so cached quotes never outlive the tables that priced them.
 */
function buildSources(versionedZoneId: string, services: ServiceConfig[], decorate?: SourceDecorator): Map<string, RateSource> {
  const tables = Object.fromEntries(services.map((s) => [s.code, s.rateTable]));
  const transitDays = Object.fromEntries(
    services.filter((s) => s.delivery).map((s) => [s.code, { min: s.delivery!.minDays, max: s.delivery!.maxDays }]),
  );
  const table = createTableSource({ id: `table:${versionedZoneId}`, tables, transitDays });
  return new Map([["table", decorate ? decorate(table) : table]]);
}

/** Shopify sends numeric variant ids in rate requests and gids in the Admin API; both key the same variant. */
export function variantKey(id: string | number): string {
  return String(id).split("/").pop()!;
}
