// Intelipost `shipment_order_volume_state` → Shopify FulfillmentEventStatus. null means "record nothing": the
// state says nothing new about where the parcel is.
// - NEW → null: the shipment order exists at Intelipost, nothing physical happened yet.
// - READY_FOR_SHIPPING → LABEL_PRINTED: packed and labelled, waiting for the carrier.
// - SHIPPED → CONFIRMED: handed to the carrier. CARRIER_PICKED_UP would fit better but only exists from Admin
//   2025-10; CONFIRMED works on every supported API version.
// - CLARIFY_DELIVERY_FAIL → ATTEMPTED_DELIVERY: a failed attempt under investigation, not yet final.
// - DELIVERY_FAILED → FAILURE: final.
import type { FulfillmentEventStatus } from "~/domain/tracking/status-map";

const INTELIPOST_STATE_MAP: Readonly<Record<string, FulfillmentEventStatus | null>> = {
  NEW: null,
  READY_FOR_SHIPPING: "LABEL_PRINTED",
  SHIPPED: "CONFIRMED",
  IN_TRANSIT: "IN_TRANSIT",
  TO_BE_DELIVERED: "OUT_FOR_DELIVERY",
  DELIVERED: "DELIVERED",
  CLARIFY_DELIVERY_FAIL: "ATTEMPTED_DELIVERY",
  DELIVERY_FAILED: "FAILURE",
};

/** Unknown states also give null; use `isKnownIntelipostState` to tell "ignored" from "unknown" when logging. */
export function intelipostStateToShopify(state: string): FulfillmentEventStatus | null {
  return INTELIPOST_STATE_MAP[state.trim().toUpperCase()] ?? null;
}
export function isKnownIntelipostState(state: string): boolean {
  return state.trim().toUpperCase() in INTELIPOST_STATE_MAP;
}
