// Turns a shop's ShippingConfig (plus its product shipping data) into the structure the hot path reads:
// zones ready for matching, rate sources built once per zone through the carrier registry, boxes with the default
// resolved. No I/O: the caller passes the registry and the shop's active carrier connections in.
import type { Box } from "~/domain/packing";
import type { Zone } from "~/domain/zones";
import type { DimRuleId } from "~/domain/billable-weight";
import type { DimensionsMm } from "~/domain/units";
import type { RuleSet } from "~/domain/rules";
import { type LandedCostConfig, type LandedCostMode, type ServiceConfig, type ShippingConfig, matchableZones } from "~/domain/shipping-config";
import type { RateSource } from "~/carriers/carrier";
import type { CarrierConnectionContext, CarrierDeps, LandedCostSource } from "~/carriers/connector";
import type { CarrierRegistry } from "~/carriers/registry.server";

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
  /** The service's own mode, or its zone's. */
  landedCost: LandedCostMode;
}

export interface CompiledZone {
  zone: Zone;
  services: CompiledService[];
  /** Carrier id → the zone's source for it. */
  sources: Map<string, RateSource>;
  /** Carrier id → why it has no source here (no active connection, not registered); its services use fallbacks. */
  unavailable: Map<string, string>;
}

export interface ProductData {
  grams?: number | null;
  dimensionsMm?: DimensionsMm | null;
  hsCode?: string | null;
  countryOfOrigin?: string | null;
}

/**
 * The product shipping data of the variants recently seen in carts, at most `capacity` per shop (least recently
 * used evicted), so memory does not grow with the catalogue. Filled before rating by
 * ShopConfigCache.loadVariants (one indexed query for the cart's misses); read synchronously by rating through
 * Map's `get`. Variants with no stored data are remembered as absent, so they cost no query either.
 */
export class VariantCache extends Map<string, ProductData> {
  private readonly absent = new Set<string>();
  // Second chance instead of moving an entry to the end on every read: a read only marks the key, and eviction
  // moves marked keys to the end as it meets them. Same order of eviction for what is read, without a delete and a
  // re-insert per cart line (which also left the map's table full of holes to rehash).
  private readonly used = new Set<string>();

  constructor(readonly capacity = 5_000) {
    super();
  }

  override get(key: string): ProductData | undefined {
    const value = super.get(key);
    if (value !== undefined) this.used.add(key);
    return value;
  }

  /** Keys neither cached nor known to be absent (deduplicated). */
  missing(keys: Iterable<string>): string[] {
    const out = new Set<string>();
    for (const k of keys) if (!super.has(k) && !this.absent.has(k)) out.add(k);
    return [...out];
  }

  /** Stores what the database returned for `keys`; a key without data is remembered as absent. */
  fill(keys: string[], found: Map<string, ProductData>) {
    for (const k of keys) {
      const data = found.get(k);
      if (data) this.remember(k, data);
      else {
        if (this.absent.size >= this.capacity) this.absent.delete(this.absent.values().next().value as string);
        this.absent.add(k);
      }
    }
  }

  private remember(key: string, data: ProductData) {
    super.delete(key);
    this.used.delete(key);
    while (this.size >= this.capacity) {
      const oldest = this.keys().next().value as string;
      const value = super.get(oldest)!;
      super.delete(oldest);
      if (this.used.delete(oldest)) super.set(oldest, value); // read since it was last moved: a second chance
    }
    super.set(key, data);
  }
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
  /** Shop-level landed-cost settings; absent, every landed-cost mode acts as off. */
  landedCost?: LandedCostConfig;
  /** A connected carrier that quotes landed cost live (UPS); absent, only the built-in engine estimates. */
  landedCostSource?: LandedCostSource;
}

export type SourceDecorator = (source: RateSource) => RateSource;

/** A shop's active carrier connections, one per carrier id. */
export type ShopConnections = ReadonlyMap<string, CarrierConnectionContext<unknown, unknown>>;

/** What every carrier gets for I/O; base URLs are per carrier (a fake UPS must not receive USPS calls). */
export type SharedCarrierDeps = Omit<CarrierDeps, "baseUrl" | "appCredentials"> & {
  baseUrls?: Readonly<Record<string, string>>;
  appCredentials?: Readonly<Record<string, NonNullable<CarrierDeps["appCredentials"]>>>;
};

export interface SourceWiring {
  carriers: CarrierRegistry;
  connections: ShopConnections;
  deps: SharedCarrierDeps;
  /** Wraps every source (tests and the benchmark inject delays and failures here). */
  decorateSource?: SourceDecorator;
}

