// Grams and millimetres → the units UPS bills in, without drift.
//
// UPS rounds every fraction of a pound (or 0.5 kg) and of an inch (or cm) UP, so a value that is a hair
// over a whole unit because of our own rounding costs the merchant a whole unit. Shopify stores weights in
// whole grams (1 lb = 453.59 g arrives as 454 g), so a weight within half a gram of a whole ounce is that
// ounce; lengths are kept to 0.1 mm, so a length within 0.05 mm of a whole inch is that inch.
// After snapping we round UP, never to nearest: declaring less than the parcel weighs invites a UPS
// billing adjustment later. Rounding up to 0.1 never crosses a whole-pound or half-kilogram step, so the
// price bracket UPS bills is the one the true weight falls in.
import { GRAMS_PER_OUNCE, MM_PER_INCH } from "~/domain/units";

export type UpsUnitSystem = { weight: "LBS" | "KGS"; length: "IN" | "CM" };

// Imperial for US and PR origins, metric elsewhere, as karrio's UPS connector chooses by origin country
// (contracts.md [KAR-UPS-UNITS]). The Rating spec lists LBS/KGS/OZS and IN/CM but not which country takes which.
const IMPERIAL_ORIGINS = new Set(["US", "PR"]);

export function upsUnitsFor(originCountry: string): UpsUnitSystem {
  return IMPERIAL_ORIGINS.has(originCountry.toUpperCase()) ? { weight: "LBS", length: "IN" } : { weight: "KGS", length: "CM" };
}

const SHOPIFY_GRAM_ROUNDING = 0.5;
const LENGTH_STORAGE_ROUNDING_MM = 0.05;

/** Up to one decimal, rounded up, without float noise (1.1000000001 → "1.1", 2 → "2"). */
function ceilTenths(value: number): string {
  const tenths = Math.ceil(Math.round(value * 1e6) / 1e5);
  return String(tenths / 10);
}

/** "1" for 454 g, "0.5" for 227 g (8 oz), "1.1" for 470 g. */
export function gramsToUpsPounds(grams: number): string {
  const ounces = grams / GRAMS_PER_OUNCE;
  const wholeOunces = Math.round(ounces);
  const snapped = Math.abs(grams - wholeOunces * GRAMS_PER_OUNCE) <= SHOPIFY_GRAM_ROUNDING ? wholeOunces : ounces;
  return ceilTenths(Math.max(snapped / 16, 0.1));
}

/** "1.3" for 1234 g; grams are exact in kilograms, so only the rounding up to 0.1 kg applies. */
export function gramsToUpsKilograms(grams: number): string {
  return ceilTenths(Math.max(grams / 1000, 0.1));
}

function wholeUnitsUp(mm: number, mmPerUnit: number): number {
  const units = mm / mmPerUnit;
  const nearest = Math.round(units);
  if (Math.abs(mm - nearest * mmPerUnit) <= LENGTH_STORAGE_ROUNDING_MM) return Math.max(1, nearest);
  return Math.max(1, Math.ceil(units));
}

/** Whole inches, every fraction rounded up as UPS bills since 18 Aug 2025 (304.8 mm → 12, 305 mm → 13). */
export const mmToUpsInches = (mm: number): string => String(wholeUnitsUp(mm, MM_PER_INCH));
export const mmToUpsCentimetres = (mm: number): string => String(wholeUnitsUp(mm, 10));

export function upsWeight(grams: number, units: UpsUnitSystem): string {
  return units.weight === "LBS" ? gramsToUpsPounds(grams) : gramsToUpsKilograms(grams);
}

export function upsLength(mm: number, units: UpsUnitSystem): string {
  return units.length === "IN" ? mmToUpsInches(mm) : mmToUpsCentimetres(mm);
}
