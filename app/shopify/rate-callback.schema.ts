// Shopify's carrier-service rate request (notes/contracts.md §A2). Extra keys are tolerated: Shopify has added
// fields over the years and older payloads carry more. Item prices arrive as integer subunits today; the 2017
// shape sent decimal strings ("10.00"), so a string with a decimal point is read as major units.
import { z } from "zod";
import { RATE_REQUEST_LIMITS as L } from "~/domain/request-limits";

// Lengths: generous for real addresses and titles, small enough that a hostile body cannot make us store or log
// megabytes (the whole body is also capped by the HTTP layer).
const nullableString = z.string().max(255).nullish().transform((v) => v ?? undefined);
const text = (max: number) => z.string().max(max).nullish();

const ShopifyAddressSchema = z
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
  z.number().int("must be an integer number of subunits").nonnegative().max(L.maxUnitPrice, `must be at most ${L.maxUnitPrice}`),
  z.string().max(20).regex(/^\d+(\.\d+)?$/, "must be subunits (1999) or a decimal string (19.99)"),
]);

const idSchema = z.union([z.number(), z.string().max(64)]).nullish().transform((v) => (v == null ? undefined : String(v)));

const ShopifyRateItemSchema = z
  .object({
    name: text(1000),
    sku: text(255),
    quantity: z.number().int().min(1, "must be at least 1").max(L.maxQuantity, `must be at most ${L.maxQuantity}`),
    grams: z.number().int().nonnegative().max(L.maxUnitGrams, `must be at most ${L.maxUnitGrams}`).nullish().transform((v) => v ?? 0),
    price: PriceSchema,
    vendor: text(255),
    requires_shipping: z.boolean().nullish().transform((v) => v ?? true),
    properties: z.record(z.string().max(255), z.unknown()).refine((p) => Object.keys(p).length <= 100, "more than 100 properties").nullish(),
    product_id: idSchema,
    variant_id: idSchema,
  })
  .passthrough();

export const ShopifyRateRequestSchema = z.object({
  rate: z
    .object({
      origin: ShopifyAddressSchema,
      destination: ShopifyAddressSchema,
      items: z.array(ShopifyRateItemSchema).max(L.maxLines, `more than ${L.maxLines} line items`),
      currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD"),
      locale: text(35),
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
