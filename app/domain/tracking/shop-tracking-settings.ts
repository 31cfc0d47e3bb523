// Per-shop tracking settings (Shop.trackingSettings): where the NF-e and the marketplace's order id come from.
import { z } from "zod";
import { say, type Said } from "~/lib/said";

const ns = z.string().trim().min(2).max(255).regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, _ . - only");

const NfeSourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("metafield"), namespace: ns, key: ns }),
  z.object({ kind: z.literal("attribute"), name: z.string().trim().min(1).max(255) }),
  z.object({ kind: z.literal("tracking_number") }),
]);
export type NfeSource = z.infer<typeof NfeSourceSchema>;

const ChannelOrderIdSourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("attribute"), name: z.string().trim().min(1).max(255) }),
  z.object({ kind: z.literal("metafield"), namespace: ns, key: ns }),
]);
export type ChannelOrderIdSource = z.infer<typeof ChannelOrderIdSourceSchema>;

export const TrackingSettingsSchema = z.object({
  nfeSource: NfeSourceSchema.default({ kind: "metafield", namespace: "br", key: "nfe_key" }),
  /** Where marketplaces' order connectors store the marketplace's own order id. */
  channelOrderId: ChannelOrderIdSourceSchema.default({ kind: "attribute", name: "channel_order_id" }),
  /** ISO alpha-2; defaults to the shipping setup's origin. */
  originCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});
export type TrackingSettings = z.infer<typeof TrackingSettingsSchema>;

export function parseTrackingSettings(value: unknown): TrackingSettings {
  const parsed = TrackingSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : TrackingSettingsSchema.parse({});
}

/** Where the NF-e was looked for, as the merchant reads it beside a missing or invalid NF-e. */
export function nfeSourceSaid(source: NfeSource): Said {
  switch (source.kind) {
    case "metafield":
      return say("deliveries:stored.nfeSource.metafield", { name: `${source.namespace}.${source.key}` });
    case "attribute":
      return say("deliveries:stored.nfeSource.attribute", { name: source.name });
    case "tracking_number":
      return say("deliveries:stored.nfeSource.trackingNumber");
  }
}
