// Pure: Domestic / International Prices v3 answers → per-class USPS prices → carrier-neutral RateResult.
// Schemas cover only what we read; `passthrough` because USPS adds fields between minor versions.
import { z } from "zod";
import type { CarrierMessage, Quote, RateResult } from "../carrier";
import type { UspsPackageFacts } from "./package-facts";
import { dollarsToCents } from "./units";

// USPS sends JSON numbers; a numeric string is accepted too rather than losing a whole answer over it.
const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
const WarningSchema = z.object({ warningCode: z.string().optional(), warningDescription: z.string().optional() }).passthrough();

export const UspsRateDetailsSchema = z
  .object({
    SKU: z.string().optional(),
    description: z.string().optional(),
    priceType: z.string().optional(),
    price: num,
    weight: num.optional(),
    dimWeight: num.optional(),
    fees: z.array(z.object({ name: z.string().optional(), SKU: z.string().optional(), price: num.optional() }).passthrough()).optional(),
    mailClass: z.string(),
    endDate: z.string().optional(),
    zone: z.string().optional(),
    productName: z.string().optional(),
    productDefinition: z.string().optional(),
    processingCategory: z.string().optional(),
    rateIndicator: z.string().optional(),
    destinationEntryFacilityType: z.string().optional(),
    warnings: z.array(WarningSchema).optional(),
  })
  .passthrough();

// Shipping Options answers carry a delivery commitment per rate option (shipping-options.yaml Commitment).
const CommitmentSchema = z
  .object({ name: z.string().optional(), expectedDeliveryDate: z.string().optional(), scheduleDeliveryDate: z.string().optional(), guaranteedDelivery: z.boolean().optional() })
  .passthrough();

export const UspsRateOptionSchema = z
  .object({
    commitment: CommitmentSchema.optional(),
    totalBasePrice: num.optional(),
    totalPrice: num.optional(),
    rates: z.array(UspsRateDetailsSchema).min(1),
    extraServices: z.array(z.object({ warnings: z.array(WarningSchema).optional() }).passthrough()).optional(),
  })
  .passthrough();

/** total-rates/search (domestic and international) and base-rates-list/search. */
export const UspsTotalRatesResultSchema = z.object({ rateOptions: z.array(UspsRateOptionSchema) }).passthrough();
/** base-rates/search. */
export const UspsBaseRatesResultSchema = z.object({ totalBasePrice: num, rates: z.array(UspsRateDetailsSchema).min(1) }).passthrough();

export interface UspsPrice {
  mailClass: string;
  cents: number;
  zone?: string;
  weight?: number;
  dimWeight?: number;
  rateIndicator?: string;
  priceType?: string;
  fees: { name: string; cents: number }[];
  warnings: { code: string; description: string }[];
  transitDays?: { min: number; max: number };
  /** Last day the price is valid (USPS `endDate`); blank when USPS has not announced a change. */
  endDate?: string;
  /** From a Shipping Options commitment: the date USPS expects delivery (YYYY-MM-DD). */
  expectedDeliveryDate?: string;
}

// Flat-rate, cubic, tray and presort indicators need packaging or volumes a checkout parcel does not have.
const PARCEL_INDICATORS = new Set(["SP", "DR", "DN", "PA", "OS"]);
const PARCEL_CATEGORIES = new Set([undefined, "MACHINABLE", "NONSTANDARD", "NON_MACHINABLE", "IRREGULAR"]);

/** "1-3 day specific delivery…" / "2–5 business days" → {min, max}; undefined when the text names no days. */
export function transitDaysFrom(text: string | undefined): { min: number; max: number } | undefined {
  if (!text) return undefined;
  const range = /(\d+)\s*[-–]\s*(\d+)\s*(?:business\s+)?days?\b/i.exec(text);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  const single = /(\d+)\s*(?:business\s+)?days?\b/i.exec(text);
  return single ? { min: Number(single[1]), max: Number(single[1]) } : undefined;
}

