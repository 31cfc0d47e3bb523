// Billable weight: the greater of actual weight and dimensional weight, per carrier rules kept as data with the
// date each took effect and where it is published, because carriers change them (UPS changed its rounding of
// dimensions on 18 Aug 2025). A package is billed by the rule in force on its ship date.
//
// Carriers never bill less than one pound, so a 0 g package is billed as 1 lb under the carrier rules. Whole pounds
// use billablePounds, which reads Shopify's gram rounding back (454 g is Shopify's 1 lb, billed as 1 lb).
// billableGrams converts whole pounds to grams rounding DOWN (see wholePoundsToGrams), so converting it back
// and rounding up gives exactly the billed pounds.
import { billablePounds, type DimensionsMm, GRAMS_PER_POUND, MM_PER_INCH, wholePoundsToGrams } from "./units";

/** Named after the published rule each reproduces (ADR 0007 keeps these names outside the carrier folders). */
export const DIM_RULE_IDS = ["ups_daily", "ups_retail", "usps", "none"] as const;
export type DimRuleId = (typeof DIM_RULE_IDS)[number];

type DimRule = {
  id: DimRuleId;
  label: string;
  /** Cubic inches per pound; null = no dimensional weight. */
  divisor: number | null;
  dimensionRounding: "up" | "nearest";
  /** DIM applies only when the rounded cube is strictly greater than this (0 = always). */
  appliesAboveCubicInches: number;
  roundToWholePounds: boolean;
  /** First day (UTC, inclusive) this version applies; the next version of the same id ends it. */
  effectiveFrom: string;
  source: string;
};

const UPS_RATE_GUIDE = "UPS Rate and Service Guide, dimensional weight (ups.com/us/en/support/shipping-support/shipping-dimensions-weight)";
const UPS_2025_NOTICE = "UPS notice of 18 Aug 2025: each fraction of an inch is rounded up to the next whole inch";
const USPS_DMM = "USPS Domestic Mail Manual 123.1.3 (dimensional weight over one cubic foot)";

/** Every version of every rule, oldest first per id. Adding a carrier change is adding a row here. */
export const DIM_RULE_VERSIONS: readonly DimRule[] = [
  { id: "ups_daily", label: "UPS daily rates", divisor: 139, dimensionRounding: "nearest", appliesAboveCubicInches: 0, roundToWholePounds: true, effectiveFrom: "2017-01-01", source: UPS_RATE_GUIDE },
  { id: "ups_daily", label: "UPS daily rates", divisor: 139, dimensionRounding: "up", appliesAboveCubicInches: 0, roundToWholePounds: true, effectiveFrom: "2025-08-18", source: UPS_2025_NOTICE },
  { id: "ups_retail", label: "UPS retail rates", divisor: 166, dimensionRounding: "nearest", appliesAboveCubicInches: 0, roundToWholePounds: true, effectiveFrom: "2017-01-01", source: UPS_RATE_GUIDE },
  { id: "ups_retail", label: "UPS retail rates", divisor: 166, dimensionRounding: "up", appliesAboveCubicInches: 0, roundToWholePounds: true, effectiveFrom: "2025-08-18", source: UPS_2025_NOTICE },
  { id: "usps", label: "USPS", divisor: 166, dimensionRounding: "nearest", appliesAboveCubicInches: 1728, roundToWholePounds: true, effectiveFrom: "2019-01-27", source: USPS_DMM },
  { id: "none", label: "no dimensional weight", divisor: null, dimensionRounding: "nearest", appliesAboveCubicInches: 0, roundToWholePounds: false, effectiveFrom: "1970-01-01", source: "Waypost: table rates priced in grams" },
];

/** The version of a rule in force on a date (YYYY-MM-DD or Date); null before its first version. */
function dimRuleOn(id: DimRuleId, on: Date | string = new Date()): DimRule | null {
  const day = typeof on === "string" ? on.slice(0, 10) : on.toISOString().slice(0, 10);
  let found: DimRule | null = null;
  for (const rule of DIM_RULE_VERSIONS) if (rule.id === id && rule.effectiveFrom <= day) found = rule;
  return found;
}

