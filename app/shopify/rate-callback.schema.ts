// Shopify's carrier-service rate request (notes/contracts.md §A2). Extra keys are tolerated: Shopify has added
// fields over the years and older payloads carry more. Item prices arrive as integer subunits today; the 2017
// shape sent decimal strings ("10.00"), so a string with a decimal point is read as major units.
import { z } from "zod";
import { RATE_REQUEST_LIMITS as L } from "~/domain/request-limits";

// Lengths: generous for real addresses and titles, small enough that a hostile body cannot make us store or log
// megabytes (the whole body is also capped by the HTTP layer).
const nullableString = z.string().max(255).nullish().transform((v) => v ?? undefined);
const text = (max: number) => z.string().max(max).nullish();

const addressShape = {
    country: z.string().length(2, "must be an ISO 3166 alpha-2 country code").transform((c) => c.toUpperCase()),
    postal_code: nullableString,
    province: nullableString,
    city: nullableString,
    address1: nullableString,
    address2: nullableString,
    company_name: nullableString,
    address_type: nullableString,
};

const PriceSchema = z.union([
  z.number().int("must be an integer number of subunits").nonnegative().max(L.maxUnitPrice, `must be at most ${L.maxUnitPrice}`),
  z.string().max(20).regex(/^\d+(\.\d+)?$/, "must be subunits (1999) or a decimal string (19.99)"),
]);

const idSchema = z.union([z.number(), z.string().max(64)]).nullish().transform((v) => (v == null ? undefined : String(v)));

const itemShape = {
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
};

const ShopifyAddressSchema = z.object(addressShape).passthrough();
const ShopifyRateItemSchema = z.object(itemShape).passthrough();

const rateShape = (address: z.ZodType<z.output<typeof LeanAddressSchema>>, item: z.ZodType<z.output<typeof LeanItemSchema>>) => ({
  origin: address,
  destination: address,
  items: z.array(item).max(L.maxLines, `more than ${L.maxLines} line items`),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD"),
  locale: text(35),
});

/** The whole request, extra keys kept: for tests and tools that want to see everything Shopify sent. */
export const ShopifyRateRequestSchema = z.object({ rate: z.object(rateShape(ShopifyAddressSchema, ShopifyRateItemSchema)).passthrough() });

// The callback's schema: the same checks (so exactly the same requests are refused with 400), but unknown keys
// are dropped instead of copied into the output, which lets zod take its compiled fast path for every object.
// Measured (bench:breakdown): see docs/performance.md.
const LeanAddressSchema = z.object(addressShape);
const LeanItemSchema = z.object(itemShape);
export const RateCallbackRequestSchema = z.object({ rate: z.object(rateShape(LeanAddressSchema, LeanItemSchema)) });

export type ShopifyRateRequest = z.infer<typeof RateCallbackRequestSchema>["rate"];
export type ShopifyRateItem = z.infer<typeof LeanItemSchema>;

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

// ---------------------------------------------------------------------------------------------------------------
// Fast accept. zod costs ~50 µs per request here (a third of the callback's own work), almost all of it on
// requests that are valid. parseRateCallbackRequest first tries a hand-written check that only ever ACCEPTS: it
// returns the same output RateCallbackRequestSchema would, for inputs it can vouch for, and otherwise hands the
// input to zod, which stays the contract and writes every 400 message. So exactly the same requests are refused,
// with the same messages (tests/integration/rate-callback-fast-accept.test.ts checks accept ⇒ zod accepts, same
// output, on generated and mutated requests). Anything unusual (properties present, odd types) takes zod's path.

type Parsed = z.output<typeof RateCallbackRequestSchema>;

const isString = (v: unknown, max: number): v is string => typeof v === "string" && v.length <= max;
const FAIL = Symbol("fail");

