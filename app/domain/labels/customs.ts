// Pure: an international package's customs form from the order's lines and the merchant's product data (HS code,
// country of origin) with the line's price as the customs value. Anything USPS would need and we do not have is
// refused here, per product and per field, so the merchant learns which product to fix before any postage is paid.
import type { CustomsForm, CustomsItem } from "~/carriers/labels";

export interface CustomsLine {
  title: string;
  sku?: string | null;
  variantId?: string | null;
  quantity: number;
  unitGrams: number;
  /** Minor units of `currency`; null when Shopify gave no price. */
  unitPrice: number | null;
  currency: string;
  /** What Shopify's inventory item says; Waypost's own product data wins over it. */
  shopifyHsCode?: string | null;
  shopifyOrigin?: string | null;
}

export interface ProductCustomsData {
  hsCode: string | null;
  countryOfOrigin: string | null;
}

/** Each key is an i18n key under labels:refusal; `product` names the line, `value` the offending input. */
export type CustomsProblemKey = "missingHsCode" | "invalidHsCode" | "missingOrigin" | "invalidOrigin" | "missingValue" | "notUsd" | "vagueDescription" | "tooManyItems" | "needsItn";

export interface CustomsProblem {
  key: CustomsProblemKey;
  product: string;
  value?: string;
}

export type BuiltCustoms = { ok: true; customs: CustomsForm } | { ok: false; problems: CustomsProblem[] };

/** One customs territory for US mail: the states, the territories and the freely associated states (DMM 608.2). */
const US_MAIL = new Set(["US", "PR", "VI", "GU", "AS", "MP", "UM", "FM", "MH", "PW"]);

/** True when a package from `from` to `to` crosses a customs border and needs a customs form. */
export function needsCustoms(from: string, to: string): boolean {
  const a = from.toUpperCase();
  const b = to.toUpperCase();
  return a !== b && !(US_MAIL.has(a) && US_MAIL.has(b));
}

/** USPS: at most 30 content lines per customs form. */
export const MAX_CUSTOMS_ITEMS = 30;
/** USPS declares values in US dollars only (itemTotalValue is USD). */
export const CUSTOMS_CURRENCY = "USD";
/** Foreign Trade Regulations 30.37(a): up to $2,500 per Schedule B number needs no AES filing. */
export const AES_EXEMPT_LIMIT = 250_000;
/** Descriptions USPS refuses as too vague (ShippingContents.itemDescription). */
const VAGUE = new Set(["none", "not applicable", "n/a", "null", "gift", "merchandise"]);

/** "6109.10.0012" → "6109100012"; null when it is not 6–10 digits (HS chapter+heading+subheading at least). */
export function normalizeHsCode(raw: string | null | undefined): string | null {
  const digits = (raw ?? "").replace(/[\s.-]/g, "");
  return /^\d{6,10}$/.test(digits) ? digits : null;
}

const present = (v: string | null | undefined) => (v ?? "").trim() !== "";

export function buildCustoms(lines: CustomsLine[], products: ReadonlyMap<string, ProductCustomsData>): BuiltCustoms {
  const problems: CustomsProblem[] = [];
  const items: CustomsItem[] = [];
  const shipped = lines.filter((l) => l.quantity > 0);
  if (shipped.length > MAX_CUSTOMS_ITEMS) problems.push({ key: "tooManyItems", product: "", value: String(shipped.length) });
  for (const line of shipped) {
    const product = line.sku ? `${line.title} (${line.sku})` : line.title;
    const ours = line.variantId ? products.get(line.variantId) : undefined;
    const rawHs = present(ours?.hsCode) ? ours!.hsCode : line.shopifyHsCode;
    const rawOrigin = (present(ours?.countryOfOrigin) ? ours!.countryOfOrigin : line.shopifyOrigin)?.trim().toUpperCase();
    const hsCode = normalizeHsCode(rawHs);
    if (!present(rawHs)) problems.push({ key: "missingHsCode", product });
    else if (!hsCode) problems.push({ key: "invalidHsCode", product, value: rawHs!.trim() });
    if (!rawOrigin) problems.push({ key: "missingOrigin", product });
    else if (!/^[A-Z]{2}$/.test(rawOrigin)) problems.push({ key: "invalidOrigin", product, value: rawOrigin });
    if (line.unitPrice === null || line.unitPrice <= 0) problems.push({ key: "missingValue", product });
    else if (line.currency !== CUSTOMS_CURRENCY) problems.push({ key: "notUsd", product, value: line.currency });
    if (VAGUE.has(line.title.trim().toLowerCase())) problems.push({ key: "vagueDescription", product, value: line.title.trim() });
    if (hsCode && rawOrigin && line.unitPrice) {
      items.push({ description: line.title.trim().slice(0, 30), quantity: line.quantity, unitValue: line.unitPrice, unitGrams: line.unitGrams, hsCode, originCountry: rawOrigin, ...(line.sku ? { sku: line.sku } : {}) });
    }
  }
  if (problems.length === 0) {
    const byHs = new Map<string, number>();
    for (const i of items) byHs.set(i.hsCode, (byHs.get(i.hsCode) ?? 0) + i.unitValue * i.quantity);
    for (const [hs, total] of byHs) {
      if (total > AES_EXEMPT_LIMIT) problems.push({ key: "needsItn", product: items.filter((i) => i.hsCode === hs).map((i) => i.description).join(", "), value: hs });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, customs: { contentType: "MERCHANDISE", currency: CUSTOMS_CURRENCY, items } };
}

/** English, for logs, the CSV and lastError; the admin shows the translated labels:refusal.<key> instead. */
export const CUSTOMS_PROBLEM_TEXT: Record<CustomsProblemKey, string> = {
  missingHsCode: "{{product}} has no HS code: add one under Product data",
  invalidHsCode: "{{product}} has the HS code {{value}}, which is not 6 to 10 digits",
  missingOrigin: "{{product}} has no country of origin: add one under Product data",
  invalidOrigin: "{{product}} has the country of origin {{value}}, which is not a two-letter country code",
  missingValue: "{{product}} has no price to declare as its customs value",
  notUsd: "{{product}} is priced in {{value}}; USPS customs values must be in US dollars",
  vagueDescription: "{{product}}: USPS refuses the description {{value}} on a customs form; rename the product",
  tooManyItems: "The order has {{value}} different items; a USPS customs form holds at most 30",
  needsItn: "{{product}} (HS {{value}}) is worth more than $2,500: file in AES and ship it with the ITN at usps.com",
};

export const customsProblemText = (p: CustomsProblem) => CUSTOMS_PROBLEM_TEXT[p.key].replace("{{product}}", p.product).replace("{{value}}", p.value ?? "");
