// Merchant-defined rate tables. Every band is HALF-OPEN: min inclusive, max exclusive, so bands written as
// 0–1000 g and 1000–2000 g touch without overlapping (1000 g falls in the second). A missing min means
// "from zero", a missing max means "no upper limit".
//
// extraWeight prices weight beyond the last weight band: last band's price + one `price` per started
// `perGrams` from that band's max (last band 1000–2000 g, 500 g steps: 2000–2499 g = +1 step, 2500 g = +2).
// For weight_and_subtotal tables the "last band" is the heaviest band that covers the subtotal.
import { z } from "zod";
import { type Money, minorToDecimalString } from "./money";

const int = z.number().int().nonnegative();

const RateBandSchema = z.object({
  minGrams: int.optional(),
  maxGrams: int.optional(),
  minSubtotal: int.optional(),
  maxSubtotal: int.optional(),
  price: int,
});
type RateBand = z.output<typeof RateBandSchema>;

type Interval = [number, number];
const span = (min?: number, max?: number): Interval => [min ?? 0, max ?? Infinity];
const overlap = (a: Interval, b: Interval): Interval | null => {
  const lo = Math.max(a[0], b[0]);
  const hi = Math.min(a[1], b[1]);
  return lo < hi ? [lo, hi] : null;
};
const showGrams = ([lo, hi]: Interval) => (hi === Infinity ? `${lo} g and up` : `${lo}–${hi} g`);
const showMoney = ([lo, hi]: Interval) => (hi === Infinity ? `subtotal ${lo} and up` : `subtotal ${lo}–${hi}`);

const Basis = z.enum(["weight", "subtotal", "weight_and_subtotal"]);
type Basis = z.output<typeof Basis>;
const usesWeight = (b: Basis) => b !== "subtotal";
const usesSubtotal = (b: Basis) => b !== "weight";

export const RateTableSchema = z
  .object({
    basis: Basis,
    currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/),
    bands: z.array(RateBandSchema).min(1, "A rate table needs at least one band.").max(500),
    extraWeight: z.object({ perGrams: z.number().int().positive(), price: int }).optional(),
  })
  .superRefine((t, ctx) => {
    const describe = (b: RateBand) =>
      [usesWeight(t.basis) ? showGrams(span(b.minGrams, b.maxGrams)) : "", usesSubtotal(t.basis) ? showMoney(span(b.minSubtotal, b.maxSubtotal)) : ""]
        .filter(Boolean)
        .join(", ");
    t.bands.forEach((b, i) => {
      const issue = (message: string, i18n: string) => ctx.addIssue({ code: "custom", path: ["bands", i], message: `Band ${i + 1}: ${message}`, params: { i18n } });
      if (b.minGrams !== undefined && b.maxGrams !== undefined && b.minGrams >= b.maxGrams) {
        issue(`minGrams ${b.minGrams} must be below maxGrams ${b.maxGrams}.`, "band_weight_order");
      }
      if (b.minSubtotal !== undefined && b.maxSubtotal !== undefined && b.minSubtotal >= b.maxSubtotal) {
        issue(`minSubtotal ${b.minSubtotal} must be below maxSubtotal ${b.maxSubtotal}.`, "band_subtotal_order");
      }
      if (!usesWeight(t.basis) && (b.minGrams !== undefined || b.maxGrams !== undefined)) {
        issue("sets a weight range but the table is priced by subtotal only.", "band_weight_unused");
      }
      if (!usesSubtotal(t.basis) && (b.minSubtotal !== undefined || b.maxSubtotal !== undefined)) {
        issue("sets a subtotal range but the table is priced by weight only.", "band_subtotal_unused");
      }
    });
    for (let i = 0; i < t.bands.length; i++) {
      for (let j = i + 1; j < t.bands.length; j++) {
        const a = t.bands[i];
        const b = t.bands[j];
        const w = usesWeight(t.basis) ? overlap(span(a.minGrams, a.maxGrams), span(b.minGrams, b.maxGrams)) : ([0, Infinity] as Interval);
        const s = usesSubtotal(t.basis) ? overlap(span(a.minSubtotal, a.maxSubtotal), span(b.minSubtotal, b.maxSubtotal)) : ([0, Infinity] as Interval);
        if (!w || !s) continue;
        const where = [usesWeight(t.basis) ? showGrams(w) : "", usesSubtotal(t.basis) ? showMoney(s) : ""].filter(Boolean).join(", ");
        ctx.addIssue({
          code: "custom",
          path: ["bands", j],
          message: `Bands ${i + 1} (${describe(a)}) and ${j + 1} (${describe(b)}) overlap at ${where}.`,
          params: { i18n: "bands_overlap", other: i + 1 },
        });
      }
    }
    if (t.extraWeight) {
      if (!usesWeight(t.basis)) {
        ctx.addIssue({ code: "custom", path: ["extraWeight"], message: "Extra weight pricing needs a table priced by weight.", params: { i18n: "extra_weight_needs_weight" } });
      } else if (!t.bands.some((b) => b.maxGrams !== undefined)) {
        ctx.addIssue({ code: "custom", path: ["extraWeight"], message: "Extra weight pricing needs a band with a maximum weight to start from.", params: { i18n: "extra_weight_needs_max" } });
      }
    }
  });
export type RateTable = z.output<typeof RateTableSchema>;

const inside = (x: number, [lo, hi]: Interval) => x >= lo && x < hi;

export function priceFromTable(table: RateTable, input: { billableGrams: number; subtotal: Money }): { price: Money } | { error: string } {
  const { billableGrams: grams, subtotal } = input;
  if (!Number.isFinite(grams) || grams < 0) return { error: `billable weight must be non-negative, got ${grams}` };
  if (subtotal.currency.toUpperCase() !== table.currency) {
    return { error: `the table is in ${table.currency} but the subtotal is in ${subtotal.currency}` };
  }
  const w = usesWeight(table.basis);
  const s = usesSubtotal(table.basis);
  const bySubtotal = table.bands.filter((b) => !s || inside(subtotal.amount, span(b.minSubtotal, b.maxSubtotal)));
  const hit = bySubtotal.find((b) => !w || inside(grams, span(b.minGrams, b.maxGrams)));
  if (hit) return { price: { amount: hit.price, currency: table.currency } };

  if (w && table.extraWeight) {
    const last = bySubtotal
      .filter((b) => b.maxGrams !== undefined)
      .sort((a, b) => b.maxGrams! - a.maxGrams!)[0];
    if (last && grams >= last.maxGrams!) {
      const steps = Math.floor((grams - last.maxGrams!) / table.extraWeight.perGrams) + 1;
      return { price: { amount: last.price + steps * table.extraWeight.price, currency: table.currency } };
    }
  }
  const subtotalText = `a subtotal of ${minorToDecimalString(subtotal.amount, subtotal.currency)} ${subtotal.currency}`;
  const what = w && s ? `${grams} g with ${subtotalText}` : w ? `${grams} g` : subtotalText;
  return { error: `no band covers ${what}` };
}
