// The zone editor's form ↔ one zone of the shipping document. The form holds what the merchant typed (strings,
// decimals in the shop currency, weights in kg or lb); formToZone converts at the edge and reports typing mistakes at
// the same document paths the schema uses (`services[0].rateTable.bands[2].price`), so the page can show both kinds
// of error next to the same inputs. Validation of the whole document stays in ShippingConfigSchema.
import { z } from "zod";
import type { Condition } from "~/domain/rules";
import { LandedCostModeSchema, type ServiceConfig, type ZoneConfig } from "~/domain/shipping-config";
import type { FieldError } from "~/lib/field-errors";
import {
  type FormWeightUnit,
  type Parsed,
  formatMoneyField,
  formatPercentField,
  convertWeightField,
  displayWeightField,
  isBlank,
  parseIntField,
  parseListField,
  parseMoneyField,
  parsePercentField,
  resolveWeightField,
} from "./form-units";

const text = z.string().max(2000).default("");

export const RegionFormSchema = z.object({
  type: z.enum(["country", "province", "postal"]),
  country: text,
  province: text,
  pattern: text,
});

const storedGrams = z.number().int().nonnegative().optional();
// Weights are shown rounded to two decimals; each weight field carries the grams it was loaded with beside its text,
// so an untouched field is saved back exactly (resolveWeightField).
const carriedGrams = z.object({ min: storedGrams, max: storedGrams }).optional();

export const BandFormSchema = z.object({
  minWeight: text,
  maxWeight: text,
  minSubtotal: text,
  maxSubtotal: text,
  price: text,
  grams: carriedGrams,
});

export const CONDITION_TYPES = [
  "free_over_subtotal",
  "hide_weight_outside",
  "hide_subtotal_outside",
  "hide_if_sku",
  "hide_if_vendor",
  "hide_if_property",
] as const satisfies readonly Condition["type"][];

export const ConditionFormSchema = z.object({
  type: z.enum(CONDITION_TYPES),
  /** free_over_subtotal threshold, or the lower end of a weight/subtotal range. */
  min: text,
  max: text,
  /** SKUs or vendors, separated by commas or new lines. */
  list: text,
  key: text,
  value: text,
  /** A weight range's limits as stored. */
  grams: carriedGrams,
});

export const ServiceFormSchema = z.object({
  code: text,
  name: text,
  description: text,
  enabled: z.boolean().default(true),
  minDays: text,
  maxDays: text,
  fallbackPrice: text,
  basis: z.enum(["weight", "subtotal", "weight_and_subtotal"]).default("weight"),
  bands: z.array(BandFormSchema).max(200).default([]),
  extraPerWeight: text,
  /** The extra-weight step as stored. */
  extraGrams: storedGrams,
  extraPrice: text,
  markupPercent: text,
  handlingPerOrder: text,
  handlingPerPackage: text,
  rounding: z.enum(["none", "to_99", "to_whole"]).default("none"),
  capMin: text,
  capMax: text,
  conditions: z.array(ConditionFormSchema).max(50).default([]),
  // Carried through unchanged, so editing a zone never moves a service to another carrier.
  source: z.string().max(32).default("table"),
  carrierService: text,
  landedCost: LandedCostModeSchema.default("off"),
});

export const ZoneFormSchema = z.object({
  name: text,
  priority: text,
  weightUnit: z.enum(["kg", "lb"]).default("kg"),
  regions: z.array(RegionFormSchema).max(500).default([]),
  services: z.array(ServiceFormSchema).max(50).default([]),
});

export type RegionForm = z.output<typeof RegionFormSchema>;
export type BandForm = z.output<typeof BandFormSchema>;
export type ConditionForm = z.output<typeof ConditionFormSchema>;
export type ServiceForm = z.output<typeof ServiceFormSchema>;
export type ZoneForm = z.output<typeof ZoneFormSchema>;
/** The zone as formToZone builds it: the document's input shape, before schema defaults. */
export type ZoneDraft = Omit<ZoneConfig, "id" | "services"> & { services: ServiceConfig[] };

