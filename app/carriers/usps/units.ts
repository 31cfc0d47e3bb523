// Grams and millimetres inside; pounds and inches only here, at the USPS edge.
// Weights arrive as whole grams, so a merchant's "1 lb" is stored as 454 g (453.59 rounded). Sent naively that
// is 1.0009 lb, which USPS bills as 2 lb for pound-priced classes. Any weight within half a gram of a whole
// ounce is therefore snapped back to that ounce before converting: whole-ounce weights round-trip exactly.
import { GRAMS_PER_OUNCE, MM_PER_INCH } from "~/domain/units";

const HALF_GRAM = 0.5;

export function gramsToUspsOunces(grams: number): number {
  const ounces = grams / GRAMS_PER_OUNCE;
  const whole = Math.round(ounces);
  if (Math.abs(grams - whole * GRAMS_PER_OUNCE) <= HALF_GRAM) return whole;
  // Otherwise round UP to 1/100 oz: never send less weight than the parcel has.
  return Math.ceil(Math.round(ounces * 1e6) / 1e4) / 100;
}

/** Pounds for the API's `weight` field, to 4 decimals (0.0016 oz), never below the parcel's weight. */
export function gramsToUspsPounds(grams: number): number {
  const ounces = gramsToUspsOunces(grams);
  return Math.ceil(Math.round((ounces / 16) * 1e8) / 1e4) / 1e4;
}

/** Inches to 2 decimals with float noise removed first: 304.8 mm is 12 in, not 12.000000000000002. */
export function mmToUspsInches(mm: number): number {
  return Math.round(Math.round((mm / MM_PER_INCH) * 1e6) / 1e4) / 100;
}

/** USPS wants length ≥ width ≥ height ("the maximum dimension is always length"). */
export function sortedInches(d: { l: number; w: number; h: number }): { length: number; width: number; height: number } {
  const [length, width, height] = [d.l, d.w, d.h].map(mmToUspsInches).sort((a, b) => b - a);
  return { length, width, height };
}

/** Dollars as JSON numbers (USPS) → integer cents, immune to 8.02 * 100 = 801.9999. */
export function dollarsToCents(dollars: number): number {
  return Math.round(Math.round(dollars * 1e6) / 1e4);
}

/** Integer cents → USPS dollars (a JSON number with at most two decimals). */
export function dollarsFromCents(cents: number): number {
  return Math.round(cents) / 100;
}
