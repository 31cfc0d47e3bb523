// The landed-cost step of the rating pipeline: after a service is priced, turn its rate into the rates the zone's
// landed-cost mode asks for. Pure (no I/O): rateShop calls it once per priced service.
//   ddp  → price + duties, taxes and fees due at checkout; "Includes duties €4.20 · import VAT €21.30 · fees €3.00"
//   dap  → shipping only; "Est. due on delivery: duties €4.20 · …"
//   both → the two side by side, as "<name>, duties paid" (<code>-ddp) and "<name>, duties on delivery" (<code>-dap)
// Incomplete data (an HS code or duty rate missing, no exchange rate, destination not covered) is never priced as
// zero duty: the DDP rate is not offered, and the shipping-only rate says duties are "not estimated".
import { computeLandedCost, dapFromDdp, describeLandedCost, type Incoterm, type LandedCostLine, type LandedCostResult, type Payer, type Shipment, type ShipmentItem } from "~/domain/landed-cost";
import type { LandedCostQuote, LandedCostQuoteRequest, LandedCostSource } from "~/carriers/connector";
import { fromShopifySubunits, toShopifySubunits, type Money } from "~/domain/money";
import type { LandedCostConfig } from "~/domain/shipping-config";
import type { ShopifyRate } from "~/shopify/rate-callback.schema";
import { say } from "~/lib/said";
import { variantKey, type CompiledService, type CompiledShop } from "./compile";

export interface LandedCostTrace {
  /** The service_code answered (or withheld). */
  code: string;
  serviceCode: string;
  incoterm: Incoterm;
  /** The shipping price the estimate was computed on. */
  shipping: Money;
  result: LandedCostResult;
  /** The description answered for this rate. */
  description: string;
  shown: boolean;
  /** Why the rate was withheld or priced shipping-only. */
  reason?: string;
  /** False only when a carrier's live quote priced it; the built-in engine's figures are an estimate. */
  estimate: boolean;
  /** "UPS Landed Cost API" or "Waypost built-in rules". */
  source: string;
  /** Why the carrier's quote was not used (late, failed, incomplete data), when one was asked for. */
  fallbackReason?: string;
}

export const BUILT_IN_SOURCE = "Waypost built-in rules";

/** What the live landed-cost source said for this cart (null: not asked). */
export type CarrierLandedCost = { quote: LandedCostQuote | null; reason?: string } | null;

/** What the engine needs from the cart, built once per request (only the cart's variants are looked up). */
export interface LandedCostCart {
  settings: LandedCostConfig;
  base: Omit<Shipment, "shipping">;
}

export const NOT_ESTIMATED = "Duties and import taxes may be due on delivery (not estimated)";

type CartLine = { quantity: number; grams: number; price: number; sku?: string; variantId?: string };

/** Null when landed cost does not apply: no settings, or a domestic destination. */
export function landedCostCart(shop: CompiledShop, destination: { country: string; province?: string; postalCode?: string }, currency: string, items: CartLine[], now: Date): LandedCostCart | null {
  const settings = shop.landedCost;
  if (!settings || destination.country === shop.config.origin.country) return null;
  const lines: ShipmentItem[] = items.map((item) => {
    const product = item.variantId ? shop.products.get(variantKey(item.variantId)) : undefined;
    const hs = (product?.hsCode ?? "").replace(/[\s.]/g, "") || settings.defaultHsCode;
    return {
      sku: item.sku?.slice(0, 100),
      hsCode: hs && /^\d{4,10}$/.test(hs) ? hs : undefined,
      originCountry: product?.countryOfOrigin?.toUpperCase() || settings.defaultOriginCountry,
      unitValue: item.price,
      currency,
      quantity: item.quantity,
      unitWeightGrams: item.grams,
    };
  });
  return {
    settings,
    base: {
      destination: { country: destination.country, province: destination.province?.toUpperCase().slice(0, 3), postalCode: destination.postalCode },
      originCountry: shop.config.origin.country,
      shopCurrency: currency,
      items: lines,
      date: now.toISOString().slice(0, 10),
    },
  };
}