export function compileShop(input: {
  domain: string;
  shopId: string;
  version: number;
  config: ShippingConfig;
  products?: Map<string, ProductData>;
  wiring: SourceWiring;
}): CompiledShop {
  const { config } = input;
  const boxes: Box[] = config.boxes.map((b, i) => ({ id: `box-${i}`, name: b.name, innerMm: b.innerMm, maxGrams: b.maxGrams, tareGrams: b.tareGrams }));
  const defaultIndex = config.boxes.findIndex((b) => b.default);
  const defaultBox = defaultIndex >= 0 ? boxes[defaultIndex] : FALLBACK_DEFAULT_BOX;

  // Each zone carries its enabled-service count, so matching skips an empty zone instead of answering no rates.
  const zones: Zone[] = matchableZones(config);
  const byZoneId = new Map<string, CompiledZone>();
  config.zones.forEach((z, i) => {
    const enabled = z.services.filter((s) => s.enabled);
    const zone = zones[i];
    byZoneId.set(zone.id, { zone, services: enabled.map((s) => compileService(s, z.landedCost)), ...buildSources(`${input.version}:${zone.id}`, enabled, input.wiring) });
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
    products: input.products ?? new VariantCache(),
    landedCost: config.landedCost,
    ...(config.landedCost ? landedCostSourceFor(input.wiring, input.version) : {}),
  };
}

/** The first connected carrier whose connector quotes landed cost; its id carries the config version (cache keys). */
/** What one carrier gets from the shared deps: only its own base URL and app credentials. */
function depsFor(wiring: SourceWiring, carrierId: string): CarrierDeps {
  const app = wiring.deps.appCredentials?.[carrierId];
  return {
    fetch: wiring.deps.fetch,
    now: wiring.deps.now,
    baseUrl: wiring.deps.baseUrls?.[carrierId],
    sharedState: wiring.deps.sharedState,
    ...(app ? { appCredentials: app } : {}),
  };
}

function landedCostSourceFor(wiring: SourceWiring, version: number): { landedCostSource?: LandedCostSource } {
  for (const [carrierId, connection] of wiring.connections) {
    const connector = wiring.carriers.get(carrierId);
    if (!connector?.capabilities.landedCost || !connector.createLandedCostSource) continue;
    const deps = depsFor(wiring, carrierId);
    const created = connector.createLandedCostSource(connection, deps);
    return { landedCostSource: { id: `${carrierId}-landed-cost:${version}:${connection.id}`, quote: (req, opts) => created.quote(req, opts) } };
  }
  return {};
}

function compileService(s: ServiceConfig, zoneMode: LandedCostMode): CompiledService {
  return {
    code: s.code,
    name: s.name,
    description: s.description,
    sourceId: s.source,
    sourceServiceCode: s.carrierService ?? s.code,
    delivery: s.delivery,
    fallbackPrice: s.fallbackPrice,
    rules: s.rules,
    landedCost: s.landedCost ?? zoneMode,
  };
}

/**
 * One source per carrier per zone, created by the carrier's connector from the zone's services and the shop's
 * connection. The id carries the config version and zone, so cached quotes never outlive the setup that priced
 * them. A carrier that needs a connection the shop lacks gets no source: its services fall back, with the reason.
 */
function buildSources(versionedZoneId: string, services: ServiceConfig[], wiring: SourceWiring): Pick<CompiledZone, "sources" | "unavailable"> {
  const sources = new Map<string, RateSource>();
  const unavailable = new Map<string, string>();
  for (const [carrierId, group] of groupBy(services, (s) => s.source)) {
    const connector = wiring.carriers.get(carrierId);
    const connection = wiring.connections.get(carrierId) ?? null;
    if (!connector) {
      unavailable.set(carrierId, `carrier "${carrierId}" is not registered`);
      continue;
    }
    if (connector.requiresConnection && !connection) {
      unavailable.set(carrierId, `${connector.displayName} has no active connection for this shop`);
      continue;
    }
    const deps = depsFor(wiring, carrierId);
    const created = connector.createSource(connection, deps, { services: group });
    // The connection id keys cached quotes by account too (one row per shop, carrier and account number).
    const id = connection ? `${carrierId}:${versionedZoneId}:${connection.id}` : `${carrierId}:${versionedZoneId}`;
    // inMemory is carried over (a table stays a table); a decorator below builds a new source without it.
    const source: RateSource = { id, rate: (req, opts) => created.rate(req, opts), ...(created.inMemory ? { inMemory: true } : {}) };
    sources.set(carrierId, wiring.decorateSource ? wiring.decorateSource(source) : source);
  }
  return { sources, unavailable };
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Shopify sends numeric variant ids in rate requests and gids in the Admin API; both key the same variant. */
export function variantKey(id: string | number): string {
  if (typeof id === "number") return String(id);
  const slash = id.lastIndexOf("/");
  return slash === -1 ? id : id.slice(slash + 1);
}
