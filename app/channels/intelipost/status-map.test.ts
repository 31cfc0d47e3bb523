import { describe, expect, it } from "vitest";
import { intelipostStateToShopify, isKnownIntelipostState } from "./status-map";

describe("the Intelipost status map", () => {
  it("maps volume states to Shopify statuses", () => {
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
});
