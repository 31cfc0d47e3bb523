// The carrier-neutral label model: what the label service asks any carrier that can sell postage. USPS is the first
// implementation (app/carriers/usps/labels/); UPS Shipping (shared/specs/ups/Shipping.yaml) fits the same shape.
// Weights are grams and lengths millimetres; money is integer minor units + ISO currency. Failures are data
// (`LabelFailure`), classified by what the caller does next, never thrown across this boundary.
import { z } from "zod";

export const LabelAddressSchema = z.object({
  name: z.string().trim().min(1).max(100),
  company: z.string().trim().max(50).optional(),
  address1: z.string().trim().min(1).max(50),
  address2: z.string().trim().max(50).optional(),
  city: z.string().trim().min(1).max(28),
  /** ISO 3166-2 subdivision code without the country (US: two-letter state). */
  province: z.string().trim().max(3),
  zip: z.string().trim().min(1).max(10),
  country: z.string().trim().length(2).toUpperCase(),
  phone: z.string().trim().max(20).optional(),
  email: z.string().trim().max(320).optional(),
});
export type LabelAddress = z.output<typeof LabelAddressSchema>;

export const LabelParcelSchema = z.object({
  grams: z.number().int().positive(),
  dimensionsMm: z.object({ l: z.number().positive(), w: z.number().positive(), h: z.number().positive() }),
  /** Declared value of the contents (insurance, customs), minor units of `currency`. */
  value: z.number().int().nonnegative(),
  currency: z.string().length(3),
});
export type LabelParcel = z.output<typeof LabelParcelSchema>;

export interface LabelOptions {
  signature: boolean;
  insurance: boolean;
}

export interface CustomsItem {
  description: string;
  quantity: number;
  /** Per unit, minor units of the form's currency. */
  unitValue: number;
  unitGrams: number;
  /** Digits only, 6–10. */
  hsCode: string;
  /** ISO 3166-1 alpha-2. */
  originCountry: string;
  sku?: string;
}

export interface CustomsForm {
  contentType: "MERCHANDISE" | "GIFT" | "DOCUMENT";
  currency: string;
  items: CustomsItem[];
}

/** The label image asked of the carrier: a 4×6 PDF, or ZPL for 203 dpi thermal printers. */
export type LabelImageFormat = "PDF" | "ZPL";

export interface LabelPurchase {
  /** UUID; the same key must always describe the same package, so a retry returns the label already bought. */
  idempotencyKey: string;
  serviceCode: string;
  /** YYYY-MM-DD */
  mailingDate: string;
  from: LabelAddress;
  to: LabelAddress;
  parcel: LabelParcel;
  options: LabelOptions;
  /** Required when `to` is outside the origin country. */
  customs?: CustomsForm;
  /** Default PDF. */
  imageFormat?: LabelImageFormat;
  /** Shown on the customs form as the invoice number (the order name). */
  reference?: string;
}

export interface LabelCharge {
  kind: "postage" | "extra_service" | "fee";
  name: string;
  /** Minor units. */
  amount: number;
}

export interface BoughtLabel {
  trackingNumber: string;
  serviceCode: string;
  currency: string;
  charges: LabelCharge[];
  /** Sum of the charges, minor units. */
  total: number;
  zone?: string;
  /** The label image as the carrier returned it. */
  image: { format: LabelImageFormat; bytes: Uint8Array };
  trackingUrl: string;
}

export type LabelFailureKind =
  /** The carrier refused this request (bad address, weight, account): show the message; retrying won't help. */
  | "refused"
  /** Outage, timeout, garbage: retry later with the same idempotency key. */
  | "retry"
  /** Quota: wait `retryAfterSeconds` (the carrier's Retry-After or our own ledger's pacing). */
  | "rate_limited"
  /** Credentials refused: the merchant reconnects. */
  | "reconnect";

export interface LabelFailure {
  kind: LabelFailureKind;
  code: string;
  message: string;
  /** The carrier's own words, when its answer carried any: shown to the merchant as they came (`message` is ours). */
  carrierText?: string;
  retryAfterSeconds?: number;
}

export type LabelResult<T> = { ok: true; value: T } | { ok: false; failure: LabelFailure };

export interface AddressCheck {
  /** false: the carrier could not confirm the address; `suggestion`/`message` say why and what it proposes. */
  deliverable: boolean;
  message?: string;
  suggestion?: LabelAddress;
}

/** An opaque payment authorization (USPS: the token binding payer and label owner), valid for a batch. */
export interface PaymentAuthorization {
  token: string;
  account: string;
}

export type VoidOutcome =
  | { status: "refunded" }
  | { status: "refund_requested"; disputeId?: string };

export type TrackingStatus = "label_created" | "in_transit" | "out_for_delivery" | "delivered" | "exception" | "alert";

export interface TrackingEventInfo {
  status: TrackingStatus;
  /** ISO timestamp. */
  happenedAt: string;
  message: string;
  city?: string;
  province?: string;
  zip?: string;
}

/** A package to price before buying its label (reconciliation compares the purchase with this quote). */
export interface LabelQuoteRequest {
  serviceCode: string;
  from: LabelAddress;
  to: LabelAddress;
  parcel: LabelParcel;
}

/** The carrier's price for the package and service: postage and its fees, without the extra services chosen. */
export interface LabelQuote {
  /** Minor units. */
  amount: number;
  currency: string;
}

export interface LabelProvider {
  carrierId: string;
  /**
   * Quotes each package (null where the carrier gave no price or the quota said no), reusing the prices rating
   * already learned so one package shape costs at most one call. Optional: a carrier without it is not reconciled.
   */
  quote?(requests: LabelQuoteRequest[], signal: AbortSignal): Promise<(LabelQuote | null)[]>;
  validateAddress(address: LabelAddress, signal: AbortSignal): Promise<LabelResult<AddressCheck>>;
  authorizePayment(signal: AbortSignal): Promise<LabelResult<PaymentAuthorization>>;
  buyLabel(purchase: LabelPurchase, auth: PaymentAuthorization, signal: AbortSignal): Promise<LabelResult<BoughtLabel>>;
  voidLabel(trackingNumber: string, auth: PaymentAuthorization, signal: AbortSignal): Promise<LabelResult<VoidOutcome>>;
  track(trackingNumber: string, signal: AbortSignal): Promise<LabelResult<TrackingEventInfo[]>>;
}
