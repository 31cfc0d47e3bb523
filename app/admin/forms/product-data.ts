// Per-variant shipping data as the merchant edits it (dimensions in cm or in, HS code, country of origin), and
// the warnings that tell them which variants will be rated badly. Pure: the page and the service share it.
import { z } from "zod";
import type { DimensionsMm } from "~/domain/units";
import { type FieldError } from "~/lib/field-errors";
import { type FormLengthUnit, type FormWeightUnit, type Parsed, isBlank, parseLengthField, parseWeightField } from "./form-units";

/** Parcels over 11 in (279.4 mm) on any side are billed by dimensional weight by UPS/FedEx and USPS ground. */
const DIM_SIDE_LIMIT_MM = 279.4;

export interface VariantRow {
  productId: string;
  productTitle: string;
  variantId: string;
  variantTitle: string;
  sku: string | null;
  /** Weight Shopify holds for the variant, in grams; null when none is set. */
  shopifyGrams: number | null;
  /** The unit the merchant weighs this variant in on Shopify (its `weightUnit`); null when it has no weight. */
  shopifyWeightUnit: FormWeightUnit | null;
  /** Our ProductShippingData for the variant, when the merchant has saved some. */
  data: {
    weightGrams: number | null;
    dimensionsMm: DimensionsMm | null;
    hsCode: string | null;
    countryOfOrigin: string | null;
  } | null;
}

type WarningKind = "no_weight" | "oversize" | "no_dimensions" | "no_customs";
interface ProductWarning {
  variantId: string;
  title: string;
  kind: WarningKind;
  /** English, for logs; the admin says it per kind in the merchant's language (products.json warnings). */
  message: string;
  /** no_customs: what the variant lacks. */
  missing?: ("hs_code" | "origin")[];
}

export const variantTitle = (v: Pick<VariantRow, "productTitle" | "variantTitle">) =>
  v.variantTitle && v.variantTitle !== "Default Title" ? `${v.productTitle} — ${v.variantTitle}` : v.productTitle;

/** The grams rating will use: ours when set, else Shopify's. */
export const effectiveGrams = (v: VariantRow) => (v.data?.weightGrams ?? 0) > 0 ? v.data!.weightGrams! : (v.shopifyGrams ?? 0);

/**
 * `landedCost`: the shop's defaults, passed only when a service uses landed cost; then variants missing an HS code
 * or country of origin that no default fills are listed (their duty would be "not estimated" at checkout).
 */
export function productWarnings(rows: readonly VariantRow[], landedCost?: { defaultHsCode?: string; defaultOriginCountry?: string }): ProductWarning[] {
  const out: ProductWarning[] = [];
  for (const v of rows) {
    const title = variantTitle(v);
    if (landedCost) {
      const missing = [!v.data?.hsCode && !landedCost.defaultHsCode ? ("hs_code" as const) : null, !v.data?.countryOfOrigin && !landedCost.defaultOriginCountry ? ("origin" as const) : null].filter((m) => m !== null);
      if (missing.length > 0) {
        out.push({ variantId: v.variantId, title, missing, kind: "no_customs", message: "Landed cost is on: without an HS code and a country of origin, duties to these destinations are not estimated and the duties-paid rate is not offered." });
      }
    }
    if (effectiveGrams(v) <= 0) {
      out.push({ variantId: v.variantId, title, kind: "no_weight", message: "No weight in Shopify or here: weight-based rates treat it as weightless." });
    }
    const dims = v.data?.dimensionsMm;
    if (!dims) {
      out.push({
        variantId: v.variantId,
        title,
        kind: "no_dimensions",
        message: "No dimensions: Waypost cannot tell whether a side exceeds 11 in, where carriers bill by dimensional weight.",
      });
    } else if (Math.max(dims.l, dims.w, dims.h) > DIM_SIDE_LIMIT_MM) {
      out.push({ variantId: v.variantId, title, kind: "oversize", message: "A side is over 11 in (279.4 mm): carriers bill this parcel by dimensional weight." });
    }
  }
  return out;
}

export const ProductFormSchema = z.object({
  // Shopify gids are under 60 characters; 255 leaves room and still bounds what we store (issue 8, defect 5).
  productId: z.string().min(1).max(255),
  variantId: z.string().min(1).max(255),
  title: z.string().max(500).default(""),
  sku: z.string().max(255).nullish(),
  lengthUnit: z.enum(["cm", "in"]).default("cm"),
  weightUnit: z.enum(["kg", "lb"]).default("kg"),
  length: z.string().max(50).default(""),
  width: z.string().max(50).default(""),
  height: z.string().max(50).default(""),
  weight: z.string().max(50).default(""),
  hsCode: z.string().max(50).default(""),
  countryOfOrigin: z.string().max(50).default(""),
});
export type ProductForm = z.output<typeof ProductFormSchema>;

interface ProductDataInput {
  productId: string;
  variantId: string;
  title: string;
  sku: string | null;
  weightGrams: number | null;
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
  hsCode: string | null;
  countryOfOrigin: string | null;
}

/** Form → the row we store; errors are keyed by form field name. */
export function formToProductData(form: ProductForm): { data: ProductDataInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const take = (p: Parsed<number>, path: string) => {
    if (p.ok) return p.value ?? null;
    errors.push({ path, message: p.error, params: p.params });
    return null;
  };
  const len = (key: "length" | "width" | "height") => {
    const mm = take(parseLengthField(form[key], form.lengthUnit as FormLengthUnit), key);
    if (mm === 0) errors.push({ path: key, message: "positive_required" });
    return mm;
  };
  const [l, w, h] = [len("length"), len("width"), len("height")];
  const filled = [form.length, form.width, form.height].filter((s) => !isBlank(s)).length;
  if (filled > 0 && filled < 3) {
    for (const key of ["length", "width", "height"] as const) {
      if (isBlank(form[key])) errors.push({ path: key, message: "dimensions_all_or_none" });
    }
  }
  const weightGrams = take(parseWeightField(form.weight, form.weightUnit as FormWeightUnit), "weight");

  const hs = form.hsCode.replace(/[\s.]/g, "");
  if (hs && !/^\d{6,10}$/.test(hs)) errors.push({ path: "hsCode", message: "hs_code_format" });
  const country = form.countryOfOrigin.trim().toUpperCase();
  if (country && !/^[A-Z]{2}$/.test(country)) errors.push({ path: "countryOfOrigin", message: "country_code_format" });

  return {
    data: {
      productId: form.productId,
      variantId: form.variantId,
      title: form.title,
      sku: form.sku ?? null,
      weightGrams: weightGrams || null,
      lengthMm: l,
      widthMm: w,
      heightMm: h,
      hsCode: hs || null,
      countryOfOrigin: country || null,
    },
    errors,
  };
}
