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

/** "1.36 kg (3 lb)": both units, since carriers bill in pounds and many merchants think in kilograms. */
export function formatGrams(grams: number): string {
  return `${formatWeight(grams, "kg", 3)} (${formatWeight(grams, "lb", 2)})`;
}
