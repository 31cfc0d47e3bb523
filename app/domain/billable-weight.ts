// Billable weight: the greater of actual weight and dimensional weight, per carrier rules kept as data.
//
// UPS (ups_daily ÷139, ups_retail ÷166): since 18 Aug 2025 every fraction of an inch is rounded UP
// (12.1 in → 13 in); DIM applies to every package; dim weight and actual weight are each rounded up to the
// next whole pound. USPS (÷166): dimensions rounded to the NEAREST inch; DIM only when the rounded cube
// exceeds 1,728 in³ (one cubic foot); result rounded up to the next pound. "none": actual grams, unrounded
// (for table rates priced in grams).
// Carriers never bill less than one pound, so a 0 g package is billed as 1 lb under the carrier rules.
// billableGrams converts whole pounds to grams rounding DOWN (see wholePoundsToGrams), so converting it back
// and rounding up gives exactly the billed pounds.
import { GRAMS_PER_POUND, type DimensionsMm, MM_PER_INCH, wholePoundsToGrams } from "./units";

export type DimRuleId = "ups_daily" | "ups_retail" | "usps" | "none";

export type DimRule = {
  id: DimRuleId;
  label: string;
  /** Cubic inches per pound; null = no dimensional weight. */
  divisor: number | null;
  dimensionRounding: "up" | "nearest";
  /** DIM applies only when the rounded cube is strictly greater than this (0 = always). */
  appliesAboveCubicInches: number;
  roundToWholePounds: boolean;
};

export const DIM_RULES: Record<DimRuleId, DimRule> = {
  ups_daily: { id: "ups_daily", label: "UPS daily rates", divisor: 139, dimensionRounding: "up", appliesAboveCubicInches: 0, roundToWholePounds: true },
  ups_retail: { id: "ups_retail", label: "UPS retail rates", divisor: 166, dimensionRounding: "up", appliesAboveCubicInches: 0, roundToWholePounds: true },
  usps: { id: "usps", label: "USPS", divisor: 166, dimensionRounding: "nearest", appliesAboveCubicInches: 1728, roundToWholePounds: true },
  none: { id: "none", label: "no dimensional weight", divisor: null, dimensionRounding: "nearest", appliesAboveCubicInches: 0, roundToWholePounds: false },
};

export type BillableWeight = {
  billableGrams: number;
  actualGrams: number;
  dimensionalGrams: number | null;
  explanation: string;
};

const fmt = (n: number) => String(Number(n.toFixed(2)));

/** Inches with float noise removed (304.8 mm must be 12 in, not 12.000000000000002 → 13 in under UPS). */
function inches(mm: number): number {
  return Math.round((mm / MM_PER_INCH) * 10_000) / 10_000;
}

function wholePoundsUp(grams: number): number {
  return Math.max(1, Math.ceil(Math.round((grams / GRAMS_PER_POUND) * 1e9) / 1e9));
}

export function billableWeight(pkg: { grams: number; dimensionsMm?: DimensionsMm | null }, ruleId: DimRuleId): BillableWeight {
  const rule = DIM_RULES[ruleId];
  if (!rule) throw new RangeError(`unknown dimensional weight rule "${ruleId}"`);
  if (!Number.isFinite(pkg.grams) || pkg.grams < 0) throw new RangeError(`grams must be non-negative, got ${pkg.grams}`);
  const actualGrams = pkg.grams;
  const actualLb = actualGrams / GRAMS_PER_POUND;

  if (rule.divisor === null || !rule.roundToWholePounds) {
    return { billableGrams: actualGrams, actualGrams, dimensionalGrams: null, explanation: `${rule.label}: billable = actual ${actualGrams} g` };
  }

  const actualRoundedLb = wholePoundsUp(actualGrams);
  const actualText = `actual ${fmt(actualLb)} lb → ${actualRoundedLb} lb`;
  const d = pkg.dimensionsMm;
  if (!d) {
    return {
      billableGrams: wholePoundsToGrams(actualRoundedLb),
      actualGrams,
      dimensionalGrams: null,
      explanation: `${rule.label}: no dimensions, so no dimensional weight; ${actualText}; billable ${actualRoundedLb} lb`,
    };
  }

  const raw = [d.l, d.w, d.h].map(inches);
  const rounded = raw.map((x) => (rule.dimensionRounding === "up" ? Math.ceil(x) : Math.round(x)));
  const cube = rounded[0] * rounded[1] * rounded[2];
  const how = rule.dimensionRounding === "up" ? "each fraction rounded up" : "each rounded to the nearest inch";
  const dimsText = `${raw.map(fmt).join(" × ")} in → ${rounded.join(" × ")} in (${how}) = ${cube} in³`;

  if (cube <= rule.appliesAboveCubicInches) {
    return {
      billableGrams: wholePoundsToGrams(actualRoundedLb),
      actualGrams,
      dimensionalGrams: null,
      explanation: `${rule.label} (÷${rule.divisor}): ${dimsText}, not over ${rule.appliesAboveCubicInches} in³ so no dimensional weight; ${actualText}; billable ${actualRoundedLb} lb`,
    };
  }

  const dimLb = Math.max(1, Math.ceil(cube / rule.divisor));
  const billableLb = Math.max(actualRoundedLb, dimLb);
  const which = dimLb > actualRoundedLb ? "dimensional" : "actual";
  return {
    billableGrams: wholePoundsToGrams(billableLb),
    actualGrams,
    dimensionalGrams: wholePoundsToGrams(dimLb),
    explanation: `${rule.label} (÷${rule.divisor}): ${dimsText} ÷ ${rule.divisor} = ${fmt(cube / rule.divisor)} → ${dimLb} lb dimensional; ${actualText}; billable ${billableLb} lb (${which})`,
  };
}
