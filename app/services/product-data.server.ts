// Product shipping data: the shop's variants from the Admin API merged with what the merchant stored here
// (dimensions, weight override, HS code, country of origin). Saving bumps Shop.configVersion, because the rating
// configuration compiles product data in, and every instance's cache compares that version.
import { z } from "zod";
import { getDb } from "~/db.server";
import { type WeightUnit, parseWeight } from "~/domain/units";
import { type FieldError } from "~/lib/field-errors";
import { type ProductForm, type VariantRow, formToProductData, productWarnings } from "~/admin/forms/product-data";
import { type AdminClient, AdminApiError, runOperation } from "~/shopify/admin-operations.server";
import { ShopVariantsQuery, type ShopVariantsPage, VARIANT_PAGE_MAX } from "~/shopify/graphql/products";
import { type FormLengthUnit, type FormWeightUnit, formUnitOfShopify, shopFormUnits } from "~/admin/forms/form-units";
import { logger } from "~/lib/logger.server";
import { defaultWeightUnit } from "~/admin/forms/zone-form";
import { invalidateShopConfig } from "./rating/service.server";
import { getShippingSetup } from "./shipping-config.server";
import { productDataChanged } from "./product-counts.server";

const SHOPIFY_UNITS: Record<string, WeightUnit> = { GRAMS: "g", KILOGRAMS: "kg", OUNCES: "oz", POUNDS: "lb" };

export type ShopUnits = { weightUnit: FormWeightUnit; lengthUnit: FormLengthUnit };
/** Where the page is in Shopify's cursor pagination; `before` pages backwards. */
export const VariantPageSchema = z.object({ after: z.string().min(1).max(512).optional(), before: z.string().min(1).max(512).optional() }).refine((p) => !(p.after && p.before), { message: "after_and_before" });
export type VariantPage = z.infer<typeof VariantPageSchema>;
export interface VariantPageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
/**
 * How long a page waits for Shopify's query-cost bucket to refill after a THROTTLED answer before it gives up with
 * the "temporary" notice: a 50-row page costs about 250 points, which an empty Standard-plan bucket (100 points a
 * second) restores in two and a half seconds.
 */
const THROTTLE_WAIT_MS = 5_000;

/** `temporary`: Shopify was slow or unavailable (try again); `failed`: it refused the query. */
export type VariantsError = "temporary" | "failed";

/**
 * The shop's units as Shopify holds them: length from its unit system, weight from its weight unit (a metric shop
 * may still weigh in pounds). Stored data stays in grams and millimetres; only the forms and tables use these.
 */
export function shopUnitsOf(shop: Pick<ShopVariantsPage["shop"], "weightUnit" | "unitSystem">): ShopUnits {
  const imperial = shop.unitSystem === "IMPERIAL_SYSTEM";
  return { weightUnit: formUnitOfShopify(shop.weightUnit) ?? (imperial ? "lb" : "kg"), lengthUnit: imperial ? "in" : "cm" };
}

/**
 * One page of the shop's variants with our data. An Admin API failure is returned as an error code, never thrown.
 * `units` is null only when Shopify did not answer.
 */
