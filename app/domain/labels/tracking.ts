// What the label tracking poller does with a carrier's tracking events, as pure decisions: which Shopify
// fulfillment event each status becomes, which events warn the merchant instead of the buyer, and when to look
// at a parcel again. Carrier-neutral: the carrier's own codes are mapped to TrackingStatus in its folder.
import type { TrackingEventInfo, TrackingStatus } from "~/carriers/labels";
import type { FulfillmentEventStatus } from "~/domain/tracking/status-map";

const HOUR = 3_600_000;

/**
 * TrackingStatus → Shopify FulfillmentEventStatus; null records nothing on the order. "label_created" says nothing
 * the fulfillment does not already say; "alert" (counterfeit postage, postage due) is for the merchant, never for
 * the buyer's order status page.
 */
const TO_SHOPIFY: Readonly<Record<TrackingStatus, FulfillmentEventStatus | null>> = {
  label_created: null,
  in_transit: "IN_TRANSIT",
  out_for_delivery: "OUT_FOR_DELIVERY",
  delivered: "DELIVERED",
  exception: "FAILURE",
  alert: null,
};

export const shopifyStatusForTracking = (s: TrackingStatus): FulfillmentEventStatus | null => TO_SHOPIFY[s];

/** The same event read twice (every poll returns the whole history) has the same id, so it is applied once. */
export function trackingEventId(carrierId: string, trackingNumber: string, e: TrackingEventInfo): string {
  return `${carrierId}:${trackingNumber}:${e.happenedAt}:${e.status}:${e.message}`.slice(0, 255);
}

/** The parcel's state is its latest event; before any event it is only a label. */
export function latestStatus(events: readonly TrackingEventInfo[]): TrackingStatus {
  const moving = events.filter((e) => e.status !== "alert");
  return moving.length ? moving[moving.length - 1].status : "label_created";
}

/** USPS has nothing to say before the parcel is picked up: the first look waits this long after the label. */
export const FIRST_POLL_AFTER_MS = 2 * HOUR;
/** A parcel not delivered after this long is no longer polled (lost, or never mailed); the merchant can look it up. */
export const GIVE_UP_AFTER_MS = 30 * 24 * HOUR;

/**
 * When to look again, by what the parcel is doing: out for delivery soon changes, a parcel in transit changes
 * a few times a day, a label not yet scanned may wait days. null: delivered, stop.
 */
export function nextPollDelayMs(status: TrackingStatus): number | null {
  switch (status) {
    case "delivered":
      return null;
    case "out_for_delivery":
      return 1 * HOUR;
    case "label_created":
      return 6 * HOUR;
    default:
      return 4 * HOUR;
  }
}
