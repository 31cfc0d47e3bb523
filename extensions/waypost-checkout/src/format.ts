import { localDate, type Money, type OptionView, type SummaryView } from "./logic";

/** The part of `shopify.i18n` the components use (same on checkout and customer-account surfaces). */
export interface I18nLike {
  translate(key: string, options?: Record<string, string | number>): string;
  formatCurrency(amount: number, options?: Intl.NumberFormatOptions): string;
  formatDate(date: Date, options?: Intl.DateTimeFormatOptions): string;
}

const currency = (i18n: I18nLike, m: Money) => i18n.formatCurrency(m.amount, { currency: m.currencyCode });

/** "Includes duties €4.20 · import taxes €21.30 · fees €3.00" or "Due on delivery (estimate): …". */
export function chargesLine(i18n: I18nLike, view: OptionView): string | null {
  if (view.rows.length === 0) return null;
  const charges = view.rows.map((r) => i18n.translate(`charge.${r.kind}`, { amount: currency(i18n, r.amount) })).join(" · ");
  const key = view.mode === "included" ? "option.included" : view.estimate ? "option.dueEstimate" : "option.due";
  return i18n.translate(key, { charges });
}

export function deliveryLine(i18n: I18nLike, delivery: OptionView["delivery"]): string | null {
  if (!delivery) return null;
  const fmt = (d: string) => i18n.formatDate(localDate(d), { weekday: "short", month: "short", day: "numeric" });
  return delivery.earliest === delivery.latest
    ? i18n.translate("delivery.day", { date: fmt(delivery.earliest) })
    : i18n.translate("delivery.range", { earliest: fmt(delivery.earliest), latest: fmt(delivery.latest) });
}

export function summaryLines(i18n: I18nLike, view: SummaryView): string[] {
  const lines: string[] = [];
  if (view.prepaid) lines.push(i18n.translate("summary.prepaid", { amount: currency(i18n, view.prepaid) }));
  if (view.dueOnDelivery) {
    lines.push(i18n.translate(view.estimate ? "summary.dueEstimate" : "summary.due", { amount: currency(i18n, view.dueOnDelivery) }));
  } else {
    lines.push(i18n.translate("summary.nothingDue"));
  }
  return lines;
}