function nullable(v: unknown): string | undefined | typeof FAIL {
  if (v === null || v === undefined) return undefined;
  return isString(v, 255) ? v : FAIL;
}
function textOf(v: unknown, max: number): string | null | undefined | typeof FAIL {
  if (v === null || v === undefined) return v;
  return isString(v, max) ? v : FAIL;
}
function idOf(v: unknown): string | undefined | typeof FAIL {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : FAIL;
  return isString(v, 64) ? v : FAIL;
}
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const PRICE_STRING = /^\d+(\.\d+)?$/;
const CURRENCY = /^[A-Z]{3}$/;
const COUNTRY = /^[A-Za-z]{2}$/;

function fastAddress(a: unknown) {
  if (!isPlainObject(a) || typeof a.country !== "string" || !COUNTRY.test(a.country)) return FAIL; // zod counts code points
  const out = {
    country: a.country.toUpperCase(),
    postal_code: nullable(a.postal_code),
    province: nullable(a.province),
    city: nullable(a.city),
    address1: nullable(a.address1),
    address2: nullable(a.address2),
    company_name: nullable(a.company_name),
    address_type: nullable(a.address_type),
  };
  for (const k in out) if (out[k as keyof typeof out] === FAIL) return FAIL;
  return out as z.output<typeof LeanAddressSchema>;
}

function fastItem(i: unknown) {
  if (!isPlainObject(i) || (i.properties !== null && i.properties !== undefined)) return FAIL;
  const { quantity, grams, price } = i;
  if (typeof quantity !== "number" || !Number.isSafeInteger(quantity) || quantity < 1 || quantity > L.maxQuantity) return FAIL;
  if (grams !== null && grams !== undefined && (typeof grams !== "number" || !Number.isSafeInteger(grams) || grams < 0 || grams > L.maxUnitGrams)) return FAIL;
  if (typeof price === "number") {
    if (!Number.isSafeInteger(price) || price < 0 || price > L.maxUnitPrice) return FAIL;
  } else if (!isString(price, 20) || !PRICE_STRING.test(price)) return FAIL;
  if (i.requires_shipping !== null && i.requires_shipping !== undefined && typeof i.requires_shipping !== "boolean") return FAIL;
  const out = {
    name: textOf(i.name, 1000),
    sku: textOf(i.sku, 255),
    quantity,
    grams: (grams as number | null | undefined) ?? 0,
    price: price as number | string,
    vendor: textOf(i.vendor, 255),
    requires_shipping: (i.requires_shipping as boolean | null | undefined) ?? true,
    properties: i.properties as null | undefined,
    product_id: idOf(i.product_id),
    variant_id: idOf(i.variant_id),
  };
  if (out.name === FAIL || out.sku === FAIL || out.vendor === FAIL || out.product_id === FAIL || out.variant_id === FAIL) return FAIL;
  return out as z.output<typeof LeanItemSchema>;
}

/** The output RateCallbackRequestSchema would give, or null when the fast check cannot vouch for the input. */
export function fastAcceptRateRequest(json: unknown): Parsed | null {
  if (!isPlainObject(json) || !isPlainObject(json.rate)) return null;
  const r = json.rate;
  if (!Array.isArray(r.items) || r.items.length > L.maxLines || typeof r.currency !== "string" || !CURRENCY.test(r.currency)) return null;
  const locale = textOf(r.locale, 35);
  const origin = fastAddress(r.origin);
  const destination = fastAddress(r.destination);
  if (locale === FAIL || origin === FAIL || destination === FAIL) return null;
  const items: z.output<typeof LeanItemSchema>[] = new Array(r.items.length);
  for (let n = 0; n < r.items.length; n++) {
    const item = fastItem(r.items[n]);
    if (item === FAIL) return null;
    items[n] = item;
  }
  return { rate: { origin, destination, items, currency: r.currency, locale } };
}

/** Validates a parsed rate request body: the fast check first, zod for everything it does not vouch for. */
export function parseRateCallbackRequest(json: unknown): z.ZodSafeParseResult<Parsed> {
  const fast = fastAcceptRateRequest(json);
  return fast ? { success: true, data: fast } : RateCallbackRequestSchema.safeParse(json);
}