export async function listVariants(
  domain: string,
  admin: AdminClient,
  page: VariantPage & { size?: number; maxThrottleWaitMs?: number } = {},
): Promise<{ rows: VariantRow[]; units: ShopUnits | null; pageInfo: VariantPageInfo; error: VariantsError | null }> {
  const size = Math.min(page.size ?? VARIANT_PAGE_MAX, VARIANT_PAGE_MAX);
  const noPages: VariantPageInfo = { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };
  let result: ShopVariantsPage;
  try {
    result = await runOperation(admin, ShopVariantsQuery, page.before ? { last: size, before: page.before } : { first: size, after: page.after ?? null }, { throttle: { maxWaitMs: page.maxThrottleWaitMs ?? THROTTLE_WAIT_MS } });
  } catch (error) {
    if (error instanceof AdminApiError) {
      logger.warn("Shopify did not return the shop's variants", { shop: domain, error: error.message, retryable: error.retryable });
      return { rows: [], units: null, pageInfo: noPages, error: error.retryable ? "temporary" : "failed" };
    }
    throw error;
  }
  const variants = result.productVariants.nodes;
  const shop = await getDb().shop.findUnique({ where: { domain }, select: { id: true } });
  // Only this page's variants: the work per request stays bounded however large the catalogue is.
  const stored = shop ? await getDb().productShippingData.findMany({ where: { shopId: shop.id, variantId: { in: variants.map((v) => v.id) } } }) : [];
  const byVariant = new Map(stored.map((r) => [r.variantId, r]));

  const rows = variants.map((v): VariantRow => {
    const weight = v.inventoryItem?.measurement?.weight;
    const ours = byVariant.get(v.id);
    return {
      productId: v.product.id,
      productTitle: v.product.title,
      variantId: v.id,
      variantTitle: v.title,
      sku: v.sku ?? null,
      shopifyGrams: weight ? parseWeight(weight.value, SHOPIFY_UNITS[weight.unit]) : null,
      shopifyWeightUnit: weight ? (formUnitOfShopify(weight.unit) ?? null) : null,
      data: ours
        ? {
            weightGrams: ours.weightGrams,
            dimensionsMm: ours.lengthMm && ours.widthMm && ours.heightMm ? { l: ours.lengthMm, w: ours.widthMm, h: ours.heightMm } : null,
            hsCode: ours.hsCode,
            countryOfOrigin: ours.countryOfOrigin,
          }
        : null,
    };
  });
  const info = result.productVariants.pageInfo;
  return {
    rows,
    units: shopUnitsOf(result.shop),
    pageInfo: { hasNextPage: info.hasNextPage, hasPreviousPage: info.hasPreviousPage, startCursor: info.startCursor ?? null, endCursor: info.endCursor ?? null },
    error: null,
  };
}

export type ProductSaveResult = { ok: true; version: number } | { ok: false; errors: FieldError[] } | { ok: false; message: string };

export async function saveProductData(domain: string, form: ProductForm): Promise<ProductSaveResult> {
  const { data, errors } = formToProductData(form);
  if (errors.length > 0) return { ok: false, errors };
  const db = getDb();
  const shop = await db.shop.findUnique({ where: { domain }, select: { id: true } });
  if (!shop) return { ok: false, message: `No shop ${domain} is installed` };
  const { productId, variantId, ...fields } = data;
  const [, updated] = await db.$transaction([
    db.productShippingData.upsert({
      where: { shopId_variantId: { shopId: shop.id, variantId } },
      create: { shopId: shop.id, productId, variantId, ...fields },
      update: { productId, ...fields },
    }),
    db.shop.update({ where: { domain }, data: { configVersion: { increment: 1 } }, select: { configVersion: true } }),
  ]);
  invalidateShopConfig(domain);
  await productDataChanged(domain, db);
  return { ok: true, version: updated.configVersion };
}

/** Rows per page on the product data page (Polaris pagination over Shopify's cursors). */
export const PRODUCTS_PAGE_SIZE = 50;

/** The products page: one page of variants, its warnings, and the Admin API problem when there was one. */
export async function loadProductsPage(domain: string, admin: AdminClient, page: VariantPage = {}) {
  const [{ rows, units, pageInfo, error }, setup] = await Promise.all([listVariants(domain, admin, { ...page, size: PRODUCTS_PAGE_SIZE }), getShippingSetup(domain)]);
  const settings = setup?.config.landedCost;
  const landedCostInUse = setup?.config.zones.some((z) => z.services.some((s) => (s.landedCost ?? z.landedCost) !== "off"));
  // The shop's units from Shopify (never cm and kg on a pounds-and-inches shop); when Shopify did not answer,
  // the origin country is the best guess left.
  return {
    rows,
    units: units ?? shopFormUnits(defaultWeightUnit(setup?.config.origin.country ?? "")),
    pageInfo,
    warnings: productWarnings(rows, settings && landedCostInUse ? settings : undefined),
    error,
  };
}
