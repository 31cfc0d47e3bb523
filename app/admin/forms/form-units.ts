// Conversions between what a merchant types (decimals in their currency, kg or lb, cm or in) and what the
// document stores (integer minor units, whole grams, whole millimetres). Pure, so forms can use it in the browser.
// Parsers return either a value or a message for the field; blank input is "absent", never zero.
import { minorToDecimalString, parseDecimalToMinor } from "~/domain/money";
import { GRAMS_PER_POUND, MM_PER_INCH } from "~/domain/units";

export type FormWeightUnit = "kg" | "lb";
export type FormLengthUnit = "cm" | "in";

/** A failure is a message key of the `errors` namespace and its values (see app/lib/field-errors.ts). */
export type Parsed<T> = { ok: true; value: T | undefined } | { ok: false; error: string; params?: Record<string, string | number> };

/** A decimal as typed: digits with at most one decimal mark, a point or a comma. */
const DECIMAL = /^\s*(\d*)(?:([.,])(\d*))?\s*$/;
const blank = (s: string | undefined | null) => s === undefined || s === null || s.trim() === "";
/** Decimal with at most `places` digits, without float noise or trailing zeros. */
const show = (n: number, places: number) => String(Number(n.toFixed(places)));

const GRAMS_PER: Record<FormWeightUnit, number> = { kg: 1000, lb: GRAMS_PER_POUND };
const MM_PER: Record<FormLengthUnit, number> = { cm: 10, in: MM_PER_INCH };

/**
 * A typed decimal with a point: "7,50" and "7.50" are both 7.50, because most of our languages (fr, de, pt-BR, id)
 * write a decimal comma and many Mexican merchants type one too. Thousands separators are never accepted, so one
 * mark is always the decimal mark, except "1,500": in English, Chinese and Mexican Spanish that is fifteen hundred,
 * so it is refused with both readings rather than silently taken as 1.5. A leading zero ("0,500") or any other
 * number of decimals ("1,50", "1,5000") cannot be a thousands group. A point is always the decimal mark (as before).
 */
export function readDecimal(text: string): { ok: true; text: string } | { ok: false; ambiguous?: { thousands: string; decimal: string } } {
  const m = DECIMAL.exec(text);
  if (!m || (!m[1] && !m[3])) return { ok: false };
  const [, whole, mark, fraction = ""] = m;
  if (mark === "," && /^[1-9]\d{0,2}$/.test(whole) && fraction.length === 3) return { ok: false, ambiguous: { thousands: `${whole}${fraction}`, decimal: `${whole}.${fraction}` } };
  return { ok: true, text: mark ? `${whole}.${fraction}` : whole };
}

/** The parse failure for text that is not a decimal: the field's own message, or the ambiguous-comma one. */
function notDecimal(read: { ok: false; ambiguous?: { thousands: string; decimal: string } }, error: string, params?: Record<string, string>): Parsed<never> {
  return read.ambiguous ? { ok: false, error: "decimal_ambiguous", params: read.ambiguous } : { ok: false, error, ...(params ? { params } : {}) };
}

/** "1.5" kg → 1500 g; lb rounds to the nearest gram. Three decimals of lb round-trip exactly through grams. */
export function parseWeightField(text: string, unit: FormWeightUnit): Parsed<number> {
  if (blank(text)) return { ok: true, value: undefined };
  const read = readDecimal(text);
  if (!read.ok) return notDecimal(read, "enter_weight", { unit });
  return { ok: true, value: Math.round(Number(read.text) * GRAMS_PER[unit]) };
}

/**
 * The shortest decimal (at most three places) that parses back to the same grams: 4990 g → "11" lb, not "11.001"
 * (11 lb is 4989.5 g, stored as 4990), so a value the merchant typed comes back as they typed it. Three places
 * always round-trip, so nothing is lost when the short forms do not.
 */
export function formatWeightField(grams: number | undefined | null, unit: FormWeightUnit): string {
  if (grams === undefined || grams === null) return "";
  for (const places of [0, 1, 2]) {
    const text = show(grams / GRAMS_PER[unit], places);
    if (Math.round(Number(text) * GRAMS_PER[unit]) === grams) return text;
  }
  return show(grams / GRAMS_PER[unit], 3);
}

/**
 * A stored weight as people read it: kg and lb to two decimals, trailing zeros dropped (5000 g → "11.02" lb, 454 g →
 * "1" lb). It does not round-trip to the same grams, so a form that shows it also carries the grams (see below).
 */
export function displayWeightField(grams: number | undefined | null, unit: FormWeightUnit): string {
  return grams === undefined || grams === null ? "" : show(grams / GRAMS_PER[unit], 2);
}

/**
 * The grams a weight field means. `storedGrams` is what the form was loaded with: while the text is still exactly
 * what displayWeightField showed for it, the merchant has not touched the field and the stored grams are kept, so
 * saving a form never moves a limit by the display rounding. Any other text is parsed as typed (half-up to whole
 * grams). The check is against the display of `storedGrams`, so a client cannot smuggle in grams the text does not show.
 */
