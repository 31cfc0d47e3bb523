// Rates one cart for one shop: zone → packages → billable weight → every source of the zone in parallel, each
// under its own timeout and the overall deadline (cache first) → rule pipeline per service → delivery dates.
// No database and no HTTP here: the callback, "Test your shipping" and the benchmark all call this.
// It never throws for a source problem: a late or failed source is replaced by the service's fallback price.
import type { Address } from "~/domain/address";
import { billableWeight } from "~/domain/billable-weight";
import { deliveryWindow } from "~/domain/delivery-dates";
import { toShopifySubunits, type Money } from "~/domain/money";
import { packItems, type PackItem } from "~/domain/packing";
import { applyRules, type TraceStep } from "~/domain/rules";
import type { DimensionsMm } from "~/domain/units";
import { matchZone } from "~/domain/zones";
import { quoteCacheKey, safeRate, type CarrierMessage, type RateRequest, type RateSource, type SafeRateResult } from "~/carriers/carrier";
import type { ShopifyRate } from "~/shopify/rate-callback.schema";
import { groupBy, variantKey, type CompiledService, type CompiledShop } from "./compile";
import { landedCostCart, quoteCarrierLandedCost, withLandedCost, type CarrierLandedCost, type LandedCostTrace } from "./landed-cost";
import type { QuoteCache, SingleFlight } from "./quote-cache";

export interface CartItem {
  name?: string;
  sku?: string;
  vendor?: string;
  quantity: number;
  grams: number;
  /** Unit price in minor units of the request currency. */
  price: number;
  requiresShipping: boolean;
  properties?: Record<string, string>;
  variantId?: string;
  dimensionsMm?: DimensionsMm;
}

export interface RateShopInput {
  destination: Address;
  currency: string;
  items: CartItem[];
  now: Date;
}

export interface RateShopDeps {
  quoteCache: QuoteCache;
  singleFlight: SingleFlight<SafeRateResult>;
  /** Absolute deadline on the performance.now() clock. */
  deadlineAt: number;
  sourceTimeoutMs: number;
  cacheTtlMs: number;
  /** The live landed-cost source's own timeout (capped by the deadline); by default sourceTimeoutMs. */
  landedCostTimeoutMs?: number;
  /**
   * false: the trace keeps only what checkout uses (zone, sources, fallbacks, landed cost); the per-package and
   * per-service entries that "Test your shipping" shows are not built. Default true.
   */
  detail?: boolean;
}

export interface SourceTrace {
  sourceId: string;
  outcome: SafeRateResult["outcome"] | "deadline" | "unavailable";
  latencyMs: number;
  cached: boolean;
  messages: CarrierMessage[];
}

export interface ServiceTrace {
  code: string;
  name: string;
  /** The carrier that prices it ("table", "ups", …). */
  carrier?: string;
  sourcePrice: Money | null;
  fallbackUsed: boolean;
  rules: TraceStep[];
  finalPrice: Money | null;
  hiddenReason?: string;
  /** Why the rate is not shown, for the admin's own sentence (hiddenReason is English, for logs). */
  hidden?: "no_quote" | "currency" | "condition";
  /** What the carrier said about its price (negotiated or published, billing weight) and its own delivery date. */
  quoteDetails?: Record<string, string | number | boolean>;
  carrierDeliveryDate?: string;
}

export interface RatingTrace {
  zone: { id: string; name: string; region: string; matched?: { type: string; country: string; province?: string; pattern?: string } } | null;
  packages: { boxName: string; ownPackaging?: boolean; dimensionsMm: DimensionsMm; grams: number; billableGrams: number; explanation: string; items: { id: string; quantity: number }[] }[];
  packingNotes: string[];
  sources: SourceTrace[];
  services: ServiceTrace[];
  /** One entry per DDP/DAP rate answered or withheld: the engine's lines, formulas, sources and decisions. */
  landedCost: LandedCostTrace[];
  fallbacks: number;
  totalMs: number;
}

export interface RateShopResult {
  rates: ShopifyRate[];
  trace: RatingTrace;
}

