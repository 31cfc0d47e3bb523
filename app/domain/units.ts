// Grams and millimetres inside the app; pounds, ounces, kilograms, inches and centimetres only at the edges.
// Weights are whole grams once parsed. Lengths stay unrounded numbers of millimetres, because rounding
// 12 in (304.8 mm) to 305 mm would push it over 12 in, and UPS bills every fraction of an inch as a whole inch.

export const GRAMS_PER_POUND = 453.59237; // exact, by the 1959 international agreement
export const GRAMS_PER_OUNCE = GRAMS_PER_POUND / 16;
export const MM_PER_INCH = 25.4; // exact

export type WeightUnit = "g" | "kg" | "lb" | "oz";
type LengthUnit = "mm" | "cm" | "in";
export type DimensionsMm = { l: number; w: number; h: number };

const GRAMS_PER: Record<WeightUnit, number> = { g: 1, kg: 1000, lb: GRAMS_PER_POUND, oz: GRAMS_PER_OUNCE };
const MM_PER: Record<LengthUnit, number> = { mm: 1, cm: 10, in: MM_PER_INCH };

export const gramsToPounds = (g: number): number => g / GRAMS_PER_POUND;
export const poundsToGrams = (lb: number): number => lb * GRAMS_PER_POUND;
export const gramsToOunces = (g: number): number => g / GRAMS_PER_OUNCE;
export const ouncesToGrams = (oz: number): number => oz * GRAMS_PER_OUNCE;
export const gramsToKilograms = (g: number): number => g / 1000;

export const mmToInches = (mm: number): number => mm / MM_PER_INCH;
export const inchesToMm = (inches: number): number => inches * MM_PER_INCH;
export const mmToCm = (mm: number): number => mm / 10;
export const cmToMm = (cm: number): number => cm * 10;

/**
 * Whole pounds as whole grams, rounded DOWN, so that converting back and rounding up to the next pound
 * returns the same number of pounds (3 lb = 1360.78 g → 1360 g → 2.998 lb → 3 lb; rounding to 1361 g would give 4 lb).
 */
export function wholePoundsToGrams(lb: number): number {
  return Math.floor(lb * GRAMS_PER_POUND);
}

/**
 * Whole units (pounds, ounces) a carrier bills for a weight in whole grams, every fraction rounded up, except
 * Shopify's own rounding: Shopify stores whole grams, so 1 lb (453.59 g) arrives as 454 g and 3 lb as 1361 g.
 * Up to half a gram over a whole number of units is that rounding, not weight, and bills as the whole number.
 */
export function wholeUnitsUp(grams: number, gramsPerUnit: number): number {
  return Math.max(0, Math.ceil((grams - 0.5) / gramsPerUnit - 1e-9));
}

/** Pounds a carrier bills (at least one): 454 g → 1 lb, 455 g → 2 lb. */
export const billablePounds = (grams: number): number => Math.max(1, wholeUnitsUp(grams, GRAMS_PER_POUND));

/** Ounces a carrier bills (at least one): 227 g (Shopify's 8 oz) → 8 oz. */
export const billableOunces = (grams: number): number => Math.max(1, wholeUnitsUp(grams, GRAMS_PER_OUNCE));

function toFiniteNonNegative(value: number | string, what: string): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n < 0) {
    throw new RangeError(`${what} must be a non-negative number, got "${value}"`);
  }
  return n;
}

/** Weight from a form, a Shopify payload or a carrier, in whole grams (rounded to the nearest gram). */
export function parseWeight(value: number | string, unit: WeightUnit): number {
  const factor = GRAMS_PER[unit];
  if (factor === undefined) throw new RangeError(`unknown weight unit "${unit}"`);
  return Math.round(toFiniteNonNegative(value, "weight") * factor);
}

/** Length from a form or a carrier, in (unrounded) millimetres. */
export function parseLength(value: number | string, unit: LengthUnit): number {
  const factor = MM_PER[unit];
  if (factor === undefined) throw new RangeError(`unknown length unit "${unit}"`);
  return toFiniteNonNegative(value, "length") * factor;
}

export function formatWeight(grams: number, unit: WeightUnit, decimals = 2): string {
  return `${Number((grams / GRAMS_PER[unit]).toFixed(decimals))} ${unit}`;
}
