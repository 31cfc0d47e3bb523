import { describe, expect, it } from "vitest";
import { deriveEvents } from "./events";

describe("deriveEvents", () => {
  it("reports creation and tracking for a new fulfillment with tracking", () => {
    expect(
      deriveEvents(null, { status: "success", trackingNumbers: ["1Z999"], shipmentStatus: null }, "fulfillments/create"),
    ).toEqual(["fulfillment_created", "tracking_changed"]);
  });

  it("reports only creation when there is no tracking yet", () => {
    expect(deriveEvents(null, { status: "success", trackingNumbers: [], shipmentStatus: null }, "fulfillments/create")).toEqual([
      "fulfillment_created",
    ]);
  });

  it("reports tracking_changed on an update that changes the tracking set", () => {
    const prev = { trackingNumbers: ["A"], shipmentStatus: null };
    expect(deriveEvents(prev, { status: "success", trackingNumbers: ["B"], shipmentStatus: null }, "fulfillments/update")).toEqual([
      "tracking_changed",
    ]);
  });

  it("ignores reordered or padded tracking numbers", () => {
    const prev = { trackingNumbers: ["A", "B"], shipmentStatus: "in_transit" };
    expect(
      deriveEvents(prev, { status: "success", trackingNumbers: [" B", "A"], shipmentStatus: "in_transit" }, "fulfillments/update"),
    ).toEqual([]);
  });

  it("maps a changed shipment status to its event", () => {
    const prev = { trackingNumbers: ["A"], shipmentStatus: "in_transit" };
    expect(
      deriveEvents(prev, { status: "success", trackingNumbers: ["A"], shipmentStatus: "delivered" }, "fulfillments/update"),
    ).toEqual(["delivered"]);
  });

  it("ignores statuses merchants cannot select, such as label_printed", () => {
    const prev = { trackingNumbers: ["A"], shipmentStatus: null };
    expect(
      deriveEvents(prev, { status: "success", trackingNumbers: ["A"], shipmentStatus: "label_printed" }, "fulfillments/update"),
    ).toEqual([]);
  });

  it("does not invent a creation for an update of an unknown fulfillment", () => {
    expect(
      deriveEvents(null, { status: "success", trackingNumbers: ["A"], shipmentStatus: "confirmed" }, "fulfillments/update"),
    ).toEqual(["tracking_changed", "confirmed"]);
  });

  it("emits nothing for cancelled fulfillments", () => {
    expect(deriveEvents(null, { status: "cancelled", trackingNumbers: ["A"], shipmentStatus: null }, "fulfillments/create")).toEqual([]);
  });
});