/** The rules in force today, by id (for pickers and labels). */
const DIM_RULES = Object.fromEntries(
  DIM_RULE_IDS.map((id) => [id, dimRuleOn(id)!]),
) as Record<DimRuleId, DimRule>;

type BillableWeight = {
  billableGrams: number;
  actualGrams: number;
  dimensionalGrams: number | null;
  /** Built when read: checkout never reads it, "Test your shipping" and labels do. */
  explanation: string;
};

const fmt = (n: number) => String(Number(n.toFixed(2)));

/** Inches with float noise removed (304.8 mm must be 12 in, not 12.000000000000002 → 13 in under UPS). */
function inches(mm: number): number {
  return Math.round((mm / MM_PER_INCH) * 10_000) / 10_000;
}

export function billableWeight(
  pkg: { grams: number; dimensionsMm?: DimensionsMm | null },
  ruleId: DimRuleId,
  shipDate: Date | string = new Date(),
): BillableWeight {
  const rule = Object.hasOwn(DIM_RULES, ruleId) ? dimRuleOn(ruleId, shipDate) : null;
  if (!rule) throw new RangeError(`no dimensional weight rule "${ruleId}" in force on ${String(shipDate).slice(0, 10)}`);
  if (!Number.isFinite(pkg.grams) || pkg.grams < 0) throw new RangeError(`grams must be non-negative, got ${pkg.grams}`);
  const actualGrams = pkg.grams;
  const actualLb = actualGrams / GRAMS_PER_POUND;

  if (rule.divisor === null || !rule.roundToWholePounds) {
    return { billableGrams: actualGrams, actualGrams, dimensionalGrams: null, get explanation() { return `${rule.label}: billable = actual ${actualGrams} g`; } };
  }

  const actualRoundedLb = billablePounds(actualGrams);
  const actualText = () => `actual ${fmt(actualLb)} lb → ${actualRoundedLb} lb`;
  const d = pkg.dimensionsMm;
  if (!d) {
    return {
      billableGrams: wholePoundsToGrams(actualRoundedLb),
      actualGrams,
      dimensionalGrams: null,
      get explanation() {
        return `${rule.label}: no dimensions, so no dimensional weight; ${actualText()}; billable ${actualRoundedLb} lb`;
      },
    };
  }

  const raw = [d.l, d.w, d.h].map(inches);
  const rounded = raw.map((x) => (rule.dimensionRounding === "up" ? Math.ceil(x) : Math.round(x)));
  const cube = rounded[0] * rounded[1] * rounded[2];
  const how = rule.dimensionRounding === "up" ? "each fraction rounded up" : "each rounded to the nearest inch";
  const dimsText = () => `${raw.map(fmt).join(" × ")} in → ${rounded.join(" × ")} in (${how}) = ${cube} in³`;

  if (cube <= rule.appliesAboveCubicInches) {
    return {
      billableGrams: wholePoundsToGrams(actualRoundedLb),
      actualGrams,
      dimensionalGrams: null,
      get explanation() {
        return `${rule.label} (÷${rule.divisor}): ${dimsText()}, not over ${rule.appliesAboveCubicInches} in³ so no dimensional weight; ${actualText()}; billable ${actualRoundedLb} lb`;
      },
    };
  }

  const dimLb = Math.max(1, Math.ceil(cube / rule.divisor));
  const billableLb = Math.max(actualRoundedLb, dimLb);
  const which = dimLb > actualRoundedLb ? "dimensional" : "actual";
  const divisor = rule.divisor;
  return {
    billableGrams: wholePoundsToGrams(billableLb),
    actualGrams,
    dimensionalGrams: wholePoundsToGrams(dimLb),
    get explanation() {
      return `${rule.label} (÷${divisor}): ${dimsText()} ÷ ${divisor} = ${fmt(cube / divisor)} → ${dimLb} lb dimensional; ${actualText()}; billable ${billableLb} lb (${which})`;
    },
  };
}