export const emptyRegion = (country = "US"): RegionForm => ({ type: "country", country, province: "", pattern: "" });
export const emptyBand = (): BandForm => ({ minWeight: "", maxWeight: "", minSubtotal: "", maxSubtotal: "", price: "" });
export const emptyCondition = (type: ConditionForm["type"] = "free_over_subtotal"): ConditionForm => ({ type, min: "", max: "", list: "", key: "", value: "" });

export function emptyService(): ServiceForm {
  return {
    code: "",
    name: "",
    description: "",
    enabled: true,
    minDays: "",
    maxDays: "",
    fallbackPrice: "",
    basis: "weight",
    bands: [emptyBand()],
    extraPerWeight: "",
    extraPrice: "",
    markupPercent: "",
    handlingPerOrder: "",
    handlingPerPackage: "",
    rounding: "none",
    capMin: "",
    capMax: "",
    conditions: [],
    source: "table",
    carrierService: "",
    landedCost: "off",
  };
}

/** A new zone starts with no region: a pre-filled whole country would silently shadow the shop's real zone. */
export function emptyZoneForm(weightUnit: FormWeightUnit): ZoneForm {
  return { name: "", priority: "100", weightUnit, regions: [], services: [] };
}

/** US merchants think in pounds; everyone else in kilograms. */
export function defaultWeightUnit(originCountry: string): FormWeightUnit {
  return ["US", "LR", "MM"].includes(originCountry.toUpperCase()) ? "lb" : "kg";
}

export function zoneToForm(zone: ZoneConfig, currency: string, weightUnit: FormWeightUnit): ZoneForm {
  const m = (minor?: number) => formatMoneyField(minor, currency);
  return {
    name: zone.name,
    priority: String(zone.priority),
    weightUnit,
    regions: zone.regions.map((r) => ({
      type: r.type,
      country: r.country,
      province: r.type === "province" ? r.province : "",
      pattern: r.type === "postal" ? r.pattern : "",
    })),
    services: zone.services.map((s) => ({
      code: s.code,
      name: s.name,
      description: s.description,
      enabled: s.enabled,
      landedCost: s.landedCost ?? zone.landedCost,
      minDays: s.delivery ? String(s.delivery.minDays) : "",
      maxDays: s.delivery ? String(s.delivery.maxDays) : "",
      fallbackPrice: m(s.fallbackPrice),
      basis: s.rateTable?.basis ?? "weight",
      bands: (s.rateTable?.bands ?? []).map((b) => ({
        minWeight: displayWeightField(b.minGrams, weightUnit),
        maxWeight: displayWeightField(b.maxGrams, weightUnit),
        minSubtotal: m(b.minSubtotal),
        maxSubtotal: m(b.maxSubtotal),
        price: m(b.price),
        grams: { min: b.minGrams, max: b.maxGrams },
      })),
      extraPerWeight: displayWeightField(s.rateTable?.extraWeight?.perGrams, weightUnit),
      extraGrams: s.rateTable?.extraWeight?.perGrams,
      extraPrice: m(s.rateTable?.extraWeight?.price),
      markupPercent: formatPercentField(s.rules?.markupBasisPoints),
      handlingPerOrder: s.rules?.handling.perOrder ? m(s.rules.handling.perOrder) : "",
      handlingPerPackage: s.rules?.handling.perPackage ? m(s.rules.handling.perPackage) : "",
      rounding: s.rules?.rounding ?? "none",
      capMin: m(s.rules?.caps.min),
      capMax: m(s.rules?.caps.max),
      conditions: (s.rules?.conditions ?? []).map((c) => conditionToForm(c, currency, weightUnit)),
      source: s.source,
      carrierService: s.carrierService ?? "",
    })),
  };
}

function conditionToForm(c: Condition, currency: string, unit: FormWeightUnit): ConditionForm {
  const base = emptyCondition(c.type);
  switch (c.type) {
    case "free_over_subtotal":
      return { ...base, min: formatMoneyField(c.threshold, currency) };
    case "hide_weight_outside":
      return { ...base, min: displayWeightField(c.minGrams, unit), max: displayWeightField(c.maxGrams, unit), grams: { min: c.minGrams, max: c.maxGrams } };
    case "hide_subtotal_outside":
      return { ...base, min: formatMoneyField(c.min, currency), max: formatMoneyField(c.max, currency) };
    case "hide_if_sku":
      return { ...base, list: c.skus.join(", ") };
    case "hide_if_vendor":
      return { ...base, list: c.vendors.join(", ") };
    case "hide_if_property":
      return { ...base, key: c.key, value: c.value ?? "" };
  }
}