export function resolveWeightField(text: string, unit: FormWeightUnit, storedGrams?: number): Parsed<number> {
  const read = readDecimal(text);
  // Compared without the decimal mark's form: the page may show "11,02" where the form was loaded with "11.02".
  if (storedGrams !== undefined && read.ok && read.text === displayWeightField(storedGrams, unit)) return { ok: true, value: storedGrams };
  return parseWeightField(text, unit);
}

/** A weight field moved to another unit: the text is redisplayed and the grams it stands for are carried with it. */
export function convertWeightField(text: string, storedGrams: number | undefined, from: FormWeightUnit, to: FormWeightUnit): { text: string; grams?: number } {
  const parsed = resolveWeightField(text, from, storedGrams);
  if (!parsed.ok || parsed.value === undefined) return { text };
  return { text: displayWeightField(parsed.value, to), grams: parsed.value };
}

/**
 * "30.5" cm → 305 mm, kept to 0.1 mm: 12 in must stay 304.8 mm, because carriers round every fraction of an inch
 * up, and 305 mm would be billed as 13 in.
 */
export function parseLengthField(text: string, unit: FormLengthUnit): Parsed<number> {
  if (blank(text)) return { ok: true, value: undefined };
  const read = readDecimal(text);
  if (!read.ok) return notDecimal(read, "enter_length", { unit });
  return { ok: true, value: Math.round(Number(read.text) * MM_PER[unit] * 10) / 10 };
}

export function formatLengthField(mm: number | undefined | null, unit: FormLengthUnit): string {
  return mm === undefined || mm === null ? "" : show(mm / MM_PER[unit], 2);
}

/** "12.50" USD → 1250; negative amounts are refused (no price in the setup may be negative). */
export function parseMoneyField(text: string, currency: string): Parsed<number> {
  if (blank(text)) return { ok: true, value: undefined };
  const read = readDecimal(text);
  if (!read.ok) return notDecimal(read, "enter_amount", { currency });
  return { ok: true, value: parseDecimalToMinor(read.text, currency) };
}

export function formatMoneyField(minor: number | undefined | null, currency: string): string {
  return minor === undefined || minor === null ? "" : minorToDecimalString(minor, currency);
}

/** "10" → 1000 basis points, "-12.5" → -1250; hundredths of a percent, rounded half away from zero. */
export function parsePercentField(text: string): Parsed<number> {
  if (blank(text)) return { ok: true, value: undefined };
  const m = /^\s*([+-])?\s*([^%]*?)\s*%?\s*$/.exec(text);
  const read = readDecimal(m?.[2] ?? "");
  if (!m || !read.ok) return notDecimal(read.ok ? { ok: false } : read, "enter_percent");
  // Two decimals of a percent are basis points, the same arithmetic as cents of a two-decimal currency.
  const bp = parseDecimalToMinor(read.text, "USD");
  return { ok: true, value: m[1] === "-" ? -bp : bp };
}

export function formatPercentField(basisPoints: number | undefined | null): string {
  return basisPoints === undefined || basisPoints === null || basisPoints === 0 ? "" : show(basisPoints / 100, 2);
}

/** Whole non-negative numbers such as days or a priority. */
export function parseIntField(text: string): Parsed<number> {
  if (blank(text)) return { ok: true, value: undefined };
  // "-1" is a whole number, just below the minimum: say so rather than "enter a whole number".
  if (/^\s*-\s*\d+\s*$/.test(text)) return { ok: false, error: "number_min", params: { min: 0 } };
  if (!/^\s*\d+\s*$/.test(text)) return { ok: false, error: "whole_number" };
  return { ok: true, value: Number(text) };
}

/** "a, b\nc" → ["a", "b", "c"]: lists typed into one field, separated by commas or new lines. */
export function parseListField(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function isBlank(text: string | undefined | null): boolean {
  return blank(text);
}

/** The units a shop's forms default to: imperial for the countries that ship in pounds and inches, else metric. */
export function shopFormUnits(weightUnit: FormWeightUnit): { weightUnit: FormWeightUnit; lengthUnit: FormLengthUnit } {
  return { weightUnit, lengthUnit: weightUnit === "lb" ? "in" : "cm" };
}

/** Shopify's shop `weightUnit` (GRAMS, KILOGRAMS, OUNCES, POUNDS) as the unit our forms use. */
export function formUnitOfShopify(weightUnit: string | null | undefined): FormWeightUnit | undefined {
  if (weightUnit === "POUNDS" || weightUnit === "OUNCES") return "lb";
  if (weightUnit === "KILOGRAMS" || weightUnit === "GRAMS") return "kg";
  return undefined;
}

/** The decimal mark of an admin language: "," for fr, de, pt-BR and id; "." for en, zh-CN and es-MX. */
export function decimalMark(locale: string): "." | "," {
  try {
    return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value === "," ? "," : ".";
  } catch {
    return ".";
  }
}

/**
 * A form value as the page shows it: "7.50" reads "7,50" where the language writes a decimal comma. Forms keep
 * whatever the merchant typed (readDecimal takes either mark), so only the shown text changes.
 */
export function localizeDecimal(text: string, mark: "." | ","): string {
  return mark === "," && /^\s*[+-]?\d*\.\d*\s*%?\s*$/.test(text) ? text.replace(".", ",") : text;
}
