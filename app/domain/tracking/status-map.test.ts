import { describe, expect, it } from "vitest";
import { shopifyStatusToEvent } from "./status-map";

describe("Shopify statuses", () => {
  it("turn into rule events in either case", () => {
    expect(shopifyStatusToEvent("out_for_delivery")).toBe("out_for_delivery");
    expect(shopifyStatusToEvent("ATTEMPTED_DELIVERY")).toBe("attempted_delivery");
    expect(shopifyStatusToEvent("LABEL_PURCHASED")).toBeNull();
  });
});
