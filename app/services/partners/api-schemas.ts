// The provider API's request and response shapes (zod). The same schemas validate requests in the routes and
// generate docs/partners-api.openapi.json (scripts/partners-openapi.ts; a test fails when the file drifts).
import { z } from "zod";
import { REJECTION_REASONS } from "~/shopify/graphql/rejection-reasons";

export const OrderStatusSchema = z.enum(["requested", "accepted", "rejected", "cancellation_requested", "cancelled", "shipped", "returned"]);

export const PartnerOrderSchema = z
  .object({
    id: z.string(),
    shop: z.string().describe("The shop's myshopify.com domain"),
    orderName: z.string(),
    status: OrderStatusSchema,
    settingsVersion: z.number().int().describe("The link settings version the order was sent under"),
    lines: z.array(z.object({ sku: z.string().nullable(), title: z.string(), quantity: z.number().int() })),
    destination: z.record(z.string(), z.string().nullable()).nullable(),
    service: z.string().nullable().describe("The shipping service the buyer chose"),
    tracking: z.object({ number: z.string(), company: z.string().nullable() }).nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "PartnerOrder" });

export const ListOrdersQuery = z.object({
  shop: z.string().max(255).regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/).optional(),
  status: OrderStatusSchema.optional(),
});

export const ListOrdersResponse = z.object({ orders: z.array(PartnerOrderSchema) });

export const RejectBody = z.object({ reason: z.enum(REJECTION_REASONS), message: z.string().trim().min(1).max(500) }).strict();

export const ShipmentBody = z
  .object({
    trackingNumber: z.string().trim().min(1).max(100),
    carrier: z.string().trim().min(1).max(100).describe("Use Shopify's exact company name (for example UPS, DHL Express) or give trackingUrl"),
    trackingUrl: z.url({ protocol: /^https$/ }).max(500).optional(),
  })
  .strict();

export const CancelBody = z.object({ accept: z.boolean().describe("true accepts the merchant's cancellation request; false refuses it"), message: z.string().trim().max(500).optional() }).strict();

export const OkResponse = z.object({ ok: z.literal(true), order: PartnerOrderSchema });
export const ErrorResponse = z
  .object({
    error: z.string().describe("What went wrong, in English"),
    code: z.string().optional().describe("A stable code to branch on, e.g. order_not_found, cannot_accept, invalid_request, shopify_unavailable"),
  })
  .meta({ id: "Error" });

/** What the API returns for a stored order (never Shopify ids beyond the order name, never tokens). */
export function toApiOrder(o: {
  id: string;
  orderName: string;
  status: string;
  settingsVersion: number;
  details: unknown;
  trackingNumber: string | null;
  trackingCompany: string | null;
  createdAt: Date;
  shop: { domain: string };
}): z.infer<typeof PartnerOrderSchema> {
  const d = (o.details ?? {}) as { lines?: { sku: string | null; title: string; quantity: number }[]; destination?: Record<string, string | null> | null; service?: string | null };
  const { id: _id, ...destination } = (d.destination ?? {}) as Record<string, string | null>;
  return {
    id: o.id,
    shop: o.shop.domain,
    orderName: o.orderName,
    status: OrderStatusSchema.catch("requested").parse(o.status),
    settingsVersion: o.settingsVersion,
    lines: (d.lines ?? []).map((l) => ({ sku: l.sku, title: l.title, quantity: l.quantity })),
    destination: d.destination ? destination : null,
    service: d.service ?? null,
    tracking: o.trackingNumber ? { number: o.trackingNumber, company: o.trackingCompany } : null,
    createdAt: o.createdAt.toISOString(),
  };
}
