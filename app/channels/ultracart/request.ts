// Pure request builder for UltraCart's "ship orders" call.
//
// Where each part of the shipment update goes (ShipStation sends status, tracking, carrier, service, fee):
// - status: implied — this call marks the order shipped for the distribution center; there is no status field.
// - tracking number(s): `tracking_numbers[]` — the connection's tracking value first, then the fulfillment's
//   other numbers.
// - carrier fee: `shipping_cost`, a decimal in the fee's currency (assumed to be the order's currency; UltraCart
//   has no currency field here).
// - carrier and service: not accepted by FulfillmentShipment, so they are not sent. UltraCart builds tracking
//   links from the number itself.
// - fulfillment_fee / package_cost: omitted — Waypost does not know them, and 0 would claim they were free.
import { minorToDecimalString } from "~/domain/money";
import type { TrackingDelivery } from "../channel";
import { ULTRACART_API_VERSION, type UltraCartSettings } from "./settings";

export interface UltraCartShipmentBody {
  order_id: string;
  tracking_numbers: string[];
  shipping_cost?: number;
}

type UltraCartPlan = { ok: true; dc: string; body: UltraCartShipmentBody[] } | { ok: false; reason: string };

export function ultracartShipmentPlan(delivery: TrackingDelivery, settings: UltraCartSettings): UltraCartPlan {
  if (!delivery.channelOrderId) {
    return { ok: false, reason: `Order ${delivery.orderName} has no UltraCart order id; it may not have come from UltraCart` };
  }
  const tracking = [...new Set([delivery.trackingValue, ...delivery.trackingNumbers].map((t) => t.trim()).filter(Boolean))];
  if (tracking.length === 0) {
    return { ok: false, reason: `Order ${delivery.orderName} has no tracking number; add one in Shopify and retry` };
  }
  const shipment: UltraCartShipmentBody = { order_id: delivery.channelOrderId, tracking_numbers: tracking };
  if (settings.sendCarrierFee !== false && delivery.carrierFeeMinor !== undefined && delivery.currency) {
    shipment.shipping_cost = Number(minorToDecimalString(delivery.carrierFeeMinor, delivery.currency));
  }
  return { ok: true, dc: settings.distributionCenterCode, body: [shipment] };
}

export function ultracartShipmentsUrl(baseUrl: string, dc: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/rest/v2/fulfillment/distribution_centers/${encodeURIComponent(dc)}/shipments`;
}

export function ultracartHeaders(simpleKey: string): Record<string, string> {
  return { "x-ultracart-simple-key": simpleKey, "x-ultracart-api-version": ULTRACART_API_VERSION };
}

export function ultracartDistributionCentersUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/rest/v2/fulfillment/distribution_centers`;
}
