// The settings page's form ↔ the shop-wide part of the shipping document (origin, currency, time zone,
// processing, dimensional-weight rule, boxes). Box sizes are typed in cm or in and kg or lb and stored as whole
// millimetres and grams; errors use document paths (`boxes[1].innerMm.l`) so they land next to the right input.
import { z } from "zod";
import type { ShippingConfig } from "~/domain/shipping-config";
import type { FieldError } from "~/lib/field-errors";
import {
  type FormLengthUnit,
  type FormWeightUnit,
  type Parsed,
  formatLengthField,
  displayWeightField,
  isBlank,
  parseIntField,
  parseLengthField,
  resolveWeightField,
} from "./form-units";

const text = z.string().max(500).default("");

const BoxFormSchema = z.object({
  name: text,
  length: text,
  width: text,
  height: text,
  maxWeight: text,
  tareWeight: text,
  isDefault: z.boolean().default(false),
  // The weights as stored, beside the rounded text shown: an untouched weight is saved back exactly (resolveWeightField).
  grams: z.object({ max: z.number().int().nonnegative().optional(), tare: z.number().int().nonnegative().optional() }).optional(),
});

export const SettingsFormSchema = z.object({
  currency: text,
  timeZone: text,
  origin: z.object({ country: text, province: text, postalCode: text, city: text, address1: text, address2: text }),
  processingDays: text,
  cutoff: text,
  workingDays: z.array(z.number().int().min(0).max(6)).max(7).default([]),
  dimRule: z.enum(["none", "ups_daily", "ups_retail", "usps"]).default("none"),
  lengthUnit: z.enum(["cm", "in"]).default("cm"),
  weightUnit: z.enum(["kg", "lb"]).default("kg"),
  boxes: z.array(BoxFormSchema).max(100).default([]),
});

export type BoxForm = z.output<typeof BoxFormSchema>;
export type SettingsForm = z.output<typeof SettingsFormSchema>;

/** The billable-weight rules the settings page offers (labels: settings.json dimRules). */
export const DIM_RULES = ["none", "ups_daily", "ups_retail", "usps"] as const;

export const emptyBox = (): BoxForm => ({ name: "", length: "", width: "", height: "", maxWeight: "", tareWeight: "", isDefault: false });

export function settingsToForm(config: ShippingConfig, lengthUnit: FormLengthUnit, weightUnit: FormWeightUnit): SettingsForm {
  const o = config.origin;
  return {
    currency: config.currency,
    timeZone: config.timeZone,
    origin: { country: o.country, province: o.province ?? "", postalCode: o.postalCode ?? "", city: o.city ?? "", address1: o.address1 ?? "", address2: o.address2 ?? "" },
    processingDays: String(config.processing.days),
    cutoff: config.processing.cutoff,
    workingDays: [...config.processing.workingDays].sort(),
    dimRule: config.dimRule,
    lengthUnit,
    weightUnit,
    boxes: config.boxes.map((b) => ({
      name: b.name,
      length: formatLengthField(b.innerMm.l, lengthUnit),
      width: formatLengthField(b.innerMm.w, lengthUnit),
      height: formatLengthField(b.innerMm.h, lengthUnit),
      maxWeight: displayWeightField(b.maxGrams, weightUnit),
      tareWeight: b.tareGrams ? displayWeightField(b.tareGrams, weightUnit) : "",
      isDefault: b.default,
      grams: { max: b.maxGrams, tare: b.tareGrams || undefined },
    })),
  };
}

/**
 * Applies the form to `current`, keeping its zones. A currency change is refused while zones have services,
 * because their tables hold amounts in the old currency's minor units and cannot be converted without a rate.
 */
export function applySettingsForm(current: ShippingConfig, form: SettingsForm): { config: ShippingConfig; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const take = <T>(p: Parsed<T>, path: string): T | undefined => {
    if (p.ok) return p.value;
    errors.push({ path, message: p.error, params: p.params });
    return undefined;
  };
  const required = (value: number | undefined, path: string, text: string) => {
    if (value === undefined && isBlank(text)) errors.push({ path, message: "required" });
    else if (value === 0) errors.push({ path, message: "positive_required" });
    return value ?? 0;
  };
  const currency = form.currency.trim().toUpperCase();
  const priced = current.zones.some((z) => z.services.length > 0);
  if (currency !== current.currency && priced) {
    errors.push({
      path: "currency",
      message: "currency_locked",
      params: { current: current.currency, next: currency },
    });
  }
  const boxes = form.boxes.map((b, i) => {
    const at = `boxes[${i}]`;
    const mm = (key: "length" | "width" | "height", axis: "l" | "w" | "h") =>
      required(take(parseLengthField(b[key], form.lengthUnit), `${at}.innerMm.${axis}`), `${at}.innerMm.${axis}`, b[key]);
    return {
      name: b.name,
      innerMm: { l: mm("length", "l"), w: mm("width", "w"), h: mm("height", "h") },
      maxGrams: required(take(resolveWeightField(b.maxWeight, form.weightUnit, b.grams?.max), `${at}.maxGrams`), `${at}.maxGrams`, b.maxWeight),
      tareGrams: take(resolveWeightField(b.tareWeight, form.weightUnit, b.grams?.tare), `${at}.tareGrams`) ?? 0,
      default: b.isDefault,
    };
  });
  const days = take(parseIntField(form.processingDays), "processing.days");
  const o = form.origin;
  const opt = (s: string) => (isBlank(s) ? undefined : s.trim());
  const config = {
    ...current,
    currency,
    timeZone: form.timeZone.trim(),
    origin: {
      country: o.country.trim().toUpperCase(),
      province: opt(o.province)?.toUpperCase(),
      postalCode: opt(o.postalCode),
      city: opt(o.city),
      address1: opt(o.address1),
      address2: opt(o.address2),
    },
    processing: { days: days ?? 0, cutoff: form.cutoff.trim(), workingDays: [...new Set(form.workingDays)].sort() },
    dimRule: form.dimRule,
    boxes,
  } as ShippingConfig;
  return { config, errors };
}
