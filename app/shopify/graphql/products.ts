// The shop's variants with Shopify's weight, one cursor page at a time, plus the shop's own units, for the product
// data page, the setup guide and "Test your shipping".
// Why variants and not products(first) { variants(first) }: Shopify multiplies nested connections into the query
// cost (25 products × 100 variants is far over the 1,000-point single-query limit), and a product's variants beyond
// the inner page would be lost. One flat connection costs about 5 points a row and reaches every variant.
import { z } from "zod";
import type { ShopVariantsQueryVariables } from "~/types/admin.generated";
import { defineOperation } from "../admin-operations.server";

/** Rows per page; 100 rows ≈ 500 points, half of Shopify's single-query limit. */
export const VARIANT_PAGE_MAX = 100;

const WeightUnit = z.enum(["GRAMS", "KILOGRAMS", "OUNCES", "POUNDS"]);
const Weight = z.object({ value: z.number(), unit: WeightUnit });
const Variant = z.object({
  id: z.string(),
  title: z.string(),
  sku: z.string().nullish(),
  product: z.object({ id: z.string(), title: z.string() }),
  inventoryItem: z.object({ measurement: z.object({ weight: Weight.nullish() }).nullish() }).nullish(),
});
const PageInfo = z.object({ hasNextPage: z.boolean(), hasPreviousPage: z.boolean(), startCursor: z.string().nullish(), endCursor: z.string().nullish() });
const Result = z.object({
  shop: z.object({ weightUnit: WeightUnit, unitSystem: z.enum(["IMPERIAL_SYSTEM", "METRIC_SYSTEM"]) }),
  productVariants: z.object({ nodes: z.array(Variant), pageInfo: PageInfo }),
});

export type ShopVariant = z.infer<typeof Variant>;
export type ShopVariantsPage = z.infer<typeof Result>;

export const ShopVariantsQuery = defineOperation<ShopVariantsQueryVariables, ShopVariantsPage>(
  "ShopVariants",
  `#graphql
  query ShopVariants($first: Int, $after: String, $last: Int, $before: String) {
    shop { weightUnit unitSystem }
    productVariants(first: $first, after: $after, last: $last, before: $before) {
      nodes {
        id title sku
        product { id title }
        inventoryItem { measurement { weight { value unit } } }
      }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`,
  Result,
);
