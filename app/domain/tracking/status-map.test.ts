import { describe, expect, it } from "vitest";
import {
  aftershipTagToShopify,
  intelipostStateToShopify,
  isKnownAftershipTag,
  isKnownIntelipostState,
  shopifyStatusToEvent,
} from "./status-map";

describe("status maps", () => {
  it("maps Intelipost volume states to Shopify statuses", () => {
    expect(intelipostStateToShopify("IN_TRANSIT")).toBe("IN_TRANSIT");
    expect(intelipostStateToShopify("TO_BE_DELIVERED")).toBe("OUT_FOR_DELIVERY");
    expect(intelipostStateToShopify("delivered")).toBe("DELIVERED");
    expect(intelipostStateToShopify("DELIVERY_FAILED")).toBe("FAILURE");
    expect(intelipostStateToShopify("SHIPPED")).toBe("CONFIRMED");
  });

  it("creates no event for NEW and tells ignored from unknown states", () => {
    expect(intelipostStateToShopify("NEW")).toBeNull();
    expect(isKnownIntelipostState("NEW")).toBe(true);
    expect(intelipostStateToShopify("LOST_IN_SPACE")).toBeNull();
    expect(isKnownIntelipostState("LOST_IN_SPACE")).toBe(false);
  });

  it("maps AfterShip tags and ignores Pending and Expired", () => {
    expect(aftershipTagToShopify("OutForDelivery")).toBe("OUT_FOR_DELIVERY");
    expect(aftershipTagToShopify("AvailableForPickup")).toBe("READY_FOR_PICKUP");
    expect(aftershipTagToShopify("Exception")).toBe("FAILURE");
    expect(aftershipTagToShopify("Pending")).toBeNull();
    expect(aftershipTagToShopify("Expired")).toBeNull();
    expect(isKnownAftershipTag("expired")).toBe(true);
  });

  it("turns Shopify statuses into rule events in either case", () => {
    expect(shopifyStatusToEvent("out_for_delivery")).toBe("out_for_delivery");
    expect(shopifyStatusToEvent("ATTEMPTED_DELIVERY")).toBe("attempted_delivery");
    expect(shopifyStatusToEvent("LABEL_PURCHASED")).toBeNull();
  });
});
