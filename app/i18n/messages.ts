// Server messages (keys + values, see app/lib/field-errors.ts) as sentences in the merchant's language, with the
// field's label and amounts in the shop's units. Pure apart from the `t` it is given, so it is unit-tested.
import type { TFunction } from "i18next";
import { formatMoney, formatNumber, formatWeightIn, type DisplayWeightUnit } from "~/lib/format";
import type { FieldError, MessageParams } from "~/lib/field-errors";

export interface UnitContext {
  locale: string;
  currency: string;
  weightUnit: DisplayWeightUnit;
}

// What a field holds decides how its limits read: grams in the shop's unit, minor units in its currency.
const WEIGHT_FIELD = /grams$/i;
const MONEY_FIELDS = new Set(["price", "fallbackPrice", "threshold", "minSubtotal", "maxSubtotal", "perOrder", "perPackage", "flat", "minimum"]);

/** `services[0].rateTable.bands[2].minGrams` → "minGrams"; `boxes[0].innerMm.l` → "innerMm.l". */
export function fieldName(path: string): string {
  const parts = path.split(".").map((p) => p.replace(/\[\d+\]$/, ""));
  const last = parts[parts.length - 1] ?? "";
  return last.length === 1 && parts.length > 1 ? `${parts[parts.length - 2]}.${last}` : last;
}

function formatParams(path: string, params: MessageParams | undefined, ctx: UnitContext): Record<string, string | number> {
  const field = fieldName(path);
  const parent = path.split(".").at(-2)?.replace(/\[\d+\]$/, "");
  const isMoney = MONEY_FIELDS.has(field) || (parent === "caps" && (field === "min" || field === "max"));
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (typeof v !== "number") out[k] = v;
    else if (/Grams$/.test(k) || ((k === "min" || k === "max") && WEIGHT_FIELD.test(field))) out[k.replace(/Grams$/, "")] = formatWeightIn(v, ctx.weightUnit, ctx.locale);
    else if (/Minor$/.test(k) || ((k === "min" || k === "max") && isMoney)) out[k.replace(/Minor$/, "")] = formatMoney(v, ctx.currency, ctx.locale);
    else if (k === "count") out[k] = v;
    else out[k] = formatNumber(v, ctx.locale);
  }
  return out;
}

/** The label of the field an error is about ("Fallback price"), or "This field" when the path names none. */
export function fieldLabel(t: TFunction, path: string): string {
  const name = fieldName(path);
  return name ? t(`errors:fields.${name}`, { defaultValue: t("errors:fields.this") }) : t("errors:fields.this");
}

/**
 * One error as a sentence. A message that is not a key (an English text from a part of the app that has no keys
 * yet, such as a carrier's own words) is shown as it came.
 */
export function errorText(t: TFunction, e: FieldError, ctx: UnitContext, exists: (key: string) => boolean): string {
  const key = `errors:${e.message}`;
  if (!exists(key)) return e.message;
  return t(key, { ...formatParams(e.path, e.params, ctx), field: fieldLabel(t, e.path) });
}

/** Every error of a result as sentences, ready for the page's fields (errorAt) and banners. */
export function translateErrors(t: TFunction, errors: readonly FieldError[] | undefined, ctx: UnitContext, exists: (key: string) => boolean): FieldError[] {
  return (errors ?? []).map((e) => ({ path: e.path, message: errorText(t, e, ctx, exists) }));
}

const PATH_WORDS = new Set(["services", "regions", "bands", "conditions", "boxes", "zones", "rateTable", "rules", "extraWeight", "delivery", "handling", "caps", "fees", "dutyRates"]);

/** `services[0].rateTable.bands[2].price` → "Service 1 › Rate table › Band 3 › Price", for banners. */
export function describePath(t: TFunction, path: string): string {
  if (!path) return t("errors:path.zone");
  // "boxes[0].innerMm.l": a one-letter part belongs to the part before it ("innerMm.l", "Inside length").
  const parts = path.split(".").reduce<string[]>((out, part) => (part.length === 1 && out.length ? [...out.slice(0, -1), `${out.at(-1)}.${part}`] : [...out, part]), []);
  return parts
    .map((part) => {
      const m = /^(\w+)\[(\d+)\]$/.exec(part);
      if (m) return PATH_WORDS.has(m[1]) ? t(`errors:path.${m[1]}`, { n: Number(m[2]) + 1 }) : `${m[1]} ${Number(m[2]) + 1}`;
      if (PATH_WORDS.has(part)) return t(`errors:path.${part}`);
      return t(`errors:fields.${part}`, { defaultValue: part });
    })
    .join(" › ");
}