/**
 * Builds the zone the form describes. Typing mistakes (a price that is not a number, a half-filled delivery window)
 * come back as errors at document paths relative to the zone; the zone is only usable when `errors` is empty.
 */
export function formToZone(form: ZoneForm, currency: string): { zone: ZoneDraft; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const take = <T>(parsed: Parsed<T>, path: string): T | undefined => {
    if (parsed.ok) return parsed.value;
    errors.push({ path, message: parsed.error, params: parsed.params });
    return undefined;
  };
  const unit = form.weightUnit;
  const money = (s: string, path: string) => take(parseMoneyField(s, currency), path);
  const weight = (s: string, path: string, stored?: number) => take(resolveWeightField(s, unit, stored), path);

  const priority = take(parseIntField(form.priority), "priority");
  const regions = form.regions.map((r) => {
    const country = r.country.trim().toUpperCase();
    if (r.type === "province") return { type: "province" as const, country, province: r.province };
    if (r.type === "postal") return { type: "postal" as const, country, pattern: r.pattern };
    return { type: "country" as const, country };
  });

  const services = form.services.map((s, si): ServiceConfig => {
    const at = `services[${si}]`;
    const minDays = take(parseIntField(s.minDays), `${at}.delivery.minDays`);
    const maxDays = take(parseIntField(s.maxDays), `${at}.delivery.maxDays`);
    if (isBlank(s.minDays) !== isBlank(s.maxDays)) {
      errors.push({ path: `${at}.delivery.${isBlank(s.minDays) ? "minDays" : "maxDays"}`, message: "delivery_both" });
    }
    const fallbackPrice = money(s.fallbackPrice, `${at}.fallbackPrice`);
    // A live carrier's service has no table: its (hidden) rows are neither checked nor saved.
    const isTable = !s.source || s.source === "table";
    const bands = (isTable ? s.bands : []).map((b, bi) => {
      const bp = `${at}.rateTable.bands[${bi}]`;
      const price = money(b.price, `${bp}.price`);
      if (isBlank(b.price)) errors.push({ path: `${bp}.price`, message: "enter_price" });
      return {
        minGrams: take(resolveWeightField(b.minWeight, unit, b.grams?.min), `${bp}.minGrams`),
        maxGrams: take(resolveWeightField(b.maxWeight, unit, b.grams?.max), `${bp}.maxGrams`),
        minSubtotal: money(b.minSubtotal, `${bp}.minSubtotal`),
        maxSubtotal: money(b.maxSubtotal, `${bp}.maxSubtotal`),
        price: price ?? 0,
      };
    });
    const perGrams = isTable ? weight(s.extraPerWeight, `${at}.rateTable.extraWeight.perGrams`, s.extraGrams) : undefined;
    const extraPrice = isTable ? money(s.extraPrice, `${at}.rateTable.extraWeight.price`) : undefined;
    if (isTable && isBlank(s.extraPerWeight) !== isBlank(s.extraPrice)) {
      errors.push({ path: `${at}.rateTable.extraWeight`, message: "extra_weight_both" });
    }

    const conditions = s.conditions.map((c, ci) => formToCondition(c, `${at}.rules.conditions[${ci}]`, money, weight, errors));
    const markup = take(parsePercentField(s.markupPercent), `${at}.rules.markupBasisPoints`);
    const perOrder = money(s.handlingPerOrder, `${at}.rules.handling.perOrder`);
    const perPackage = money(s.handlingPerPackage, `${at}.rules.handling.perPackage`);
    const capMin = money(s.capMin, `${at}.rules.caps.min`);
    const capMax = money(s.capMax, `${at}.rules.caps.max`);
    const hasRules =
      !!markup || !!perOrder || !!perPackage || conditions.length > 0 || s.rounding !== "none" || capMin !== undefined || capMax !== undefined;

    return {
      code: s.code.trim(),
      name: s.name,
      description: s.description,
      source: s.source || "table",
      ...(s.carrierService.trim() ? { carrierService: s.carrierService.trim() } : {}),
      enabled: s.enabled,
      ...(s.landedCost !== "off" ? { landedCost: s.landedCost } : {}),
      ...(minDays !== undefined && maxDays !== undefined ? { delivery: { minDays, maxDays } } : {}),
      ...(fallbackPrice !== undefined ? { fallbackPrice } : {}),
      ...(isTable
        ? {
            rateTable: {
              basis: s.basis,
              currency,
              bands: bands.map(stripUndefined),
              ...(perGrams !== undefined && extraPrice !== undefined ? { extraWeight: { perGrams, price: extraPrice } } : {}),
            },
          }
        : {}),
      ...(hasRules
        ? {
            rules: {
              currency,
              markupBasisPoints: markup ?? 0,
              handling: { perOrder: perOrder ?? 0, perPackage: perPackage ?? 0 },
              conditions,
              rounding: s.rounding,
              caps: stripUndefined({ min: capMin, max: capMax }),
            },
          }
        : {}),
    } as ServiceConfig;
  });

  // Each service carries its own landed-cost mode, so the zone default is off once the form has saved it.
  return { zone: { name: form.name, priority: priority ?? 100, regions: regions as ZoneConfig["regions"], services, landedCost: "off" }, errors };
}

