// The per-service price pipeline, always in this order:
//   source price → percentage markup/discount → handling fee (per order + per package) → conditions →
//   rounding → min/max caps.
// Semantics a caller must know:
//   - The price never goes below zero (a negative source price becomes 0; the trace says so).
//   - Conditions: every "hide" condition is checked before "free", so HIDDEN BEATS FREE. Hidden → price null.
//   - FREE (subtotal ≥ threshold) sets the price to 0 and ends the pipeline: rounding and caps are skipped,
//     so a minimum cap never turns free shipping into a charge.
//   - Rounding only ever raises a price (see money.roundTo); caps come after it and may undo the .99 ending.
//   - Money amounts in a rule set are minor units of ruleSet.currency; the source price and the subtotal must be
//     in that currency (the caller converts first). A mismatch is a programming error and throws a RangeError.
//   - SKU and vendor conditions compare trimmed, case-insensitively; property keys and values compare exactly.
//   - Weight conditions use the actual total grams of the cart, not the billable weight.
import { z } from "zod";
import { applyPercent, assertMinorUnits, type Money, roundTo } from "./money";

const minor = z.number().int();
const nonNegativeMinor = minor.nonnegative();
const grams = z.number().int().nonnegative();

const within = <T extends { min?: number; max?: number }>(r: T) => r.min === undefined || r.max === undefined || r.min <= r.max;

const ConditionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("free_over_subtotal"), threshold: nonNegativeMinor }),
  z
    .object({ type: z.literal("hide_weight_outside"), minGrams: grams.optional(), maxGrams: grams.optional() })
    .refine((c) => within({ min: c.minGrams, max: c.maxGrams }), { message: "minGrams must not exceed maxGrams", params: { i18n: "range_order" } }),
  z
    .object({ type: z.literal("hide_subtotal_outside"), min: nonNegativeMinor.optional(), max: nonNegativeMinor.optional() })
    .refine(within, { message: "min must not exceed max", params: { i18n: "range_order" } }),
  z.object({ type: z.literal("hide_if_sku"), skus: z.array(z.string().trim().min(1).max(255)).min(1).max(1000) }),
  z.object({ type: z.literal("hide_if_vendor"), vendors: z.array(z.string().trim().min(1).max(255)).min(1).max(1000) }),
  z.object({ type: z.literal("hide_if_property"), key: z.string().min(1).max(255), value: z.string().max(1000).optional() }),
]);
export type Condition = z.output<typeof ConditionSchema>;

export const RuleSetSchema = z.object({
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/),
  // -10000 = -100% (free); the upper bound only guards against typos in basis points.
  markupBasisPoints: z.number().int().min(-10_000).max(1_000_000).default(0),
  handling: z.object({ perOrder: nonNegativeMinor.default(0), perPackage: nonNegativeMinor.default(0) }).default({ perOrder: 0, perPackage: 0 }),
  conditions: z.array(ConditionSchema).max(50).default([]),
  rounding: z.enum(["none", "to_99", "to_whole"]).default("none"),
  caps: z
    .object({ min: nonNegativeMinor.optional(), max: nonNegativeMinor.optional() })
    .refine(within, { message: "the minimum cap must not exceed the maximum cap", params: { i18n: "caps_order" } })
    .default({}),
});
export type RuleSet = z.output<typeof RuleSetSchema>;
export type RuleSetInput = z.input<typeof RuleSetSchema>;

export type CartLine = { sku?: string | null; vendor?: string | null; properties?: Record<string, string> | null };
export type RuleContext = { subtotal: Money; totalGrams: number; packageCount: number; items: readonly CartLine[] };

/**
 * One step of a price's history. `detail` is English for logs and the command line; the admin renders `step`,
 * `params` and before/after (minor units) as a sentence in the merchant's language (locales trace.json).
 */
export type TraceStep = {
  step: "source" | "markup" | "handling" | "floor" | "condition" | "rounding" | "cap";
  detail: string;
  before?: number;
  after?: number;
  params?: TraceParams;
};
export type TraceParams = Record<string, string | number>;
type RuleOutcome = { price: Money | null; trace: TraceStep[] };

const pct = (bp: number) => `${bp >= 0 ? "+" : "-"}${(Math.abs(bp) / 100).toFixed(2)}%`;
const norm = (s: string | null | undefined) => (s ?? "").trim().toLowerCase();

