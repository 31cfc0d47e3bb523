// Shopify's carrier-service rate request (notes/contracts.md §A2). Extra keys are tolerated: Shopify has added
// fields over the years and older payloads carry more. Item prices arrive as integer subunits today; the 2017
// shape sent decimal strings ("10.00"), so a string with a decimal point is read as major units.
import { z } from "zod";

const nullableString = z.string().nullish().transform((v) => v ?? undefined);

export const ShopifyAddressSchema = z
  .object({
    country: z.string().length(2, "must be an ISO 3166 alpha-2 country code").transform((c) => c.toUpperCase()),
    postal_code: nullableString,
    province: nullableString,
    city: nullableString,
    address1: nullableString,
    address2: nullableString,
    company_name: nullableString,
    address_type: nullableString,
  })
  .passthrough();

const PriceSchema = z.union([
  z.number().int("must be an integer number of subunits").nonnegative(),
  z.string().regex(/^\d+(\.\d+)?$/, "must be subunits (1999) or a decimal string (19.99)"),
]);

const idSchema = z.union([z.number(), z.string()]).nullish().transform((v) => (v == null ? undefined : String(v)));

export const ShopifyRateItemSchema = z
  .object({
    name: z.string().nullish(),
    sku: z.string().nullish(),
    quantity: z.number().int().min(1, "must be at least 1").max(100_000, "must be at most 100000"),
    grams: z.number().int().nonnegative().nullish().transform((v) => v ?? 0),
    price: PriceSchema,
    vendor: z.string().nullish(),
    requires_shipping: z.boolean().nullish().transform((v) => v ?? true),
    properties: z.record(z.string(), z.unknown()).nullish(),
    product_id: idSchema,
    variant_id: idSchema,
  })
  .passthrough();

export const ShopifyRateRequestSchema = z.object({
  rate: z
    .object({
      origin: ShopifyAddressSchema,
      destination: ShopifyAddressSchema,
      items: z.array(ShopifyRateItemSchema).max(1000, "more than 1000 line items"),
      currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD"),
      locale: z.string().nullish(),
    })
    .passthrough(),
});

export type ShopifyRateRequest = z.infer<typeof ShopifyRateRequestSchema>["rate"];
export type ShopifyRateItem = z.infer<typeof ShopifyRateItemSchema>;

export interface ShopifyRate {
  service_name: string;
  service_code: string;
  total_price: string;
  description: string;
  currency: string;
  min_delivery_date?: string;
  max_delivery_date?: string;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "body"}: ${i.message}`)
    .join("; ");
}
