// Display formatting for admin pages (never for stored values).
import { fromShopifySubunits, minorToDecimalString } from "~/domain/money";
import { formatWeight } from "~/domain/units";

/** 1250 USD → "$12.50" in the browser's locale; falls back to "12.50 USD" for codes Intl does not know. */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const decimal = minorToDecimalString(minor, currency);
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: decimal.split(".")[1]?.length ?? 0 }).format(Number(decimal));
  } catch {
    return `${decimal} ${currency}`;
  }
}

/** A carrier-service rate's total_price (Shopify subunits) as the shopper sees it. */
export function formatShopifyPrice(totalPrice: string, currency: string, locale?: string): string {
  return formatMoney(fromShopifySubunits(totalPrice, currency).amount, currency, locale);
}

/** "Mar 3 – Mar 5" from Shopify's delivery date strings; empty when the rate has none. */
export function formatDeliveryWindow(min?: string, max?: string, locale?: string): string {
  const show = (s: string) => {
    // "2025-03-05T12:00:00-05:00": the date part is the shop-local delivery day; show that day, whatever the viewer's zone.
    const d = new Date(`${s.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? s : d.toLocaleDateString(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  };
  if (!min && !max) return "";
  if (!min || !max || show(min) === show(max)) return show((min ?? max)!);
  return `${show(min)} – ${show(max)}`;
}

// ---- locale-aware formatting (the admin's language, see app/i18n) ------------------------------------------------

export type DisplayWeightUnit = "kg" | "lb" | "g" | "oz";
export type DisplayLengthUnit = "cm" | "in" | "mm";

const GRAMS_IN: Record<DisplayWeightUnit, number> = { g: 1, kg: 1000, lb: 453.59237, oz: 453.59237 / 16 };
const MM_IN: Record<DisplayLengthUnit, number> = { mm: 1, cm: 10, in: 25.4 };
const INTL_UNIT: Record<DisplayWeightUnit | DisplayLengthUnit, string> = {
  g: "gram",
  kg: "kilogram",
  lb: "pound",
  oz: "ounce",
  mm: "millimeter",
  cm: "centimeter",
  in: "inch",
};

/** 1234.5 → "1,234.5" (en), "1.234,5" (de), "1 234,5" (fr). */
export function formatNumber(n: number, locale?: string, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(n);
}

/** Grams in the shop's unit: 4990 g → "11 lb" / "4,99 kg"; two decimals at most (never "11.023 lb"). */
export function formatWeightIn(grams: number, unit: DisplayWeightUnit, locale?: string, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: INTL_UNIT[unit], unitDisplay: "short", maximumFractionDigits }).format(grams / GRAMS_IN[unit]);
}

/** Millimetres in the shop's unit, one decimal at most: 304.8 mm → "12 in". */
export function formatLengthIn(mm: number, unit: DisplayLengthUnit, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: INTL_UNIT[unit], unitDisplay: "short", maximumFractionDigits: 1 }).format(mm / MM_IN[unit]);
}

/** L × W × H in the shop's unit: "24 × 16 × 4 in". */
export function formatDimensionsIn(d: { l: number; w: number; h: number }, unit: DisplayLengthUnit, locale?: string): string {
  const n = (mm: number) => formatNumber(mm / MM_IN[unit], locale, 1);
  return `${n(d.l)} × ${n(d.w)} × ${n(d.h)} ${formatLengthIn(0, unit, locale).replace(/^[\d\s.,\u00a0\u202f]+/, "").trim()}`;
}

/** 2500 basis points → "25%" / "25 %" (fr, de). */
export function formatPercent(basisPoints: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(basisPoints / 10000);
}

/** A timestamp (ISO string or epoch ms) as date and time in the viewer's language. */
export function formatDateTime(at: string | number | Date, locale?: string): string {
  const d = at instanceof Date ? at : new Date(at);
  return Number.isNaN(d.getTime()) ? String(at) : new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(d);
}

/** A time of day in the viewer's language. */
export function formatTime(at: string | number | Date, locale?: string): string {
  const d = at instanceof Date ? at : new Date(at);
  return Number.isNaN(d.getTime()) ? String(at) : new Intl.DateTimeFormat(locale, { timeStyle: "medium" }).format(d);
}

/**
 * A weight in the shop's unit for display: two decimals at most, trailing zeros dropped (5000 g → "11.02 lb",
 * "5 kg"). Weights under a tenth of the unit keep three decimals so a 30 g item does not read as zero.
 */
export function formatGrams(grams: number, unit: "kg" | "lb" = "kg"): string {
  const decimals = grams > 0 && grams < (unit === "kg" ? 100 : 45.36) ? 3 : 2;
  return formatWeight(grams, unit, decimals);
}

/** Millimetres in the shop's length unit, one decimal at most: 609.6 mm → "24 in". */
export function formatLength(mm: number, unit: "cm" | "in"): string {
  const value = unit === "in" ? mm / 25.4 : mm / 10;
  return `${Number(value.toFixed(1))} ${unit}`;
}
