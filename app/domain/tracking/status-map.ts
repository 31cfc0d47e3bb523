// Carrier-side tracking states → Shopify FulfillmentEventStatus (Admin GraphQL). null means "record nothing":
// the state says nothing new about where the parcel is, so a Shopify event would only add noise for the buyer.
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
 * Intelipost `shipment_order_volume_state`.
 * - NEW → null: the shipment order exists at Intelipost, nothing physical happened yet.
 * - READY_FOR_SHIPPING → LABEL_PRINTED: packed and labelled, waiting for the carrier.
 * - SHIPPED → CONFIRMED: handed to the carrier. CARRIER_PICKED_UP would fit better but only exists from Admin
 *   2025-10; CONFIRMED works on every supported API version.
 * - CLARIFY_DELIVERY_FAIL → ATTEMPTED_DELIVERY: a failed attempt under investigation, not yet final.
 * - DELIVERY_FAILED → FAILURE: final.
 */
export const INTELIPOST_STATE_MAP: Readonly<Record<string, FulfillmentEventStatus | null>> = {
  NEW: null,
  READY_FOR_SHIPPING: "LABEL_PRINTED",
  SHIPPED: "CONFIRMED",
  IN_TRANSIT: "IN_TRANSIT",
  TO_BE_DELIVERED: "OUT_FOR_DELIVERY",
  DELIVERED: "DELIVERED",
  CLARIFY_DELIVERY_FAIL: "ATTEMPTED_DELIVERY",
  DELIVERY_FAILED: "FAILURE",
};

/**
 * AfterShip `tag`.
 * - Pending → null: AfterShip has no carrier data yet.
 * - Expired → null: no carrier update for a long time; says nothing about the parcel.
 * - Exception → FAILURE: customs hold, damage, returned to sender… all need the merchant's attention.
 */
export const AFTERSHIP_TAG_MAP: Readonly<Record<string, FulfillmentEventStatus | null>> = {
  Pending: null,
  InfoReceived: "CONFIRMED",
  InTransit: "IN_TRANSIT",
  OutForDelivery: "OUT_FOR_DELIVERY",
  AttemptFail: "ATTEMPTED_DELIVERY",
  Delivered: "DELIVERED",
  AvailableForPickup: "READY_FOR_PICKUP",
  Exception: "FAILURE",
  Expired: null,
};

/** Unknown states also give null; use `isKnownIntelipostState` to tell "ignored" from "unknown" when logging. */
export function intelipostStateToShopify(state: string): FulfillmentEventStatus | null {
  return INTELIPOST_STATE_MAP[state.trim().toUpperCase()] ?? null;
}
export function isKnownIntelipostState(state: string): boolean {
  return state.trim().toUpperCase() in INTELIPOST_STATE_MAP;
}

const AFTERSHIP_BY_LOWER = new Map(Object.entries(AFTERSHIP_TAG_MAP).map(([k, v]) => [k.toLowerCase(), v]));
export function aftershipTagToShopify(tag: string): FulfillmentEventStatus | null {
  return AFTERSHIP_BY_LOWER.get(tag.trim().toLowerCase()) ?? null;
}
export function isKnownAftershipTag(tag: string): boolean {
  return AFTERSHIP_BY_LOWER.has(tag.trim().toLowerCase());
}

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
