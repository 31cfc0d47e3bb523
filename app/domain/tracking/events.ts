// Which rule events a fulfillment webhook "enters". Shopify may deliver create/update out of order and retries
// carry stale payloads, so everything is derived by comparing with the last state we stored.
import type { TrackingEvent } from "./event-rules";
import { shopifyStatusToEvent } from "./status-map";

export type FulfillmentTopic = "fulfillments/create" | "fulfillments/update";

interface KnownFulfillmentState {
  trackingNumbers: readonly string[];
  shipmentStatus: string | null;
}

interface FulfillmentSnapshot extends KnownFulfillmentState {
  /** REST `status`: pending | open | success | cancelled | error | failure. */
  status: string;
}

/** A cancelled or failed fulfillment shipped nothing, so no channel should hear about its tracking. */
const DEAD_STATUSES = new Set(["cancelled", "error", "failure"]);

function trackingSet(numbers: readonly string[]): string[] {
  return [...new Set(numbers.map((n) => n.trim()).filter((n) => n !== ""))].sort();
}

function sameTracking(a: readonly string[], b: readonly string[]): boolean {
  const x = trackingSet(a);
  const y = trackingSet(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * - create → fulfillment_created, plus tracking_changed when it carries tracking we have not seen.
 * - update → tracking_changed when the tracking set changed (order-insensitive, blanks ignored).
 * - either → the mapped shipment_status event when that status changed.
 * An update for a fulfillment we never saw (prev = null) does not invent fulfillment_created: it only reports
 * what it carries, so a rule on "created" never fires for fulfillments made before the app was installed.
 */
export function deriveEvents(
  prev: KnownFulfillmentState | null,
  next: FulfillmentSnapshot,
  topic: FulfillmentTopic,
): TrackingEvent[] {
  if (DEAD_STATUSES.has(next.status.toLowerCase())) return [];
  const events: TrackingEvent[] = [];
  if (topic === "fulfillments/create") events.push("fulfillment_created");

  const hasTracking = trackingSet(next.trackingNumbers).length > 0;
  if (hasTracking && (prev === null || !sameTracking(prev.trackingNumbers, next.trackingNumbers))) {
    events.push("tracking_changed");
  }

  const nextStatus = next.shipmentStatus?.trim().toLowerCase() || null;
  const prevStatus = prev?.shipmentStatus?.trim().toLowerCase() || null;
  if (nextStatus && nextStatus !== prevStatus) {
    const e = shopifyStatusToEvent(nextStatus);
    if (e) events.push(e);
  }
  return events;
}
