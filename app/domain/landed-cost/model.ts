// The landed-cost model: what goes in (a shipment, the shop's landed-cost settings) and what comes out (lines
// with amounts in integer minor units, formulas in words, sources, and the de minimis decisions).
import { z } from "zod";
import type { RuleSource } from "./sources";
import type { Said } from "~/lib/said";

const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "a two-letter ISO country code");
const currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "a three-letter ISO currency code");
const minor = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
/** A percentage as a decimal string, e.g. "12" or "9.975": exact, never a float. */
export const percentString = z.string().regex(/^\d{1,3}(\.\d{1,6})?$/, 'a percentage such as "12" or "9.975"');
/** HS codes are kept as digits only: "6109.10" → "610910". */
export const hsCode = z
  .string()
  .transform((s) => s.replace(/[\s.]/g, ""))
  .pipe(z.string().regex(/^\d{4,10}$/, "an HS code of 4 to 10 digits"));

export const shipmentItemSchema = z.object({
  sku: z.string().max(100).optional(),
  hsCode: hsCode.optional(),
  originCountry: country.optional(),
  /** Customs value of ONE unit, in minor units of `currency`. */
  unitValue: minor.max(1_000_000_000_000),
  currency,
  quantity: z.number().int().positive().max(100_000),
  /** Weight of ONE unit in grams. */
  unitWeightGrams: z.number().int().nonnegative().max(10_000_000).default(0),
});

export const shipmentSchema = z.object({
  destination: z.object({ country, province: z.string().trim().toUpperCase().max(3).optional(), postalCode: z.string().max(20).optional() }),
  originCountry: country,
  /** The shop's base currency: the callback and every amount in the result use it. */
  shopCurrency: currency,
  items: z.array(shipmentItemSchema).min(1).max(500),
  /** The shipping charge for the service, in the shop currency. */
  shipping: minor.default(0),
  /** The day the goods are imported (rules are chosen by it). */
  date: isoDate,
});

export const incotermSchema = z.enum(["DDP", "DAP"]);

export const dutyRateSchema = z
  .object({
    /** HS prefix, digits only after normalisation ("61", "6109", "610910"). Longest prefix wins. */
    hsPrefix: hsCode.or(z.string().regex(/^\d{2,3}$/)),
    /** Destination country, or "EU" for the 27 member states (a country entry beats "EU"). */
    destination: z.string().trim().toUpperCase().regex(/^([A-Z]{2})$/),
    /** Optional origin (country of origin of the goods): an origin-specific row beats a general one. */
    origin: country.optional(),
    /** Ad valorem rate in percent … */
    percent: percentString.optional(),
    /** … and/or a specific duty per unit or per kilogram, in minor units of `currency`. */
    perUnit: minor.optional(),
    perKg: minor.optional(),
    currency: currency.optional(),
    note: z.string().max(200).optional(),
  })
  .refine((r) => r.percent !== undefined || r.perUnit !== undefined || r.perKg !== undefined, "a duty rate needs percent, perUnit or perKg")
  .refine((r) => (r.perUnit === undefined && r.perKg === undefined) || r.currency !== undefined, "a specific duty needs its currency");

export const exchangeRateSchema = z.object({
  base: currency,
  quote: currency,
  /** 1 base = rate quote, as a decimal string ("1.0842"). */
  rate: z.string().regex(/^\d+(\.\d{1,10})?$/),
  date: isoDate,
  source: z.string().min(1).max(200),
});

export const feeSchema = z.object({
  label: z.string().min(1).max(60),
  kind: z.enum(["brokerage", "disbursement", "other"]),
  /** Flat amount in the shop currency … */
  flat: minor.optional(),
  /** … or a percentage of the duties and import taxes due at the border, with an optional minimum. */
  percentOfDutiesAndTaxes: percentString.optional(),
  minimum: minor.optional(),
});

