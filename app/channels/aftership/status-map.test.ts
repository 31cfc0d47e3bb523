import { describe, expect, it } from "vitest";
import { aftershipTagToShopify, isKnownAftershipTag } from "./status-map";

describe("the AfterShip status map", () => {
  it("maps tags and ignores Pending and Expired", () => {
    expect(aftershipTagToShopify("OutForDelivery")).toBe("OUT_FOR_DELIVERY");
    expect(aftershipTagToShopify("AvailableForPickup")).toBe("READY_FOR_PICKUP");
    expect(aftershipTagToShopify("Exception")).toBe("FAILURE");
    expect(aftershipTagToShopify("Pending")).toBeNull();
    expect(aftershipTagToShopify("Expired")).toBeNull();
    expect(isKnownAftershipTag("expired")).toBe(true);
  });
});