export async function rateShop(shop: CompiledShop, input: RateShopInput, deps: RateShopDeps): Promise<RateShopResult> {
  const started = performance.now();
  const trace: RatingTrace = { zone: null, packages: [], packingNotes: [], sources: [], services: [], landedCost: [], fallbacks: 0, totalMs: 0 };
  const done = (rates: ShopifyRate[]) => ({ rates, trace: { ...trace, totalMs: Math.round((performance.now() - started) * 100) / 100 } });

  const shippable = input.items.filter((i) => i.requiresShipping && i.quantity > 0);
  if (shippable.length === 0) return done([]);
  const match = matchZone(shop.zones, input.destination);
  if (!match) return done([]);
  const zone = shop.byZoneId.get(match.zone.id);
  trace.zone = { id: match.zone.id, name: match.zone.name, region: describeRegion(match.region), matched: match.region };
  if (!zone || zone.services.length === 0) return done([]);

  const packItemsInput: PackItem[] = shippable.map((item, index) => {
    const product = item.variantId ? shop.products.get(variantKey(item.variantId)) : undefined;
    return {
      id: `${index}`,
      sku: item.sku ?? undefined,
      quantity: item.quantity,
      grams: item.grams > 0 ? item.grams : (product?.grams ?? 0),
      dimensionsMm: item.dimensionsMm ?? product?.dimensionsMm ?? undefined,
    };
  });
  const detail = deps.detail !== false;
  const packed = packItems(packItemsInput, shop.boxes, shop.defaultBox);
  if (detail) trace.packingNotes = packed.notes;
  if (packed.freight) return done([]); // bounded by design: no parcel carrier rates freight, so none is asked
  const packages = packed.packages.map((p) => {
    const weight = billableWeight({ grams: p.grams, dimensionsMm: p.dimensionsMm }, shop.dimRule);
    if (detail) trace.packages.push({
      boxName: p.boxId ? (shop.boxes.find((b) => b.id === p.boxId)?.name ?? shop.defaultBox.name) : "Own packaging",
      ownPackaging: !p.boxId,
      dimensionsMm: p.dimensionsMm,
      grams: p.grams,
      billableGrams: weight.billableGrams,
      explanation: weight.explanation,
      items: p.items,
    });
    return { grams: p.grams, billableGrams: weight.billableGrams, dimensionsMm: p.dimensionsMm };
  });

  const subtotal: Money = { amount: input.items.reduce((sum, i) => sum + i.price * i.quantity, 0), currency: input.currency };
  const bySource = groupBy(zone.services, (s) => s.sourceId);
  const results = new Map<string, SafeRateResult | null>();
  const landed = zone.services.some((s) => s.landedCost !== "off") ? landedCostCart(shop, input.destination, input.currency, shippable, input.now) : null;
  // The live landed-cost quote runs beside the rate sources, so it costs no extra time; without one, nothing changes.
  const carrierLanded: Promise<CarrierLandedCost> =
    landed && shop.landedCostSource
      ? quoteCarrierLandedCost(shop.landedCostSource, landed, {
          timeoutMs: Math.min(deps.landedCostTimeoutMs ?? deps.sourceTimeoutMs, deps.deadlineAt - performance.now()),
          cacheTtlMs: deps.cacheTtlMs,
          now: Date.now(),
        })
      : Promise.resolve(null);
  await Promise.all(
    [...bySource].map(async ([sourceId, services]) => {
      const source = zone.sources.get(sourceId);
      if (!source) {
        // Not an error: the merchant has services for a carrier that is not connected; they answer fallbacks.
        const reason = zone.unavailable.get(sourceId) ?? `no source for carrier "${sourceId}"`;
        const message: CarrierMessage = { level: "warning", code: "not_connected", message: `${reason}; fallback prices used`, sourceId };
        trace.sources.push({ sourceId, outcome: "unavailable", latencyMs: 0, cached: false, messages: [message] });
        return results.set(sourceId, null);
      }
      const request: RateRequest = {
        shop: shop.domain,
        origin: shop.config.origin,
        destination: input.destination,
        packages,
        services: services.map((s) => s.sourceServiceCode),
        currency: input.currency,
        subtotal,
      };
      results.set(sourceId, await quoteFrom(source, request, deps, trace));
    }),
  );

  const ruleContext = {
    subtotal,
    totalGrams: packages.reduce((sum, p) => sum + p.grams, 0),
    packageCount: packages.length,
    items: shippable.map((i) => ({ sku: i.sku, vendor: i.vendor, properties: i.properties })),
  };
  const carrier = await carrierLanded;
  const rates: ShopifyRate[] = [];
  for (const service of zone.services) {
    const rate = priceService(shop, service, results.get(service.sourceId) ?? null, ruleContext, input, trace, detail);
    if (rate) rates.push(...withLandedCost(service, rate, landed, trace.landedCost, carrier));
  }
  rates.sort((a, b) => Number(a.total_price) - Number(b.total_price));
  return done(rates);
}

