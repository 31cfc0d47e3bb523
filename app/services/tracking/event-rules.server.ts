// The shop's event rules: which events of which orders go to which channel connection, in position order.
// Every change names the rule and the shop.
import { RuleFormSchema, ruleColumns } from "~/admin/forms/event-rule-form";
import { fieldErrorsOf, type FormResult } from "~/admin/forms/field-errors";
import { EventRuleSchema } from "~/domain/tracking/event-rules";
import { say } from "~/lib/said";
import { shopByDomain, type TrackingContext } from "./context.server";

export async function saveRule(ctx: TrackingContext, shopDomain: string, raw: Record<string, unknown>): Promise<FormResult<{ id: string }>> {
  const shop = await shopByDomain(ctx, shopDomain);
  const parsed = RuleFormSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const f = parsed.data;
  const channel = await ctx.db.channelConnection.findFirst({ where: { id: f.channelId, shopId: shop.id } });
  if (!channel) return { ok: false, errors: [{ path: "channelId", message: "choose_channel" }] };
  const data = ruleColumns(f, f.position ?? (await ctx.db.eventRule.count({ where: { shopId: shop.id } })));
  // The domain schema is the single judge of a valid rule.
  const check = EventRuleSchema.safeParse({ ...data, id: f.id ?? "new", channelConnectionId: f.channelId });
  if (!check.success) return { ok: false, errors: fieldErrorsOf(check.error) };
  if (f.id) {
    const res = await ctx.db.eventRule.updateMany({ where: { id: f.id, shopId: shop.id }, data: data as never });
    if (res.count === 0) return { ok: false, errors: [], message: "Rule not found", said: say("channels:rules.notFound") };
    return { ok: true, value: { id: f.id } };
  }
  const created = await ctx.db.eventRule.create({ data: { ...(data as never as object), shopId: shop.id } as never });
  return { ok: true, value: { id: created.id } };
}

export async function deleteRule(ctx: TrackingContext, shopDomain: string, id: string) {
  const shop = await shopByDomain(ctx, shopDomain);
  return (await ctx.db.eventRule.deleteMany({ where: { id, shopId: shop.id } })).count === 1;
}

export async function toggleRule(ctx: TrackingContext, shopDomain: string, id: string, enabled: boolean) {
  const shop = await shopByDomain(ctx, shopDomain);
  return (await ctx.db.eventRule.updateMany({ where: { id, shopId: shop.id }, data: { enabled } })).count === 1;
}

/** Swaps a rule with its neighbour (rules run in position order). */
export async function moveRule(ctx: TrackingContext, shopDomain: string, id: string, direction: "up" | "down") {
  const shop = await shopByDomain(ctx, shopDomain);
  const db = ctx.db;
  const rules = await db.eventRule.findMany({ where: { shopId: shop.id }, orderBy: [{ position: "asc" }, { id: "asc" }] });
  const i = rules.findIndex((r) => r.id === id);
  const j = direction === "up" ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= rules.length) return false;
  [rules[i], rules[j]] = [rules[j], rules[i]];
  await db.$transaction(rules.map((r, position) => db.eventRule.updateMany({ where: { id: r.id, shopId: shop.id }, data: { position } })));
  return true;
}

export async function listRules(ctx: TrackingContext, shopDomain: string) {
  const shop = await shopByDomain(ctx, shopDomain);
  const [rules, channels] = await Promise.all([
    ctx.db.eventRule.findMany({ where: { shopId: shop.id }, orderBy: [{ position: "asc" }, { id: "asc" }], include: { channel: { select: { name: true, type: true } } } }),
    ctx.db.channelConnection.findMany({ where: { shopId: shop.id }, select: { id: true, name: true, type: true, status: true } }),
  ]);
  return {
    channels,
    rules: rules.map((r) => ({
      id: r.id,
      name: r.name,
      position: r.position,
      enabled: r.enabled,
      orderType: r.orderType as { kind: string; tag?: string },
      events: r.events as "all" | string[],
      salesChannel: r.salesChannel,
      channelId: r.channelId,
      channelName: r.channel.name,
    })),
  };
}
