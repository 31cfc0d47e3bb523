import { describe, expect, it } from "vitest";
import { keeps, PackageEditSchema, PickFilterSchema } from "./pick";

const row = { country: "US", service: "usps-priority", channel: "web", grams: 900 };

describe("the pick list filter", () => {
  it("keeps an order that matches destination, service, channel and weight range", () => {
    expect(keeps(row, PickFilterSchema.parse({ country: "US", service: "usps-priority", channel: "web", minGrams: "500", maxGrams: "1000" }))).toBe(true);
  });

  it("drops an order outside any one of them, and an unweighable order from a weight range", () => {
    expect(keeps(row, PickFilterSchema.parse({ country: "CA" }))).toBe(false);
    expect(keeps(row, PickFilterSchema.parse({ channel: "wish" }))).toBe(false);
    expect(keeps(row, PickFilterSchema.parse({ service: "usps-ground" }))).toBe(false);
    expect(keeps(row, PickFilterSchema.parse({ maxGrams: 800 }))).toBe(false);
    expect(keeps({ ...row, grams: null }, PickFilterSchema.parse({ minGrams: 1 }))).toBe(false);
  });

  it("ignores malformed filter values instead of failing the page", () => {
    expect(PickFilterSchema.parse({ country: "usa", minGrams: "heavy" })).toEqual({});
  });

  it("accepts an edited package within USPS's limits and refuses one over 70 lb", () => {
    const edit = { fulfillmentOrderId: "gid://shopify/FulfillmentOrder/1", grams: 2000, dimensionsMm: { l: 300, w: 200, h: 100 } };
    expect(PackageEditSchema.safeParse(edit).success).toBe(true);
    expect(PackageEditSchema.safeParse({ ...edit, grams: 40_000 }).error?.issues[0].message).toBe("labels:package.tooHeavy");
  });
});
