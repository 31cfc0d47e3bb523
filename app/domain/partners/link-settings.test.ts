import { describe, expect, it } from "vitest";
import { LinkSettingsSchema, parseLinkSettings, routesToProvider, RoutingSchema } from "./link-settings";

const order = { skus: ["MUG-1", "MUG-2"], tags: ["wholesale"], countryCode: "CA" };

describe("partner routing", () => {
  it("takes every order when routing is all", () => {
    expect(routesToProvider({ kind: "all" }, order)).toBe(true);
  });
  it("takes an order by SKU only when every line matches, case-insensitively", () => {
    expect(routesToProvider({ kind: "skus", values: ["mug-1", "MUG-2"] }, order)).toBe(true);
    expect(routesToProvider({ kind: "skus", values: ["MUG-1"] }, order)).toBe(false);
    expect(routesToProvider({ kind: "skus", values: ["MUG-1"] }, { ...order, skus: [] })).toBe(false);
  });
  it("takes an order by tag or destination country", () => {
    expect(routesToProvider({ kind: "tags", values: ["Wholesale"] }, order)).toBe(true);
    expect(routesToProvider({ kind: "countries", values: ["US"] }, order)).toBe(false);
    expect(routesToProvider({ kind: "countries", values: ["CA"] }, order)).toBe(true);
  });
  it("refuses unknown keys and lower-case country codes", () => {
    expect(RoutingSchema.safeParse({ kind: "countries", values: ["ca"] }).success).toBe(false);
    expect(LinkSettingsSchema.safeParse({ payer: "merchant", extra: 1 }).success).toBe(false);
  });
  it("falls back to defaults for stored settings it cannot read", () => {
    expect(parseLinkSettings({ payer: "bank" }).payer).toBe("provider");
  });
});
