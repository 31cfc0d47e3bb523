// Pure planning for label batches: the idempotency key of a package, the default mailing date, and what a
// Shopify fulfillment order says about the package (addresses, weight, the service the shopper chose).
import { createHash } from "node:crypto";
import type { LabelAddress, LabelParcel } from "~/carriers/labels";
import { GRAMS_PER_OUNCE } from "~/domain/units";
import { labelMessage, type LabelMessage } from "./messages";

/**
 * A UUID (version 5 layout) derived from shop, order, package and generation: the same package always sends the
 * same X-Idempotency-Key, so a retry, a crashed worker or a double click gets the label already bought. Voiding and
 * re-shipping bumps the generation, because the re-bought label must be a new purchase.
 */
export function labelIdempotencyKey(p: { shopId: string; orderId: string; packageKey: string; generation: number }): string {
  const h = createHash("sha256").update(`waypost-label\n${p.shopId}\n${p.orderId}\n${p.packageKey}\n${p.generation}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** The next Monday–Friday after `now` (UTC date), as USPS's mailingDate. Holidays are not known here. */
export function nextWorkingDay(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}

const TO_GRAMS: Record<string, number> = { GRAMS: 1, KILOGRAMS: 1000, OUNCES: GRAMS_PER_OUNCE, POUNDS: GRAMS_PER_OUNCE * 16 };

/** The default box when the merchant does not edit it: 12 × 9 × 4 in, and what it weighs empty. */
export const DEFAULT_BOX = { dimensionsMm: { l: 304.8, w: 228.6, h: 101.6 }, tareGrams: 150 };

export interface FulfillmentOrderFacts {
  lineItems: { remainingQuantity: number; weight?: { unit: string; value: number } | null }[];
  destination: { firstName?: string | null; lastName?: string | null; company?: string | null; address1?: string | null; address2?: string | null; city?: string | null; province?: string | null; zip?: string | null; countryCode?: string | null; phone?: string | null; email?: string | null } | null;
  assignedLocation: { name?: string | null; address1?: string | null; address2?: string | null; city?: string | null; province?: string | null; zip?: string | null; countryCode: string; phone?: string | null };
  shippingLine?: { code?: string | null; originalPriceSet: { shopMoney: { amount: string; currencyCode: string } } } | null;
}

export type PlannedPackage =
  | { ok: true; to: LabelAddress; from: LabelAddress; parcel: LabelParcel; checkoutPaid: number | null; currency: string; checkoutServiceCode: string | null }
  | { ok: false; reason: LabelMessage };

const clean = (v: string | null | undefined) => (v ?? "").trim();

/** Decimal string "12.50" → 1250 without floating point. */
export function decimalToMinor(amount: string): number | null {
  const m = /^(-?)(\d+)(?:\.(\d{1,2})\d*)?$/.exec(amount.trim());
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -cents : cents;
}

export function planPackage(fo: FulfillmentOrderFacts, box = DEFAULT_BOX): PlannedPackage {
  const d = fo.destination;
  if (!d || !clean(d.address1) || !clean(d.city) || !clean(d.zip) || !clean(d.countryCode)) return { ok: false, reason: labelMessage("skip.noAddress") };
  const a = fo.assignedLocation;
  if (!clean(a.address1) || !clean(a.city) || !clean(a.zip)) return { ok: false, reason: labelMessage("skip.noOrigin", { location: a.name ?? "" }) };
  let grams = box.tareGrams;
  for (const li of fo.lineItems) {
    if (li.remainingQuantity <= 0) continue;
    if (!li.weight || !(li.weight.unit in TO_GRAMS)) return { ok: false, reason: labelMessage("skip.noWeight") };
    grams += li.remainingQuantity * li.weight.value * TO_GRAMS[li.weight.unit];
  }
  const price = fo.shippingLine?.originalPriceSet.shopMoney;
  const name = `${clean(d.firstName)} ${clean(d.lastName)}`.trim() || clean(d.company) || "Customer";
  return {
    ok: true,
    to: { name, ...(clean(d.company) ? { company: clean(d.company) } : {}), address1: clean(d.address1), ...(clean(d.address2) ? { address2: clean(d.address2) } : {}), city: clean(d.city), province: clean(d.province), zip: clean(d.zip), country: clean(d.countryCode).toUpperCase(), ...(clean(d.phone) ? { phone: clean(d.phone) } : {}), ...(clean(d.email) ? { email: clean(d.email) } : {}) },
    from: { name: clean(a.name) || "Shipping", address1: clean(a.address1), ...(clean(a.address2) ? { address2: clean(a.address2) } : {}), city: clean(a.city), province: clean(a.province), zip: clean(a.zip), country: a.countryCode.toUpperCase(), ...(clean(a.phone) ? { phone: clean(a.phone) } : {}) },
    parcel: { grams: Math.max(1, Math.round(grams)), dimensionsMm: box.dimensionsMm, value: 0, currency: price?.currencyCode ?? "USD" },
    checkoutPaid: price ? decimalToMinor(price.amount) : null,
    currency: price?.currencyCode ?? "USD",
    checkoutServiceCode: fo.shippingLine?.code ?? null,
  };
}