export const landedCostSettingsSchema = z.object({
  /** Shopify's own "collect duties" is on: Waypost never folds duties into its rates (the buyer would pay twice). */
  shopifyCollectsDuties: z.boolean().default(false),
  /** Shopify's own import-tax collection is on: import taxes are not folded either. */
  shopifyCollectsImportTaxes: z.boolean().default(false),
  /** Seller-collection schemes the merchant is registered in: IOSS, UK, AU, NZ, VOEC, SG-OVR, BR-PRC, CN-CBEC. */
  registrations: z.array(z.enum(["IOSS", "UK", "AU", "NZ", "VOEC", "SG-OVR", "BR-PRC", "CN-CBEC", "CH-VAT"])).default([]),
  dutyRates: z.array(dutyRateSchema).max(20_000).default([]),
  fees: z.array(feeSchema).max(20).default([]),
  exchangeRates: z.array(exchangeRateSchema).max(500).default([]),
});

export type Shipment = z.infer<typeof shipmentSchema>;
export type ShipmentInput = z.input<typeof shipmentSchema>;
export type ShipmentItem = z.infer<typeof shipmentItemSchema>;
export type Incoterm = z.infer<typeof incotermSchema>;
export type DutyRate = z.infer<typeof dutyRateSchema>;
export type ExchangeRate = z.infer<typeof exchangeRateSchema>;
export type Fee = z.infer<typeof feeSchema>;
export type LandedCostSettings = z.infer<typeof landedCostSettingsSchema>;
export type LandedCostSettingsInput = z.input<typeof landedCostSettingsSchema>;
export type Registration = LandedCostSettings["registrations"][number];

/**
 * Who pays a line, and when:
 * - checkout: folded into the DDP rate's price;
 * - delivery: the DAP estimate the buyer pays the carrier on delivery;
 * - sale: tax the merchant collects with the order under a seller scheme (IOSS, UK, AU…): Shopify's tax
 *   settings charge it, so it is never added to a rate;
 * - shopify: duties or taxes Shopify's own duties collection charges: shown, never folded.
 */
export type Payer = "checkout" | "delivery" | "sale" | "shopify";

export type LandedCostLine = {
  kind: "duty" | "tax" | "charge" | "fee";
  /** "Duty, 6109.10 ×2", "Import VAT on shipping", "Brokerage". */
  label: string;
  /** Index into shipment.items, or "shipping", or undefined for shipment-level lines. */
  item?: number | "shipping";
  /** Integer minor units of the shop currency. */
  amount: number;
  currency: string;
  /** The arithmetic in words: "19% of (customs value €112.00 + shipping €9.90 + duty €4.20)". */
  formula: string;
  payer: Payer;
  source:
    | RuleSource
    | { title: string; url?: undefined; confidence: "merchant"; checked?: undefined }
    /** A carrier's live quote (e.g. "UPS Landed Cost API"), with its quote id. */
    | { title: string; url?: undefined; confidence: "carrier"; checked?: undefined; quoteId?: string };
  effectiveFrom: string;
};

/** `text` stays English for logs and traces; `said`, when set, is what the admin shows in the merchant's language. */
export type LandedCostMessage = { level: "error" | "warning" | "info"; code: string; text: string; said?: Said };

export type LandedCostResult = {
  destination: string;
  province?: string;
  date: string;
  incoterm: Incoterm;
  currency: string;
  /** The regime chosen for the destination and date, e.g. "EU-2026-07". */
  regime: string;
  lines: LandedCostLine[];
  /** One sentence per charge type: why it is (not) due. */
  deMinimis: string[];
  /** Every conversion used: "USD 130.00 → EUR 112.00 at 0.8615 (ECB, 2026-11-30)". */
  conversions: string[];
  messages: LandedCostMessage[];
  /** False when a duty rate or HS code was missing: the figures are a lower bound, never a zero-duty quote. */
  complete: boolean;
  totals: {
    duties: number;
    taxes: number;
    fees: number;
    /** What a DDP rate adds to the shipping price. */
    addToRate: number;
    /** What a DAP buyer is expected to pay on delivery. */
    dueOnDelivery: number;
    /** Tax collected with the order under a seller scheme (not part of any rate). */
    collectedAtSale: number;
    /** Charged by Shopify's own duties collection (not part of any rate). */
    chargedByShopify: number;
  };
};
