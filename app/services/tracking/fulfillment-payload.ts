// The REST Fulfillment resource as `fulfillments/create|update` deliver it (contracts.md §B2). Extra keys are kept
// out; ids arrive as integers on the wire and as strings from some SDKs, so both are accepted.
import { z } from "zod";

const id = z.union([z.number().int(), z.string().max(40).regex(/^\d+$/)]).transform((v) => String(v));
// What reaches the outbox and the database is bounded and NUL-free: PostgreSQL rejects U+0000 in text (22P05).
const text = (max: number) => z.string().max(max).refine((v) => !v.includes("\u0000"), "cannot contain NUL characters");
const str = (max = 255) => text(max).nullish().transform((v) => (v == null ? null : v));

export const FulfillmentPayloadSchema = z.object({
  id,
  order_id: id,
  status: z.string().min(1),
  name: z.string().nullish(),
  service: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  shipment_status: str(),
  tracking_company: str(),
  tracking_number: str(),
  tracking_numbers: z.array(text(255)).max(100).nullish(),
  tracking_url: str(2000),
  tracking_urls: z.array(text(2000)).max(100).nullish(),
  line_items: z
    .array(
      z.object({
        id: z.union([z.number(), z.string()]).optional(),
        sku: z.string().nullish(),
        title: z.string().nullish(),
        name: z.string().nullish(),
        quantity: z.number().int().nonnegative(),
      }),
    )
    .default([]),
  destination: z.object({ country_code: z.string().nullish() }).nullish(),
});
export type FulfillmentPayload = z.infer<typeof FulfillmentPayloadSchema>;

export function trackingNumbersOf(f: FulfillmentPayload): string[] {
  const all = [...(f.tracking_numbers ?? []), ...(f.tracking_number ? [f.tracking_number] : [])];
  return [...new Set(all.map((n) => n.trim()).filter((n) => n !== ""))];
}

export function parseFulfillmentPayload(payload: unknown) {
  return FulfillmentPayloadSchema.safeParse(payload);
}

export function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}
