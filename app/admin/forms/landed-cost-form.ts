// The landed-cost settings page's form ↔ the document's `landedCost` part. Amounts are typed as decimals in the
// shop currency and stored as minor units; everything else is validated by the document's own schema, so the
// page and `npm run waypost -- import` accept exactly the same settings. Errors use document paths
// (`landedCost.dutyRates[2].percent`) so they land next to the right input.
import { z } from "zod";
import { LandedCostConfigSchema, formatIssuePath, type LandedCostConfig } from "~/domain/shipping-config";
import { issuesToFieldErrors, type FieldError } from "~/lib/field-errors";
import { formatMoneyField, parseMoneyField, readDecimal } from "./form-units";

const text = z.string().max(500).default("");

export const REGISTRATIONS = ["IOSS", "UK", "AU", "NZ", "VOEC", "SG-OVR", "BR-PRC", "CN-CBEC", "CH-VAT"] as const;

const DutyRowSchema = z.object({
  hsPrefix: text,
  destination: text,
  origin: text,
  percent: text,
  /** Specific duties (per unit / per kg) are edited as code; the page carries them through unchanged. */
  specific: z.object({ perUnit: z.number().int().optional(), perKg: z.number().int().optional(), currency: z.string().max(3).optional() }).optional(),
  note: text,
});

export const LandedCostFormSchema = z.object({
  enabled: z.boolean().default(false),
  shopifyCollectsDuties: z.boolean().default(false),
  shopifyCollectsImportTaxes: z.boolean().default(false),
  registrations: z.array(z.enum(REGISTRATIONS)).max(REGISTRATIONS.length).default([]),
  defaultHsCode: text,
  defaultOriginCountry: text,
  dutyRates: z.array(DutyRowSchema).max(20_000).default([]),
  fees: z
    .array(z.object({ label: text, kind: z.enum(["brokerage", "disbursement", "other"]).default("brokerage"), flat: text, percent: text, minimum: text }))
    .max(20)
    .default([]),
  exchangeRates: z.array(z.object({ base: text, quote: text, rate: text, date: text, source: text })).max(500).default([]),
});
export type LandedCostForm = z.output<typeof LandedCostFormSchema>;

export const emptyDutyRow = (): LandedCostForm["dutyRates"][number] => ({ hsPrefix: "", destination: "", origin: "", percent: "", note: "" });
/** A new fee row; its label starts as a suggestion in the admin's language (landedCost.json `defaultFeeLabel`). */
export const emptyFee = (label = "Clearance fee"): LandedCostForm["fees"][number] => ({ label, kind: "brokerage", flat: "", percent: "", minimum: "" });
export const emptyExchangeRate = (currency: string): LandedCostForm["exchangeRates"][number] => ({ base: "EUR", quote: currency, rate: "", date: new Date().toISOString().slice(0, 10), source: "" });

export function landedCostToForm(settings: LandedCostConfig | undefined, currency: string): LandedCostForm {
  const s = settings ?? LandedCostConfigSchema.parse({});
  return {
    enabled: settings !== undefined,
    shopifyCollectsDuties: s.shopifyCollectsDuties,
    shopifyCollectsImportTaxes: s.shopifyCollectsImportTaxes,
    registrations: s.registrations,
    defaultHsCode: s.defaultHsCode ?? "",
    defaultOriginCountry: s.defaultOriginCountry ?? "",
    dutyRates: s.dutyRates.map((r) => ({
      hsPrefix: r.hsPrefix,
      destination: r.destination,
      origin: r.origin ?? "",
      percent: r.percent ?? "",
      note: r.note ?? "",
      ...(r.perUnit !== undefined || r.perKg !== undefined ? { specific: { perUnit: r.perUnit, perKg: r.perKg, currency: r.currency } } : {}),
    })),
    fees: s.fees.map((f) => ({ label: f.label, kind: f.kind, flat: formatMoneyField(f.flat, currency), percent: f.percentOfDutiesAndTaxes ?? "", minimum: formatMoneyField(f.minimum, currency) })),
    exchangeRates: s.exchangeRates.map((x) => ({ ...x })),
  };
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined);
/** A percent or rate as the document's decimal string: "12,5" (a comma-decimal admin) becomes "12.5"; anything the
 * shared reader cannot vouch for goes on as typed, for the document's own validation to name. */
const decimal = (s: string) => {
  const t = opt(s);
  if (t === undefined) return undefined;
  const read = readDecimal(t);
  return read.ok ? read.text : t;
};

/** The form as the document's `landedCost` (undefined when landed cost is switched off), or field errors. */
export function formToLandedCost(form: LandedCostForm, currency: string): { settings: LandedCostConfig | undefined; errors: FieldError[] } {
  if (!form.enabled) return { settings: undefined, errors: [] };
  const errors: FieldError[] = [];
  const money = (value: string, path: string) => {
    const parsed = parseMoneyField(value, currency);
    if (!parsed.ok) errors.push({ path, message: parsed.error, params: parsed.params });
    return parsed.ok ? parsed.value : undefined;
  };
  const draft = {
    shopifyCollectsDuties: form.shopifyCollectsDuties,
    shopifyCollectsImportTaxes: form.shopifyCollectsImportTaxes,
    registrations: form.registrations,
    defaultHsCode: opt(form.defaultHsCode),
    defaultOriginCountry: opt(form.defaultOriginCountry)?.toUpperCase(),
    dutyRates: form.dutyRates.map((r) => ({
      hsPrefix: r.hsPrefix.trim(),
      destination: r.destination.trim().toUpperCase(),
      origin: opt(r.origin)?.toUpperCase(),
      percent: decimal(r.percent),
      note: opt(r.note),
      ...(r.specific ?? {}),
    })),
    fees: form.fees.map((f, i) => ({
      label: f.label.trim(),
      kind: f.kind,
      flat: money(f.flat, `landedCost.fees[${i}].flat`),
      percentOfDutiesAndTaxes: decimal(f.percent),
      minimum: money(f.minimum, `landedCost.fees[${i}].minimum`),
    })),
    exchangeRates: form.exchangeRates.map((x) => ({ base: x.base.trim().toUpperCase(), quote: x.quote.trim().toUpperCase(), rate: decimal(x.rate) ?? "", date: x.date.trim(), source: x.source.trim() })),
  };
  form.fees.forEach((f, i) => {
    if (!f.flat.trim() && !f.percent.trim()) errors.push({ path: `landedCost.fees[${i}].flat`, message: "fee_amount_required" });
  });
  const parsed = LandedCostConfigSchema.safeParse(draft);
  if (!parsed.success) {
    errors.push(...issuesToFieldErrors(parsed.error.issues, (path) => formatIssuePath(["landedCost", ...path])));
  }
  return { settings: parsed.success ? parsed.data : undefined, errors };
}
