// Product shipping data: the shop's variants from the Admin API merged with what the merchant stored here
// (dimensions, weight override, HS code, country of origin). Saving bumps Shop.configVersion, because the rating
// configuration compiles product data in, and every instance's cache compares that version.
import { getDb } from "~/db.server";
import { type WeightUnit, parseWeight } from "~/domain/units";
import { type FieldError } from "~/lib/field-errors";
import { type ProductForm, type VariantRow, formToProductData, productWarnings } from "~/admin/forms/product-data";
import { type AdminClient, AdminApiError, runOperation } from "~/shopify/admin-operations.server";
import { ShopProductsQuery, type ShopProduct } from "~/shopify/graphql/products";
import { shopFormUnits } from "~/admin/forms/form-units";
import { defaultWeightUnit } from "~/admin/forms/zone-form";
import { invalidateShopConfig } from "./rating/service.server";
import { getShippingSetup } from "./shipping-config.server";

const SHOPIFY_UNITS: Record<string, WeightUnit> = { GRAMS: "g", KILOGRAMS: "kg", OUNCES: "oz", POUNDS: "lb" };

/** The shop's variants with our data. An Admin API failure is returned as a message, never thrown. */
export async function listVariants(domain: string, admin: AdminClient): Promise<{ rows: VariantRow[]; error: string | null }> {
  let products: ShopProduct[];
  try {
    products = (await runOperation(admin, ShopProductsQuery, {})).products.nodes;
  } catch (error) {
    if (error instanceof AdminApiError) {
      return { rows: [], error: `Shopify did not return your products${error.retryable ? " (a temporary problem; try again in a moment)" : ""}: ${error.message}` };
    }
    throw error;
  }
  const shop = await getDb().shop.findUnique({ where: { domain }, select: { id: true } });
  const stored = shop ? await getDb().productShippingData.findMany({ where: { shopId: shop.id } }) : [];
  const byVariant = new Map(stored.map((r) => [r.variantId, r]));

  const rows = products.flatMap((p) =>
    p.variants.nodes.map((v): VariantRow => {
      const weight = v.inventoryItem?.measurement?.weight;
      const ours = byVariant.get(v.id);
      return {
        productId: p.id,
        productTitle: p.title,
        variantId: v.id,
        variantTitle: v.title,
        sku: v.sku ?? null,
        shopifyGrams: weight ? parseWeight(weight.value, SHOPIFY_UNITS[weight.unit]) : null,
        data: ours
          ? {
              weightGrams: ours.weightGrams,
              dimensionsMm: ours.lengthMm && ours.widthMm && ours.heightMm ? { l: ours.lengthMm, w: ours.widthMm, h: ours.heightMm } : null,
              hsCode: ours.hsCode,
              countryOfOrigin: ours.countryOfOrigin,
            }
          : null,
      };
    }),
  );
  return { rows, error: null };
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
  return { ok: true, version: updated.configVersion };
}

/** The products page: variants, their warnings, and the Admin API problem when there was one. */
export async function loadProductsPage(domain: string, admin: AdminClient) {
  const [{ rows, error }, setup] = await Promise.all([listVariants(domain, admin), getShippingSetup(domain)]);
  const settings = setup?.config.landedCost;
  const landedCostInUse = setup?.config.zones.some((z) => z.services.some((s) => (s.landedCost ?? z.landedCost) !== "off"));
  // The shop's units: the editor and the table default to them (never cm and kg on a pounds-and-inches shop).
  const units = shopFormUnits(defaultWeightUnit(setup?.config.origin.country ?? ""));
  return { rows, units, warnings: productWarnings(rows, settings && landedCostInUse ? settings : undefined), error };
}