/** Why a hide condition hides the rate, or null when it does not apply. */
function hideReason(c: Condition, ctx: RuleContext): { text: string; params: TraceParams } | null {
  switch (c.type) {
    case "hide_weight_outside":
      if (c.minGrams !== undefined && ctx.totalGrams < c.minGrams) return { text: `weight ${ctx.totalGrams} g is below ${c.minGrams} g`, params: { reason: "weight_below", grams: ctx.totalGrams, limitGrams: c.minGrams } };
      if (c.maxGrams !== undefined && ctx.totalGrams > c.maxGrams) return { text: `weight ${ctx.totalGrams} g is above ${c.maxGrams} g`, params: { reason: "weight_above", grams: ctx.totalGrams, limitGrams: c.maxGrams } };
      return null;
    case "hide_subtotal_outside": {
      const s = ctx.subtotal.amount;
      if (c.min !== undefined && s < c.min) return { text: `subtotal ${s} is below ${c.min}`, params: { reason: "subtotal_below", subtotal: s, limit: c.min } };
      if (c.max !== undefined && s > c.max) return { text: `subtotal ${s} is above ${c.max}`, params: { reason: "subtotal_above", subtotal: s, limit: c.max } };
      return null;
    }
    case "hide_if_sku": {
      const wanted = new Set(c.skus.map(norm));
      const hit = ctx.items.find((i) => i.sku && wanted.has(norm(i.sku)));
      return hit ? { text: `cart contains SKU ${hit.sku}`, params: { reason: "sku", sku: hit.sku ?? "" } } : null;
    }
    case "hide_if_vendor": {
      const wanted = new Set(c.vendors.map(norm));
      const hit = ctx.items.find((i) => i.vendor && wanted.has(norm(i.vendor)));
      return hit ? { text: `cart contains vendor ${hit.vendor}`, params: { reason: "vendor", vendor: hit.vendor ?? "" } } : null;
    }
    case "hide_if_property": {
      const hit = ctx.items.some((i) => {
        const props = i.properties ?? {};
        if (!Object.prototype.hasOwnProperty.call(props, c.key)) return false;
        return c.value === undefined || props[c.key] === c.value;
      });
      const property = `${c.key}${c.value === undefined ? "" : `=${c.value}`}`;
      return hit ? { text: `cart contains property ${property}`, params: { reason: "property", property } } : null;
    }
    case "free_over_subtotal":
      return null;
  }
}

export function applyRules(sourcePrice: Money, ctx: RuleContext, rules: RuleSet): RuleOutcome {
  assertMinorUnits(sourcePrice.amount, "source price");
  assertMinorUnits(ctx.subtotal.amount, "subtotal");
  const currency = rules.currency;
  for (const [what, m] of [["source price", sourcePrice], ["subtotal", ctx.subtotal]] as const) {
    if (m.currency.toUpperCase() !== currency) throw new RangeError(`${what} is in ${m.currency} but the rules are in ${currency}`);
  }
  const trace: TraceStep[] = [{ step: "source", detail: `source price ${sourcePrice.amount}`, after: sourcePrice.amount }];
  let price = sourcePrice.amount;

  if (rules.markupBasisPoints !== 0) {
    const after = applyPercent(price, rules.markupBasisPoints);
    const kind = rules.markupBasisPoints > 0 ? "markup" : "discount";
    trace.push({ step: "markup", detail: `${kind} ${pct(rules.markupBasisPoints)} : ${price} → ${after}`, before: price, after, params: { basisPoints: rules.markupBasisPoints } });
    price = after;
  }

  const { perOrder, perPackage } = rules.handling;
  if (perOrder > 0 || perPackage > 0) {
    const fee = perOrder + perPackage * ctx.packageCount;
    const parts = [perOrder > 0 ? `${perOrder} per order` : "", perPackage > 0 ? `${perPackage} × ${ctx.packageCount} packages` : ""].filter(Boolean);
    trace.push({
      step: "handling",
      detail: `handling fee +${fee} (${parts.join(" + ")}) : ${price} → ${price + fee}`,
      before: price,
      after: price + fee,
      params: { fee, perOrder, perPackage, packages: ctx.packageCount },
    });
    price += fee;
  }

  if (price < 0) {
    trace.push({ step: "floor", detail: `price ${price} is below zero : ${price} → 0`, before: price, after: 0 });
    price = 0;
  }

  for (const c of rules.conditions) {
    const why = hideReason(c, ctx);
    if (why) {
      trace.push({ step: "condition", detail: `hidden: ${why.text}`, before: price, params: why.params });
      return { price: null, trace };
    }
  }
  const free = rules.conditions.find(
    (c): c is Extract<Condition, { type: "free_over_subtotal" }> => c.type === "free_over_subtotal" && ctx.subtotal.amount >= c.threshold,
  );
  if (free) {
    trace.push({ step: "condition", detail: `free: subtotal ${ctx.subtotal.amount} ≥ ${free.threshold} : ${price} → 0`, before: price, after: 0, params: { reason: "free", subtotal: ctx.subtotal.amount, limit: free.threshold } });
    return { price: { amount: 0, currency }, trace };
  }

  if (rules.rounding !== "none") {
    const after = roundTo({ amount: price, currency }, rules.rounding).amount;
    trace.push({ step: "rounding", detail: `rounding ${rules.rounding} : ${price} → ${after}`, before: price, after, params: { mode: rules.rounding } });
    price = after;
  }

  const { min, max } = rules.caps;
  if (min !== undefined && price < min) {
    trace.push({ step: "cap", detail: `minimum ${min} : ${price} → ${min}`, before: price, after: min, params: { which: "min" } });
    price = min;
  }
  if (max !== undefined && price > max) {
    trace.push({ step: "cap", detail: `maximum ${max} : ${price} → ${max}`, before: price, after: max, params: { which: "max" } });
    price = max;
  }
  return { price: { amount: price, currency }, trace };
}
