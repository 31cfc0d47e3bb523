import { describe, expect, it } from "vitest";
import { EventRuleSchema, matchRules, type EventRule, type RuleContext } from "./event-rules";

function rule(over: Partial<EventRule>): EventRule {
  return EventRuleSchema.parse({
    id: "r1",
    name: "Wish BR",
    enabled: true,
    position: 0,
    orderType: { kind: "all" },
    events: "all",
    salesChannel: "any",
    channelConnectionId: "c1",
    ...over,
  });
}

const ctx: RuleContext = {
  event: "tracking_changed",
  originCountry: "BR",
  shippingCountry: "BR",
  orderTags: ["Wish-BR"],
  salesChannel: "wish",
};

describe("matchRules", () => {
  it("returns enabled matching rules in position order", () => {
    const rules = [rule({ id: "b", position: 2 }), rule({ id: "a", position: 1 }), rule({ id: "c", enabled: false })];
    expect(matchRules(rules, ctx).map((r) => r.id)).toEqual(["a", "b"]);
  });

  it("matches domestic and international by comparing origin and destination countries", () => {
    const dom = rule({ id: "d", orderType: { kind: "domestic" } });
    const intl = rule({ id: "i", orderType: { kind: "international" } });
    expect(matchRules([dom, intl], ctx).map((r) => r.id)).toEqual(["d"]);
    expect(matchRules([dom, intl], { ...ctx, shippingCountry: "US" }).map((r) => r.id)).toEqual(["i"]);
  });

  it("treats orders without a shipping country as neither domestic nor international", () => {
    const rules = [rule({ id: "d", orderType: { kind: "domestic" } }), rule({ id: "i", orderType: { kind: "international" } })];
    expect(matchRules(rules, { ...ctx, shippingCountry: null })).toEqual([]);
  });

  it("matches tags case-insensitively", () => {
    expect(matchRules([rule({ orderType: { kind: "tag", tag: "wish-br" } })], ctx)).toHaveLength(1);
    expect(matchRules([rule({ orderType: { kind: "tag", tag: "other" } })], ctx)).toHaveLength(0);
  });

  it("filters by entering event and sales channel", () => {
    const onlyDelivered = rule({ events: ["delivered"] });
    const ultracart = rule({ salesChannel: "ultracart" });
    expect(matchRules([onlyDelivered, ultracart], ctx)).toEqual([]);
    expect(matchRules([onlyDelivered], { ...ctx, event: "delivered" })).toHaveLength(1);
    expect(matchRules([rule({ salesChannel: "WISH" })], ctx)).toHaveLength(1);
  });

  it("rejects an empty event list and unknown events", () => {
    expect(EventRuleSchema.safeParse({ ...rule({}), events: [] }).success).toBe(false);
    expect(EventRuleSchema.safeParse({ ...rule({}), events: ["shipped"] }).success).toBe(false);
  });
});