/** The rates one priced service answers, and what each one's landed cost was. */
export function withLandedCost(
  service: CompiledService,
  rate: ShopifyRate,
  cart: LandedCostCart | null,
  trace: LandedCostTrace[],
  carrier: CarrierLandedCost = null,
): ShopifyRate[] {
  if (service.landedCost === "off" || !cart) return [rate];
  const shipping = fromShopifySubunits(rate.total_price, rate.currency);
  const both = service.landedCost === "both";
  // With both, the engine runs once: DAP differs from DDP only in who pays (dapFromDdp).
  let ddp: LandedCostResult | undefined;
  const compute = (incoterm: Incoterm) => {
    if (incoterm === "DAP" && ddp) return dapFromDdp(ddp);
    const result = safeCompute({ ...cart.base, shipping: shipping.amount }, cart.settings, incoterm);
    if (incoterm === "DDP") ddp = result;
    return result;
  };
  const answer = (incoterm: Incoterm): { rate: ShopifyRate | null; entry: LandedCostTrace } => {
    const builtIn = compute(incoterm);
    const live = carrier?.quote?.ok && carrier.quote.currency === shipping.currency ? fromCarrierQuote(carrier.quote, builtIn, cart.settings) : null;
    const result = live ?? builtIn;
    const code = both ? `${service.code}-${incoterm.toLowerCase()}` : service.code;
    const name = both ? `${service.name}, ${incoterm === "DDP" ? "duties paid" : "duties on delivery"}` : service.name;
    const entry: LandedCostTrace = {
      code,
      serviceCode: service.code,
      incoterm,
      shipping,
      result,
      description: "",
      shown: true,
      estimate: !live,
      source: live ? carrier!.quote!.source : BUILT_IN_SOURCE,
    };
    if (carrier && !live) entry.fallbackReason = `built-in estimate used: ${carrier.reason ?? carrier.quote?.messages.map((m) => m.message).join("; ") ?? "no live quote"}`;
    if (!result.complete) {
      const why = result.messages.filter((m) => m.level === "error").map((m) => m.text).join("; ");
      if (incoterm === "DDP" && both) {
        entry.shown = false;
        entry.reason = `duties paid not offered: the estimate is incomplete (${why}); the duties-on-delivery rate stays`;
        return { rate: null, entry };
      }
      entry.reason = `shipping only, duties not estimated: ${why}`;
      entry.description = joinDescription(NOT_ESTIMATED, service.description);
      return { rate: { ...rate, service_code: code, service_name: name, description: entry.description }, entry };
    }
    entry.description = joinDescription(describeLandedCost(result).text, service.description);
    const total = incoterm === "DDP" ? toShopifySubunits({ amount: shipping.amount + result.totals.addToRate, currency: shipping.currency }) : rate.total_price;
    return { rate: { ...rate, service_code: code, service_name: name, total_price: total, description: entry.description }, entry };
  };
  const incoterms: Incoterm[] = both ? ["DDP", "DAP"] : [service.landedCost === "ddp" ? "DDP" : "DAP"];
  const rates: ShopifyRate[] = [];
  for (const incoterm of incoterms) {
    const { rate: answered, entry } = answer(incoterm);
    trace.push(entry);
    if (answered) rates.push(answered);
  }
  return rates;
}

/**
 * A carrier's quote as an engine result: its figures, with who pays each line decided as the engine would
 * (DDP at checkout, DAP on delivery; Shopify's own duties/tax collection and seller schemes such as IOSS win).
 */
export function fromCarrierQuote(quote: LandedCostQuote, builtIn: LandedCostResult, settings: LandedCostConfig): LandedCostResult {
  const incoterm = builtIn.incoterm;
  const base: Payer = incoterm === "DDP" ? "checkout" : "delivery";
  const taxAtSale = builtIn.lines.some((l) => l.kind === "tax" && l.payer === "sale");
  const payerOf = (kind: LandedCostLine["kind"]): Payer => {
    if (kind === "duty" && settings.shopifyCollectsDuties) return "shopify";
    if (kind === "tax" && settings.shopifyCollectsImportTaxes) return "shopify";
    if (kind === "tax" && taxAtSale) return "sale";
    return base;
  };
  const source = { title: quote.source, confidence: "carrier" as const, ...(quote.quoteId ? { quoteId: quote.quoteId } : {}) };
  const lines: LandedCostLine[] = quote.lines.map((l) => ({
    kind: l.kind,
    label: l.label,
    ...(l.item !== undefined ? { item: l.item } : {}),
    amount: l.amount,
    currency: quote.currency,
    formula: `quoted by ${quote.source}${quote.quoteId ? ` (quote ${quote.quoteId})` : ""}`,
    payer: payerOf(l.kind),
    source,
    effectiveFrom: builtIn.date,
  }));
  const sum = (f: (l: LandedCostLine) => boolean) => lines.filter(f).reduce((a, l) => a + l.amount, 0);
  return {
    destination: builtIn.destination,
    ...(builtIn.province ? { province: builtIn.province } : {}),
    date: builtIn.date,
    incoterm,
    currency: quote.currency,
    regime: quote.source,
    lines,
    deMinimis: builtIn.deMinimis,
    conversions: [],
    messages: [
      {
        level: "info",
        code: "carrier_quote",
        text: `duties, taxes and fees quoted by ${quote.source}${quote.quoteId ? ` (quote ${quote.quoteId})` : ""}`,
        said: quote.quoteId ? say("landedCost:engine.carrierQuoteId", { source: quote.source, id: quote.quoteId }) : say("landedCost:engine.carrierQuote", { source: quote.source }),
      },
    ],
    complete: true,
    totals: {
      duties: quote.totals.duties,
      taxes: quote.totals.taxes,
      fees: quote.totals.fees,
      addToRate: sum((l) => l.payer === "checkout"),
      dueOnDelivery: sum((l) => l.payer === "delivery"),
      collectedAtSale: sum((l) => l.payer === "sale"),
      chargedByShopify: sum((l) => l.payer === "shopify"),
    },
  };
}

