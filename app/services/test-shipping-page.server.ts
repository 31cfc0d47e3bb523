// Data for the "Test your shipping" page: the shop currency, the shop's units, and the products a
// merchant can put in the test cart (with the weight rating would use). Admin API failures come back as a message.
import type { FieldError } from "~/lib/field-errors";
import { type TestCartForm, cartFormToInput } from "~/admin/forms/test-cart";
import { type CartWarning, cartWarnings } from "~/admin/forms/test-cart-warnings";
import { defaultWeightUnit } from "~/admin/forms/zone-form";
import { shopFormUnits } from "~/admin/forms/form-units";
import { effectiveGrams, variantTitle } from "~/admin/forms/product-data";
import type { AdminClient } from "~/shopify/admin-operations.server";
import { listVariants } from "./product-data.server";
import { getShippingSetup } from "./shipping-config.server";
import { recordTestPassed } from "./setup-guide.server";
import type { RateShopResult } from "./rating/rate-shop";
import { ratingService } from "./rating/service.server";
import { carrierRegistry } from "~/carriers/registry.server";

export async function loadTestShippingPage(domain: string, admin: AdminClient) {
  const setup = await getShippingSetup(domain);
  if (!setup) return null;
  // The first page of variants (bounded work); the cart also takes items typed by hand.
  const { rows, units, error } = await listVariants(domain, admin);
  // The shop's units from Shopify; the origin country only when Shopify did not answer.
  const { weightUnit, lengthUnit } = units ?? shopFormUnits(defaultWeightUnit(setup.config.origin.country));
  return {
    currency: setup.config.currency,
    originCountry: setup.config.origin.country,
    weightUnit,
    lengthUnit,
    zones: setup.config.zones.length,
    products: rows.map((v) => ({ variantId: v.variantId, title: variantTitle(v), sku: v.sku, grams: effectiveGrams(v) })),
    productsError: error,
  };
}

/** What the trace's ids stand for, so the page names things instead of showing ids. */
export interface TraceNames {
  /** Package item id (the cart line's position) → the line's name. */
  items: Record<string, string>;
  /** Rate source id ("table:4:japan", "ups:…") → carrier id ("table", "ups") and its display name. */
  sources: Record<string, { carrier: string; name: string }>;
  /** Carrier id → display name. */
  carriers: Record<string, string>;
}

export type ShippingTestOutcome =
  | { ok: true; currency: string; result: RateShopResult; names: TraceNames; warnings: CartWarning[] }
  | { ok: false; errors: FieldError[]; message?: string };

/** Converts the page's form at the edge and runs the same rating as checkout. */
export async function runShippingTest(domain: string, form: TestCartForm): Promise<ShippingTestOutcome> {
  const setup = await getShippingSetup(domain);
  if (!setup) return { ok: false, errors: [], message: "unknown_shop" };
  const { input, errors } = cartFormToInput(form, setup.config.currency);
  if (errors.length > 0) return { ok: false, errors };
  const { currency, ...result } = await ratingService().testShipping(domain, input);
  // A test that produced rates completes the setup guide's "Test your shipping" step.
  if (result.rates.length > 0) await recordTestPassed(domain);
  // Rates for a weightless item or an address without a postal code are misleading: they come with a warning.
  return { ok: true, currency, result, names: traceNames(result, input.items), warnings: cartWarnings(form) };
}

/** Rating numbers the cart's lines in order (rate-shop.ts packs item `${index}`); sources are `<carrier>:…`. */
export function traceNames(result: RateShopResult, items: readonly { name: string }[]): TraceNames {
  const names: TraceNames = { items: {}, sources: {}, carriers: {} };
  items.forEach((item, i) => (names.items[String(i)] = item.name));
  for (const s of result.trace.sources) {
    const carrier = s.sourceId.split(":")[0];
    names.sources[s.sourceId] = { carrier, name: carrierRegistry.get(carrier)?.displayName ?? carrier };
  }
  for (const s of result.trace.services) if (s.carrier) names.carriers[s.carrier] = carrierRegistry.get(s.carrier)?.displayName ?? s.carrier;
  return names;
}
