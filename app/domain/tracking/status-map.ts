// Shopify FulfillmentEventStatus (Admin GraphQL) and its rule events. Each inbound format maps its own carrier
// states onto these statuses in its channel folder.
import type { TrackingEvent } from "./event-rules";

export const FULFILLMENT_EVENT_STATUSES = [
  "ATTEMPTED_DELIVERY",
  "CARRIER_PICKED_UP",
  "CONFIRMED",
  "DELAYED",
  "DELIVERED",
  "FAILURE",
  "IN_TRANSIT",
  "LABEL_PRINTED",
  "LABEL_PURCHASED",
  "OUT_FOR_DELIVERY",
  "READY_FOR_PICKUP",
] as const;
export type FulfillmentEventStatus = (typeof FULFILLMENT_EVENT_STATUSES)[number];

/**
 * Shopify status (upper case GraphQL or lower case REST `shipment_status`) → rule event. Label, pickup and delay
 * states have no rule event: merchants cannot select them, so they never trigger a push.
 */
export function shopifyStatusToEvent(status: string): TrackingEvent | null {
  switch (status.trim().toUpperCase()) {
    case "CONFIRMED":
      return "confirmed";
    case "IN_TRANSIT":
      return "in_transit";
    case "OUT_FOR_DELIVERY":
      return "out_for_delivery";
    case "DELIVERED":
      return "delivered";
    case "FAILURE":
      return "failure";
    case "ATTEMPTED_DELIVERY":
      return "attempted_delivery";
    case "READY_FOR_PICKUP":
      return "ready_for_pickup";
    default:
      return null;
  }
}