/** What the carrier is asked for this cart; null when an item lacks an HS code or origin (the engine reports it). */
export function carrierLandedCostRequest(cart: LandedCostCart): LandedCostQuoteRequest | null {
  const items: LandedCostQuoteRequest["items"] = [];
  for (const item of cart.base.items) {
    if (!item.hsCode || !item.originCountry) return null;
    items.push({ hsCode: item.hsCode, originCountry: item.originCountry, unitValue: item.unitValue, quantity: item.quantity, unitWeightGrams: item.unitWeightGrams, ...(item.sku ? { sku: item.sku } : {}) });
  }
  if (items.length === 0 || items.length > 99) return null;
  const { destination } = cart.base;
  return {
    id: "",
    currency: cart.base.shopCurrency,
    originCountry: cart.base.originCountry,
    destination: { country: destination.country, ...(destination.province ? { province: destination.province } : {}) },
    shipDate: cart.base.date,
    items,
  };
}

/** Cached carrier quotes per process, keyed by the source (connection, config version) and everything it is asked. */
const LANDED_CACHE_MAX = 500;
const landedCache = new Map<string, { quote: LandedCostQuote; until: number }>();

export function clearLandedCostCache(): void {
  landedCache.clear();
}

/**
 * Asks the live source under its own timeout (never past the rating deadline) and always resolves: a late,
 * failed or throwing source gives `{ quote: null | failed, reason }` and the caller estimates with the engine.
 */
export async function quoteCarrierLandedCost(
  source: LandedCostSource,
  cart: LandedCostCart,
  o: { timeoutMs: number; cacheTtlMs: number; now: number },
): Promise<CarrierLandedCost> {
  const request = carrierLandedCostRequest(cart);
  if (!request) return { quote: null, reason: "an item has no HS code or country of origin, so the carrier was not asked" };
  const key = `${source.id}|${JSON.stringify({ ...request, id: undefined })}`;
  const hit = landedCache.get(key);
  if (hit && hit.until > o.now) return { quote: hit.quote };
  if (hit) landedCache.delete(key);
  if (o.timeoutMs <= 1) return { quote: null, reason: "no time left before the rating deadline" };
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), o.timeoutMs);
  });
  try {
    const call = source.quote({ ...request, id: `waypost-${Date.now().toString(36)}` }, { signal: controller.signal }).catch((error: unknown) => ({
      ok: false as const,
      currency: request.currency,
      source: source.id,
      lines: [],
      totals: { duties: 0, taxes: 0, fees: 0 },
      messages: [{ level: "error" as const, code: "internal_error", message: `the landed-cost source failed (${error instanceof Error ? error.name : "Error"})` }],
    }));
    const answer = await Promise.race([call, late]);
    if (answer === "late") {
      controller.abort();
      return { quote: null, reason: `no answer within ${Math.round(o.timeoutMs)} ms` };
    }
    if (!answer.ok) return { quote: answer, reason: answer.messages.map((m) => m.message).join("; ") || "the carrier gave no figures" };
    if (answer.currency !== request.currency) return { quote: null, reason: `quoted in ${answer.currency}, not ${request.currency}` };
    while (landedCache.size >= LANDED_CACHE_MAX) landedCache.delete(landedCache.keys().next().value as string);
    if (o.cacheTtlMs > 0) landedCache.set(key, { quote: answer, until: o.now + o.cacheTtlMs });
    return { quote: answer };
  } finally {
    clearTimeout(timer);
  }
}

/** A bug in the engine must cost one estimate, not the zone's rates: it becomes an incomplete result. */
function safeCompute(shipment: Shipment, settings: LandedCostConfig, incoterm: Incoterm): LandedCostResult {
  try {
    return computeLandedCost(shipment, settings, incoterm);
  } catch (error) {
    const zero = { duties: 0, taxes: 0, fees: 0, addToRate: 0, dueOnDelivery: 0, collectedAtSale: 0, chargedByShopify: 0 };
    return {
      destination: shipment.destination.country,
      date: shipment.date,
      incoterm,
      currency: shipment.shopCurrency,
      regime: "none",
      lines: [],
      deMinimis: [],
      conversions: [],
      messages: [{ level: "error", code: "engine_error", text: `landed cost could not be computed: ${String(error)}`, said: say("landedCost:engine.engineError", { detail: String(error).slice(0, 300) }) }],
      complete: false,
      totals: zero,
    };
  }
}

function joinDescription(landed: string, own: string): string {
  return own ? `${landed} · ${own}` : landed;
}
