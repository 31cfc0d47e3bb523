// The landed-cost step of the rating pipeline: after a service is priced, turn its rate into the rates the zone's
// landed-cost mode asks for. Pure (no I/O): rateShop calls it once per priced service.
//   ddp  → price + duties, taxes and fees due at checkout; "Includes duties €4.20 · import VAT €21.30 · fees €3.00"
//   dap  → shipping only; "Est. due on delivery: duties €4.20 · …"
//   both → the two side by side, as "<name>, duties paid" (<code>-ddp) and "<name>, duties on delivery" (<code>-dap)
// Incomplete data (an HS code or duty rate missing, no exchange rate, destination not covered) is never priced as
// zero duty: the DDP rate is not offered, and the shipping-only rate says duties are "not estimated".
import { computeLandedCost, describeLandedCost, type Incoterm, type LandedCostResult, type Shipment, type ShipmentItem } from "~/domain/landed-cost";
import { fromShopifySubunits, toShopifySubunits, type Money } from "~/domain/money";
import type { LandedCostConfig } from "~/domain/shipping-config";
import type { ShopifyRate } from "~/shopify/rate-callback.schema";
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
}

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
export function withLandedCost(service: CompiledService, rate: ShopifyRate, cart: LandedCostCart | null, trace: LandedCostTrace[]): ShopifyRate[] {
  if (service.landedCost === "off" || !cart) return [rate];
  const shipping = fromShopifySubunits(rate.total_price, rate.currency);
  const both = service.landedCost === "both";
  const answer = (incoterm: Incoterm): { rate: ShopifyRate | null; entry: LandedCostTrace } => {
    const result = safeCompute({ ...cart.base, shipping: shipping.amount }, cart.settings, incoterm);
    const code = both ? `${service.code}-${incoterm.toLowerCase()}` : service.code;
    const name = both ? `${service.name}, ${incoterm === "DDP" ? "duties paid" : "duties on delivery"}` : service.name;
    const entry: LandedCostTrace = { code, serviceCode: service.code, incoterm, shipping, result, description: "", shown: true };
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
      messages: [{ level: "error", code: "engine_error", text: `landed cost could not be computed: ${String(error)}` }],
      complete: false,
      totals: zero,
    };
  }
}

function joinDescription(landed: string, own: string): string {
  return own ? `${landed} · ${own}` : landed;
}