async function quoteFrom(
  source: RateSource,
  request: RateRequest,
  deps: RateShopDeps,
  trace: RatingTrace,
): Promise<SafeRateResult | null> {
  if (source.inMemory) {
    // A table lookup: no cache, single flight or deadline race (it cannot be late; see RateSource.inMemory).
    const result = await safeRate(source, request, { timeoutMs: deps.sourceTimeoutMs });
    trace.sources.push({ sourceId: source.id, outcome: result.outcome, latencyMs: Math.round(result.latencyMs * 100) / 100, cached: false, messages: result.messages });
    return result;
  }
  const key = quoteCacheKey(source.id, request);
  const cached = await deps.quoteCache.get(key);
  if (cached) {
    trace.sources.push({ sourceId: source.id, outcome: cached.outcome, latencyMs: 0, cached: true, messages: cached.messages });
    return cached;
  }
  const remaining = deps.deadlineAt - performance.now();
  if (remaining <= 1) {
    trace.sources.push({ sourceId: source.id, outcome: "deadline", latencyMs: 0, cached: false, messages: [] });
    return null;
  }
  const timeoutMs = Math.min(deps.sourceTimeoutMs, remaining);
  const started = performance.now();
  const flight = deps.singleFlight.run(key, () =>
    safeRate(source, request, { timeoutMs }),
  );
  // A shared flight may have been started with a later deadline than ours: never wait past our own.
  const result = await withinDeadline(flight.promise, timeoutMs);
  const latencyMs = Math.round((performance.now() - started) * 100) / 100;
  if (!result) {
    trace.sources.push({ sourceId: source.id, outcome: "deadline", latencyMs, cached: false, messages: [] });
    return null;
  }
  trace.sources.push({ sourceId: source.id, outcome: result.outcome, latencyMs, cached: false, messages: result.messages });
  if (result.outcome === "ok" && !flight.shared && result.messages.every((m) => m.level !== "error")) {
    deps.quoteCache.set(key, result, deps.cacheTtlMs);
  }
  return result;
}

// No signal is passed to safeRate: its own timeout bounds each call, and a shared flight must not be cancelled by
// one waiter leaving.

function withinDeadline<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function priceService(
  shop: CompiledShop,
  service: CompiledService,
  result: SafeRateResult | null,
  ruleContext: Parameters<typeof applyRules>[1],
  input: RateShopInput,
  trace: RatingTrace,
  detail: boolean,
): ShopifyRate | null {
  const quote = result?.quotes.find((q) => q.serviceCode === service.sourceServiceCode);
  const entry: ServiceTrace = { code: service.code, name: service.name, carrier: service.sourceId, sourcePrice: quote?.price ?? null, fallbackUsed: false, rules: [], finalPrice: null };
  if (detail) {
    if (quote?.details) entry.quoteDetails = quote.details;
    if (quote?.deliveryDate) entry.carrierDeliveryDate = quote.deliveryDate;
    trace.services.push(entry);
  }

  let price: Money;
  if (quote) {
    price = quote.price;
  } else if (service.fallbackPrice !== undefined) {
    // The fallback stands in for the source's price, so markups and conditions treat it like a quote.
    price = { amount: service.fallbackPrice, currency: input.currency };
    entry.fallbackUsed = true;
    trace.fallbacks++;
  } else {
    entry.hiddenReason = "no quote from the source in time and no fallback price";
    entry.hidden = "no_quote";
    return null;
  }

  if (service.rules) {
    if (service.rules.currency !== price.currency) {
      entry.hiddenReason = `rules are in ${service.rules.currency} but the request is in ${price.currency}`;
      entry.hidden = "currency";
      return null;
    }
    const outcome = applyRules(price, ruleContext, service.rules);
    entry.rules = outcome.trace;
    if (!outcome.price) {
      entry.hiddenReason = "hidden by a condition";
      entry.hidden = "condition";
      return null;
    }
    price = outcome.price;
  }
  entry.finalPrice = price;

  const transit = quote?.transitDays ?? (service.delivery ? { min: service.delivery.minDays, max: service.delivery.maxDays } : undefined);
  const rate: ShopifyRate = {
    service_name: service.name,
    service_code: service.code,
    total_price: toShopifySubunits(price),
    description: service.description,
    currency: price.currency,
  };
  if (transit) {
    const window = cachedWindow(shop, input.now, transit);
    rate.min_delivery_date = window.minDate;
    rate.max_delivery_date = window.maxDate;
  }
  return rate;
}

// Delivery windows change at most when the local minute does; computing one costs ~25 µs of Intl formatting,
// so each (shop config, minute, transit) window is computed once.
const windows = new Map<string, { minDate: string; maxDate: string }>();
function cachedWindow(shop: CompiledShop, now: Date, transit: { min: number; max: number }) {
  const key = `${shop.domain}:${shop.version}:${Math.floor(now.getTime() / 60_000)}:${transit.min}:${transit.max}`;
  let window = windows.get(key);
  if (!window) {
    if (windows.size > 10_000) windows.clear();
    const processing = shop.config.processing;
    window = deliveryWindow({
      now,
      timeZone: shop.config.timeZone,
      cutoffLocalTime: processing.cutoff,
      processingDays: processing.days,
      minTransitDays: transit.min,
      maxTransitDays: transit.max,
      workingDays: processing.workingDays,
    });
    windows.set(key, window);
  }
  return window;
}

function describeRegion(region: { type: string; country: string; province?: string; pattern?: string }): string {
  if (region.type === "postal") return `${region.country} postal ${region.pattern}`;
  if (region.type === "province") return `${region.country}-${region.province}`;
  return region.country;
}
