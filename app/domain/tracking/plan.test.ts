import { describe, expect, it } from "vitest";
import type { EventRule } from "./event-rules";
import { eventsPerChannel, keyEventFor, nfeFor, plannedValue, pushesFor } from "./plan";
import { say } from "~/lib/said";

const rule = (over: Partial<EventRule>): EventRule => ({
  id: "r", name: "r", enabled: true, position: 0, orderType: { kind: "all" }, events: "all", salesChannel: "any", channelConnectionId: "c", ...over,
});
const facts = { originCountry: "BR", shippingCountry: "BR", orderTags: [], salesChannels: ["web"] };

describe("tracking planning", () => {
  it("sends each connection the events its rules match, once each, in event order", () => {
    const rules = [
      { rule: rule({ events: ["delivered"] }), channel: { id: "a" } },
      { rule: rule({ events: "all" }), channel: { id: "a" } },
      { rule: rule({ salesChannel: "pos" }), channel: { id: "b" } },
    ];
    expect(eventsPerChannel(rules, ["fulfillment_created", "delivered"], facts)).toEqual([{ channel: { id: "a" }, events: ["fulfillment_created", "delivered"] }]);
  });

  it("gives a one-value channel one push and an every-status receiver one push per status", () => {
    expect(pushesFor(["fulfillment_created", "in_transit"], false)).toEqual([{ event: "in_transit" }]);
    expect(pushesFor(["fulfillment_created", "tracking_changed", "in_transit"], true)).toEqual([
      { event: "tracking_changed" },
      { event: "in_transit", keyEvent: "in_transit" },
    ]);
    expect(keyEventFor("delivered", true)).toBe("delivered");
    expect(keyEventFor("tracking_changed", true)).toBeUndefined();
    expect(keyEventFor("delivered", false)).toBeUndefined();
  });

  it("skips a one-value channel without a tracking number and parks a value the merchant must supply", () => {
    const missing = { ok: false as const, needsAttention: say("deliveries:stored.nfeNumberMissing", { order: "#1" }) };
    expect(plannedValue(missing, "tracking_number", false, [])).toBe("skip");
    expect(plannedValue(missing, "tracking_number", true, [])).toBe("");
    expect(plannedValue(missing, "nfe_number", false, ["OJ1"])).toBeNull();
    expect(plannedValue({ ok: true, value: "OJ1" }, "tracking_number", false, ["OJ1"])).toBe("OJ1");
  });

  it("reads the NF-e from the tracking number when the shop says so", () => {
    const settings = { nfeSource: { kind: "tracking_number" as const }, channelOrderId: { kind: "attribute" as const, name: "x" } };
    expect(nfeFor(settings, null, [], new Date())).toEqual({ nfe: null });
    expect(nfeFor(settings, null, ["not-an-nfe"], new Date()).nfeError).toBeTruthy();
  });
});