function formToCondition(
  c: ConditionForm,
  at: string,
  money: (s: string, path: string) => number | undefined,
  weight: (s: string, path: string, stored?: number) => number | undefined,
  errors: FieldError[],
): Condition {
  const required = (value: unknown, path: string, message: string) => {
    if (value === undefined && !errors.some((e) => e.path === path)) errors.push({ path, message });
  };
  switch (c.type) {
    case "free_over_subtotal": {
      const threshold = money(c.min, `${at}.threshold`);
      required(threshold, `${at}.threshold`, "free_threshold_required");
      return { type: c.type, threshold: threshold ?? 0 };
    }
    case "hide_weight_outside": {
      const r = stripUndefined({ minGrams: weight(c.min, `${at}.minGrams`, c.grams?.min), maxGrams: weight(c.max, `${at}.maxGrams`, c.grams?.max) });
      if (r.minGrams === undefined && r.maxGrams === undefined) required(undefined, `${at}.minGrams`, "weight_range_required");
      return { type: c.type, ...r };
    }
    case "hide_subtotal_outside": {
      const r = stripUndefined({ min: money(c.min, `${at}.min`), max: money(c.max, `${at}.max`) });
      if (r.min === undefined && r.max === undefined) required(undefined, `${at}.min`, "subtotal_range_required");
      return { type: c.type, ...r };
    }
    case "hide_if_sku":
      return { type: c.type, skus: parseListField(c.list) };
    case "hide_if_vendor":
      return { type: c.type, vendors: parseListField(c.list) };
    case "hide_if_property":
      return { type: c.type, key: c.key.trim(), ...(isBlank(c.value) ? {} : { value: c.value }) };
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Switches the form's weight unit, converting every weight already typed (unparseable text is left as typed). */
export function changeWeightUnit(form: ZoneForm, to: FormWeightUnit): ZoneForm {
  if (form.weightUnit === to) return form;
  const convert = (text: string, grams?: number) => convertWeightField(text, grams, form.weightUnit, to);
  const range = <T extends { grams?: { min?: number; max?: number } }>(item: T, minText: string, maxText: string) => {
    const min = convert(minText, item.grams?.min);
    const max = convert(maxText, item.grams?.max);
    return { min: min.text, max: max.text, grams: { min: min.grams, max: max.grams } };
  };
  return {
    ...form,
    weightUnit: to,
    services: form.services.map((s) => {
      const extra = convert(s.extraPerWeight, s.extraGrams);
      return {
        ...s,
        bands: s.bands.map((b) => {
          const r = range(b, b.minWeight, b.maxWeight);
          return { ...b, minWeight: r.min, maxWeight: r.max, grams: r.grams };
        }),
        extraPerWeight: extra.text,
        extraGrams: extra.grams,
        conditions: s.conditions.map((c) => (c.type === "hide_weight_outside" ? { ...c, ...range(c, c.min, c.max) } : c)),
      };
    }),
  };
}
