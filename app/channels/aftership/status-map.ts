// AfterShip `tag` → Shopify FulfillmentEventStatus. null means "record nothing".
// - Pending → null: AfterShip has no carrier data yet.
// - Expired → null: no carrier update for a long time; says nothing about the parcel.
// - Exception → FAILURE: customs hold, damage, returned to sender… all need the merchant's attention.
import type { FulfillmentEventStatus } from "~/domain/tracking/status-map";

const AFTERSHIP_TAG_MAP: Readonly<Record<string, FulfillmentEventStatus | null>> = {
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

const BY_LOWER = new Map(Object.entries(AFTERSHIP_TAG_MAP).map(([k, v]) => [k.toLowerCase(), v]));
export function aftershipTagToShopify(tag: string): FulfillmentEventStatus | null {
  return BY_LOWER.get(tag.trim().toLowerCase()) ?? null;
}
export function isKnownAftershipTag(tag: string): boolean {
  return BY_LOWER.has(tag.trim().toLowerCase());
}
