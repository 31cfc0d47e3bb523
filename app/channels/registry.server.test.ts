import { describe, expect, it } from "vitest";
import { CHANNEL_TYPES, getConnector, pushStored } from "./registry.server";

describe("channel registry", () => {
  it("has one connector per channel type, each declaring its secret fields", () => {
    expect(CHANNEL_TYPES.sort()).toEqual(["aftership", "ultracart", "webhook", "wish"]);
    for (const type of CHANNEL_TYPES) {
      const c = getConnector(type)!;
      expect(c.type).toBe(type);
      expect(c.secretFields.length).toBeGreaterThan(0);
    }
  });

  it("returns null for unknown types", () => {
    expect(getConnector("ebay")).toBeNull();
    expect(getConnector("toString")).toBeNull();
  });

  it("validates settings through each connector's schema", () => {
    expect(getConnector("ultracart")!.settingsSchema.safeParse({ distributionCenterCode: "DFLT" }).success).toBe(true);
    expect(getConnector("ultracart")!.settingsSchema.safeParse({}).success).toBe(false);
  });

  it("parks a push with invalid stored settings or credentials without sending it", async () => {
    const delivery = {
      shop: "s", orderId: "1", orderName: "#1", fulfillmentId: "2", trackingValue: "T123",
      trackingNumbers: [], originCountry: "US", destinationCountry: "US", channelOrderId: "O1",
    };
    const badSettings = await pushStored("ultracart", delivery, { settings: {}, secrets: { simpleKey: "k" } }, {});
    expect(badSettings).toMatchObject({ result: "needs_attention", reason: expect.stringContaining("distributionCenterCode") });
    const badSecrets = await pushStored("ultracart", delivery, { settings: { distributionCenterCode: "D" }, secrets: {} }, {});
    expect(badSecrets).toMatchObject({ result: "needs_attention", reason: expect.stringContaining("simpleKey") });
  });
});
