// The USPS rate ingredients we decide from a package: processing category, rate indicator and the
// dimensional-weight rule. USPS computes `dimWeight` itself and bills the greater; we compute it too so we
// choose the right rate indicator (DR above one cubic foot) and can key caches by what USPS prices on.
import { gramsToUspsOunces, sortedInches } from "./units";

export interface DimWeightRule {
  /** First mailing date (YYYY-MM-DD) the rule applies to; null = in force before any later entry. */
  effectiveFrom: string | null;
  divisor: number;
  /** DIM applies only when the cube of the rounded dimensions exceeds this many cubic inches. */
  appliesAboveCubicInches: number;
  source: string;
}

// contracts.md §D6: each dimension rounded to the nearest inch; over 1,728 in³ divide by the factor and round up
// to the next pound (DMM 2006 advisory; cns.usps.com/modals/girth.html; divisor 166 per [BLOG-166]).
// The 12 Jul 2026 change (FR Doc 2026-09785) is NOT entered: its text could not be read offline, and a guessed
// rule would misquote. USPS returns its own `dimWeight`, which the parser reports, so prices stay right.
export const USPS_DIM_WEIGHT_RULES: readonly DimWeightRule[] = [
  { effectiveFrom: null, divisor: 166, appliesAboveCubicInches: 1728, source: "contracts.md §D6 [USPS-DMM2006][USPS-GIRTH][BLOG-166]" },
];

export function dimWeightRuleFor(mailingDate: string, rules: readonly DimWeightRule[] = USPS_DIM_WEIGHT_RULES): DimWeightRule {
  const applicable = rules.filter((r) => r.effectiveFrom === null || r.effectiveFrom <= mailingDate);
  return applicable[applicable.length - 1] ?? rules[0];
}

export interface UspsPackageFacts {
  length: number;
  width: number;
  height: number;
  ounces: number;
  cubicInches: number;
  /** Whole pounds, or null when the cube is not over the rule's threshold. */
  dimWeightPounds: number | null;
  processingCategory: "MACHINABLE" | "NONSTANDARD";
  /** SP single piece, or DR dimensional rectangular when dimensional weight applies. */
  rateIndicator: "SP" | "DR";
}

// DMM 201.7.1 machinable parcel limits (22 × 18 × 15 in, 25 lb; at least 6 × 3 × 0.25 in); from 2025-01-19 the
// API folds IRREGULAR and NON_MACHINABLE into NONSTANDARD (domestic-prices.yaml processingCategory).
const MACHINABLE = { max: [22, 18, 15], min: [6, 3, 0.25], maxOunces: 25 * 16 };

export function uspsPackageFacts(pkg: { grams: number; dimensionsMm: { l: number; w: number; h: number } }, mailingDate: string): UspsPackageFacts {
  const { length, width, height } = sortedInches(pkg.dimensionsMm);
  const ounces = gramsToUspsOunces(pkg.grams);
  const rounded = [length, width, height].map((x) => Math.round(x));
  const cubicInches = rounded[0] * rounded[1] * rounded[2];
  const rule = dimWeightRuleFor(mailingDate);
  const dimWeightPounds = cubicInches > rule.appliesAboveCubicInches ? Math.ceil(cubicInches / rule.divisor) : null;
  const dims = [length, width, height];
  const machinable =
    ounces <= MACHINABLE.maxOunces &&
    dims.every((d, i) => d <= MACHINABLE.max[i]) &&
    // A package without dimensions (all zero) is assumed machinable: USPS prices it by weight alone.
    (dims.every((d) => d === 0) || dims.every((d, i) => d >= MACHINABLE.min[i]));
  return {
    length,
    width,
    height,
    ounces,
    cubicInches,
    dimWeightPounds,
    processingCategory: machinable ? "MACHINABLE" : "NONSTANDARD",
    rateIndicator: dimWeightPounds === null ? "SP" : "DR",
  };
}
