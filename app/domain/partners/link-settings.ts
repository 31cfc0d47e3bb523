// Per-link settings and routing for 3PL partner links (pure; docs/3pl.md). Settings are what the Outvio seed lists:
// carriers and shipping rules the provider applies, whose account pays, who handles carrier support, the
// provider's internal client id. Routing says which fulfillment orders the provider takes.
import { z } from "zod";

export const LinkSettingsSchema = z
  .object({
    carriers: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
    shippingRules: z.string().trim().max(2000).default(""),
    payer: z.enum(["merchant", "provider"]).default("provider"),
    supportHandledBy: z.enum(["merchant", "provider"]).default("provider"),
    clientId: z.string().trim().max(100).default(""),
  })
  .strict();
export type LinkSettings = z.infer<typeof LinkSettingsSchema>;

export const RoutingSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }).strict(),
  z.object({ kind: z.literal("skus"), values: z.array(z.string().trim().min(1).max(100)).min(1).max(200) }).strict(),
  z.object({ kind: z.literal("tags"), values: z.array(z.string().trim().min(1).max(100)).min(1).max(200) }).strict(),
  z.object({ kind: z.literal("countries"), values: z.array(z.string().regex(/^[A-Z]{2}$/, "Use two-letter country codes")).min(1).max(250) }).strict(),
]);
export type Routing = z.infer<typeof RoutingSchema>;

export interface RoutableOrder {
  skus: (string | null | undefined)[];
  tags: string[];
  countryCode: string | null | undefined;
}

/**
 * Whether a fulfillment order Shopify assigned to the provider's location belongs to the provider under the link's
 * routing. Shopify routes by location and inventory; this is the part Waypost enforces (docs/3pl.md, "Routing").
 * SKU routing takes the order only when every line matches, so a provider never receives items it was not given.
 */
export function routesToProvider(routing: Routing, order: RoutableOrder): boolean {
  switch (routing.kind) {
    case "all":
      return true;
    case "skus": {
      const wanted = new Set(routing.values.map((v) => v.toLowerCase()));
      return order.skus.length > 0 && order.skus.every((s) => !!s && wanted.has(s.toLowerCase()));
    }
    case "tags": {
      const wanted = new Set(routing.values.map((v) => v.toLowerCase()));
      return order.tags.some((t) => wanted.has(t.toLowerCase()));
    }
    case "countries":
      return !!order.countryCode && routing.values.includes(order.countryCode);
  }
}

/** Parses stored JSON, falling back to defaults for a row written before a field existed. */
export function parseLinkSettings(value: unknown): LinkSettings {
  const parsed = LinkSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : LinkSettingsSchema.parse({});
}

export function parseRouting(value: unknown): Routing {
  const parsed = RoutingSchema.safeParse(value);
  return parsed.success ? parsed.data : { kind: "all" };
}
