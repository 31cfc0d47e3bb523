// The event-rule form: order type, entering events, sales channel, destination connection.
import { z } from "zod";
import { LIMITS, checkbox, optionalText, requiredText } from "~/channels/admin-form";
import { TRACKING_EVENTS } from "~/domain/tracking/event-rules";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const RuleFormSchema = z
  .object({
    id: optionalText("Rule", LIMITS.id),
    name: requiredText("Name", 120),
    channelId: requiredText("Channel", LIMITS.id),
    orderTypeKind: z.enum(["all", "domestic", "international", "tag"]),
    tag: optionalText("Tag", LIMITS.label),
    allEvents: checkbox,
    events: z.array(z.enum(TRACKING_EVENTS)).default([]),
    salesChannel: z.preprocess((v) => blank(v) ?? "any", requiredText("Sales channel", LIMITS.label)),
    enabled: checkbox,
    position: z.preprocess(blank, z.coerce.number().int().min(0).max(10_000).optional()),
  })
  .superRefine((f, ctx) => {
    if (f.orderTypeKind === "tag" && !f.tag) ctx.addIssue({ code: "custom", path: ["tag"], message: "Enter the order tag", params: { i18n: "order_tag_required" } });
    if (!f.allEvents && f.events.length === 0) ctx.addIssue({ code: "custom", path: ["events"], message: 'Pick at least one event, or "All events"', params: { i18n: "events_required" } });
  });
export type RuleForm = z.infer<typeof RuleFormSchema>;

/** The stored columns of a rule, as the domain's EventRuleSchema reads them. */
export function ruleColumns(f: RuleForm, position: number) {
  return {
    name: f.name,
    channelId: f.channelId,
    enabled: f.enabled,
    position,
    orderType: f.orderTypeKind === "tag" ? { kind: "tag" as const, tag: f.tag } : { kind: f.orderTypeKind },
    events: f.allEvents ? ("all" as const) : f.events,
    salesChannel: f.salesChannel.toLowerCase(),
  };
}
