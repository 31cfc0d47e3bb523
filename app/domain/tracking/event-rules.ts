// Merchant event rules ("send these events for these orders to that channel"), modelled on marketplace tracking
// webhook settings: order type, entering events, sales channel.
import { z } from "zod";

export const TRACKING_EVENTS = [
  "fulfillment_created",
  "tracking_changed",
  "in_transit",
  "out_for_delivery",
  "delivered",
  "failure",
  "attempted_delivery",
  "ready_for_pickup",
  "confirmed",
] as const;
export type TrackingEvent = (typeof TRACKING_EVENTS)[number];
const TrackingEventSchema = z.enum(TRACKING_EVENTS);

const OrderTypeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("domestic") }),
  z.object({ kind: z.literal("international") }),
  z.object({ kind: z.literal("tag"), tag: z.string().trim().min(1) }),
]);
type OrderType = z.infer<typeof OrderTypeSchema>;

export const EventRuleSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean(),
  position: z.number().int().nonnegative(),
  orderType: OrderTypeSchema,
  events: z.union([z.literal("all"), z.array(TrackingEventSchema).min(1)]),
  /** "any", or a Shopify `source_name` / sales channel handle such as "web" or "pos". */
  salesChannel: z.union([z.literal("any"), z.string().trim().min(1)]),
  channelConnectionId: z.string().min(1),
});
export type EventRule = z.infer<typeof EventRuleSchema>;

export interface RuleContext {
  event: TrackingEvent;
  originCountry: string | null;
  /** null for orders without a shipping address (pickup, digital): they are neither domestic nor international. */
  shippingCountry: string | null;
  orderTags: readonly string[];
  salesChannel: string | null;
}

const norm = (s: string) => s.trim().toLowerCase();

function orderTypeMatches(t: OrderType, ctx: RuleContext): boolean {
  switch (t.kind) {
    case "all":
      return true;
    case "tag":
      // Shopify tags are case-insensitive in the admin, so "Market-BR" and "market-br" are the same tag.
      return ctx.orderTags.some((tag) => norm(tag) === norm(t.tag));
    case "domestic":
    case "international": {
      if (!ctx.originCountry || !ctx.shippingCountry) return false;
      const same = norm(ctx.originCountry) === norm(ctx.shippingCountry);
      return t.kind === "domestic" ? same : !same;
    }
  }
}

export function ruleMatches(rule: EventRule, ctx: RuleContext): boolean {
  if (!rule.enabled) return false;
  if (rule.events !== "all" && !rule.events.includes(ctx.event)) return false;
  if (rule.salesChannel !== "any") {
    if (!ctx.salesChannel || norm(ctx.salesChannel) !== norm(rule.salesChannel)) return false;
  }
  return orderTypeMatches(rule.orderType, ctx);
}

/** Matching rules in position order (ties broken by id so replays pick the same order). */
export function matchRules(rules: readonly EventRule[], ctx: RuleContext): EventRule[] {
  return rules
    .filter((r) => ruleMatches(r, ctx))
    .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
