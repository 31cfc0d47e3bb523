// Data for the "Test your shipping" page: the shop currency, units suited to its origin, and the products a
// merchant can put in the test cart (with the weight rating would use). Admin API failures come back as a message.
import type { FieldError } from "~/lib/field-errors";
import { type TestCartForm, cartFormToInput } from "~/admin/forms/test-cart";
import { defaultWeightUnit } from "~/admin/forms/zone-form";
import { effectiveGrams, variantTitle } from "~/admin/forms/product-data";
import type { AdminClient } from "~/shopify/admin-operations.server";
import { listVariants } from "./product-data.server";
import { getShippingSetup } from "./shipping-config.server";
import { recordTestPassed } from "./setup-guide.server";
import type { RateShopResult } from "./rating/rate-shop";
import { ratingService } from "./rating/service.server";

export async function loadTestShippingPage(domain: string, admin: AdminClient) {
  const setup = await getShippingSetup(domain);
  if (!setup) return null;
  const { rows, error } = await listVariants(domain, admin);
  const weightUnit = defaultWeightUnit(setup.config.origin.country);
  return {
    currency: setup.config.currency,
    originCountry: setup.config.origin.country,
    weightUnit,
    lengthUnit: weightUnit === "lb" ? ("in" as const) : ("cm" as const),
    zones: setup.config.zones.length,
    products: rows.map((v) => ({ variantId: v.variantId, title: variantTitle(v), sku: v.sku, grams: effectiveGrams(v) })),
    productsError: error,
  };
}

export type ShippingTestOutcome =
  | { ok: true; currency: string; result: RateShopResult }
  | { ok: false; errors: FieldError[]; message?: string };

/** Converts the page's form at the edge and runs the same rating as checkout. */
export async function runShippingTest(domain: string, form: TestCartForm): Promise<ShippingTestOutcome> {
  const setup = await getShippingSetup(domain);
  if (!setup) return { ok: false, errors: [], message: `No shop ${domain} is installed` };
  const { input, errors } = cartFormToInput(form, setup.config.currency);
  if (errors.length > 0) return { ok: false, errors };
  const { currency, ...result } = await ratingService().testShipping(domain, input);
  // A test that produced rates completes the setup guide's "Test your shipping" step.
  if (result.rates.length > 0) await recordTestPassed(domain);
  return { ok: true, currency, result };
}