function toPrice(option: z.output<typeof UspsRateOptionSchema>): UspsPrice {
  const main = option.rates[0];
  const expected = option.commitment?.expectedDeliveryDate ?? option.commitment?.scheduleDeliveryDate;
  // totalBasePrice already includes fees; without it, add them ourselves.
  const total = option.totalBasePrice ?? option.rates.reduce((s, r) => s + r.price + (r.fees ?? []).reduce((f, x) => f + (x.price ?? 0), 0), 0);
  const warnings = [...option.rates.flatMap((r) => r.warnings ?? []), ...(option.extraServices ?? []).flatMap((e) => e.warnings ?? [])];
  return {
    mailClass: main.mailClass,
    cents: dollarsToCents(total),
    zone: main.zone,
    weight: main.weight,
    dimWeight: main.dimWeight,
    rateIndicator: main.rateIndicator,
    priceType: main.priceType,
    fees: option.rates.flatMap((r) => r.fees ?? []).map((f) => ({ name: f.name ?? f.SKU ?? "fee", cents: dollarsToCents(f.price ?? 0) })),
    warnings: dedupe(warnings.map((w) => ({ code: w.warningCode ?? "", description: w.warningDescription ?? "" }))),
    // A commitment ("2 Days") is USPS's own promise for this lane; the product text is only a class-wide range.
    transitDays: transitDaysFrom(option.commitment?.name) ?? transitDaysFrom(main.productDefinition),
    ...(expected ? { expectedDeliveryDate: expected } : {}),
    ...(main.endDate ? { endDate: main.endDate } : {}),
  };
}

const dedupe = (ws: { code: string; description: string }[]) => ws.filter((w, i) => ws.findIndex((o) => o.code === w.code) === i);

/**
 * One price per wanted class: the parcel option whose rate indicator matches the package (SP / DR; PA for
 * Express), else the cheapest parcel option. Flat-rate and cubic options are never chosen.
 */
export function pickPrices(options: z.output<typeof UspsRateOptionSchema>[], wanted: readonly string[], facts: Pick<UspsPackageFacts, "rateIndicator">): Map<string, UspsPrice> {
  const best = new Map<string, { price: UspsPrice; exact: boolean }>();
  for (const option of options) {
    const main = option.rates[0];
    if (!wanted.includes(main.mailClass)) continue;
    if (main.rateIndicator && !PARCEL_INDICATORS.has(main.rateIndicator)) continue;
    if (!PARCEL_CATEGORIES.has(main.processingCategory)) continue;
    if (main.destinationEntryFacilityType && !["NONE", "INTERNATIONAL_SERVICE_CENTER"].includes(main.destinationEntryFacilityType)) continue;
    const price = toPrice(option);
    const exact = main.rateIndicator === facts.rateIndicator || (facts.rateIndicator === "SP" && main.rateIndicator === "PA");
    const prev = best.get(main.mailClass);
    if (!prev || (exact && !prev.exact) || (exact === prev.exact && price.cents < prev.price.cents)) best.set(main.mailClass, { price, exact });
  }
  return new Map([...best].map(([k, v]) => [k, v.price]));
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; detail: string };

export function parseTotalRates(body: unknown): Parsed<z.output<typeof UspsTotalRatesResultSchema>> {
  const r = UspsTotalRatesResultSchema.safeParse(body);
  return r.success ? { ok: true, value: r.data } : { ok: false, detail: r.error.issues.slice(0, 2).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ") };
}

export function parseBaseRates(body: unknown): Parsed<UspsPrice> {
  const r = UspsBaseRatesResultSchema.safeParse(body);
  if (!r.success) return { ok: false, detail: r.error.issues.slice(0, 2).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ") };
  return { ok: true, value: toPrice({ totalBasePrice: r.data.totalBasePrice, rates: r.data.rates }) };
}

const CONTRACT_NOT_FOUND = "001";

/**
 * Per-package prices → quotes. A class is quoted only when every package got a price, because a partial sum
 * would undercharge. Warning 001 (contract rate not found, published price returned) is surfaced so the
 * merchant sees why the price is not their contract price.
 */
export function toRateResult(perPackage: Map<string, UspsPrice>[], wanted: readonly string[], currency: string): RateResult {
  const quotes: Quote[] = [];
  const messages: CarrierMessage[] = [];
  for (const mailClass of wanted) {
    const prices = perPackage.map((m) => m.get(mailClass));
    if (prices.some((p) => !p)) continue;
    const list = prices as UspsPrice[];
    const transit = list.map((p) => p.transitDays).filter((t): t is { min: number; max: number } => !!t);
    quotes.push({
      serviceCode: mailClass,
      price: { amount: list.reduce((s, p) => s + p.cents, 0), currency },
      ...(transit.length === list.length && transit.length > 0
        ? { transitDays: { min: Math.max(...transit.map((t) => t.min)), max: Math.max(...transit.map((t) => t.max)) } }
        : {}),
    });
    for (const w of dedupe(list.flatMap((p) => p.warnings))) {
      messages.push({
        level: "warning",
        code: w.code === CONTRACT_NOT_FOUND ? "usps_contract_rate_not_found" : `usps_warning_${w.code || "unknown"}`,
        message: w.description || "USPS returned a warning",
        serviceCode: mailClass,
      });
    }
  }
  return { quotes, messages };
}
