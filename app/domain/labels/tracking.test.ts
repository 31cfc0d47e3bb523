import { describe, expect, it } from "vitest";
import type { TrackingEventInfo } from "~/carriers/labels";
import { latestStatus, nextPollDelayMs, shopifyStatusForTracking, trackingEventId } from "./tracking";

const ev = (status: TrackingEventInfo["status"], happenedAt: string, message: string = status): TrackingEventInfo => ({ status, happenedAt, message });

describe("label tracking decisions", () => {
  it("turns the four parcel states into Shopify fulfillment events and keeps alerts off the buyer's order", () => {
    expect(shopifyStatusForTracking("in_transit")).toBe("IN_TRANSIT");
    expect(shopifyStatusForTracking("out_for_delivery")).toBe("OUT_FOR_DELIVERY");
    expect(shopifyStatusForTracking("delivered")).toBe("DELIVERED");
    expect(shopifyStatusForTracking("exception")).toBe("FAILURE");
    expect(shopifyStatusForTracking("alert")).toBeNull();
    expect(shopifyStatusForTracking("label_created")).toBeNull();
  });

  it("gives an event read on two polls the same id, and two different events different ids", () => {
    const a = ev("in_transit", "2030-01-01T10:00:00.000Z", "In Transit to Next Facility");
    expect(trackingEventId("usps", "9400", a)).toBe(trackingEventId("usps", "9400", { ...a }));
    expect(trackingEventId("usps", "9400", a)).not.toBe(trackingEventId("usps", "9400", { ...a, happenedAt: "2030-01-01T11:00:00.000Z" }));
    expect(trackingEventId("usps", "9400", a)).not.toBe(trackingEventId("usps", "9401", a));
  });

  it("reads the parcel's state from its latest event, an alert not moving it", () => {
    expect(latestStatus([])).toBe("label_created");
    expect(latestStatus([ev("in_transit", "1"), ev("alert", "2")])).toBe("in_transit");
    expect(latestStatus([ev("in_transit", "1"), ev("delivered", "2")])).toBe("delivered");
  });

  it("looks again sooner when the parcel is out for delivery, and stops once delivered", () => {
    expect(nextPollDelayMs("delivered")).toBeNull();
    expect(nextPollDelayMs("out_for_delivery")!).toBeLessThan(nextPollDelayMs("in_transit")!);
    expect(nextPollDelayMs("in_transit")!).toBeLessThan(nextPollDelayMs("label_created")!);
  });
});
