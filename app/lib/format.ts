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
