// The shop's products and variants with Shopify's weight, for the product data page and "Test your shipping".
// First 100 products × 100 variants: enough for the admin pages; larger catalogues need paging (not yet offered).
import { z } from "zod";
import type { ShopProductsQueryVariables } from "~/types/admin.generated";
import { defineOperation } from "../admin-operations.server";

const Weight = z.object({ value: z.number(), unit: z.enum(["GRAMS", "KILOGRAMS", "OUNCES", "POUNDS"]) });
const Variant = z.object({
  id: z.string(),
  title: z.string(),
  sku: z.string().nullish(),
  inventoryItem: z.object({ measurement: z.object({ weight: Weight.nullish() }).nullish() }).nullish(),
});
const Product = z.object({ id: z.string(), title: z.string(), variants: z.object({ nodes: z.array(Variant) }) });
const Result = z.object({ products: z.object({ nodes: z.array(Product) }) });

export type ShopProduct = z.infer<typeof Product>;

export const ShopProductsQuery = defineOperation<ShopProductsQueryVariables, z.infer<typeof Result>>(
  "ShopProducts",
  `#graphql
  query ShopProducts {
    products(first: 100) {
      nodes {
        id
        title
        variants(first: 100) {
          nodes { id title sku inventoryItem { measurement { weight { value unit } } } }
        }
      }
    }
  }`,
  Result,
);
