// Pure: reconciliation of a bought label with the quote recorded before its purchase. The quote is the carrier's
// price for the package and service (postage and its fees); the extra services the merchant ticks (signature,
// insurance) are USPS's fixed list prices and not part of it, so the comparison leaves them out on both sides.
import type { LabelCharge } from "~/carriers/labels";

/** Differences up to this (minor units) are rounding, not a different charge. */
export const QUOTE_TOLERANCE = 1;

/** The part of a charge a quote speaks for: postage and fees, without extra services. */
export function chargedPostage(charges: readonly Pick<LabelCharge, "kind" | "amount">[]): number {
  return charges.filter((c) => c.kind !== "extra_service").reduce((n, c) => n + c.amount, 0);
}

/** True when a quote was recorded and the charge differs from it by more than the tolerance (or in another currency). */
export function quoteMismatch(quote: { amount: number | null; currency: string | null }, charged: { amount: number; currency: string }): boolean {
  if (quote.amount === null) return false;
  if (quote.currency && quote.currency !== charged.currency) return true;
  return Math.abs(charged.amount - quote.amount) > QUOTE_TOLERANCE;
}
