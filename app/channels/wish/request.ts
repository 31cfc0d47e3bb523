// Pure request builders for Wish Merchant API v3.
import { carrierNameFor } from "~/domain/tracking/carrier-names";
import { WISH_CARRIER_NAMES } from "./carrier-names";
import { countryCode, type TrackingDelivery } from "../channel";
import type { WishSettings } from "./settings";

export interface WishUpdateTracking {
  tracking_number: string;
  shipping_provider: string;
  origin_country: string;
  ship_note?: string;
}

type WishTrackingPlan =
  | { ok: true; orderId: string; body: WishUpdateTracking }
  | { ok: false; reason: string };

export function wishTrackingPlan(delivery: TrackingDelivery, settings: WishSettings): WishTrackingPlan {
  if (!delivery.channelOrderId) {
    return { ok: false, reason: `Order ${delivery.orderName} has no Wish order id; it may not have come from Wish` };
  }
  const tracking = delivery.trackingValue.trim();
  if (!/^[A-Za-z0-9]+$/.test(tracking)) {
    return {
      ok: false,
      reason: `Order ${delivery.orderName}: Wish needs a tracking number of letters and digits only, got "${tracking}"; correct it in Shopify and retry`,
    };
  }
  let provider = settings.shippingProvider;
  if (!provider) {
    const mapped = carrierNameFor(delivery.trackingCompany, WISH_CARRIER_NAMES, settings.carrierOverrides);
    if (!mapped.ok) return { ok: false, reason: `Order ${delivery.orderName}: ${mapped.message}` };
    provider = mapped.name;
  }
  const origin = countryCode(delivery.originCountry);
  if (!origin) {
    return { ok: false, reason: `Order ${delivery.orderName} has no valid origin country; set the shop or location address` };
  }
  return {
    ok: true,
    orderId: delivery.channelOrderId,
    body: {
      tracking_number: tracking,
      shipping_provider: provider,
      origin_country: origin,
      ...(settings.shipNote ? { ship_note: settings.shipNote } : {}),
    },
  };
}

const base = (baseUrl: string) => baseUrl.replace(/\/+$/, "");

export function wishTrackingUrl(baseUrl: string, orderId: string): string {
  return `${base(baseUrl)}/api/v3/orders/${encodeURIComponent(orderId)}/tracking`;
}

export function wishOrderUrl(baseUrl: string, orderId: string): string {
  return `${base(baseUrl)}/api/v3/orders/${encodeURIComponent(orderId)}`;
}

export function wishShippingCarriersUrl(baseUrl: string): string {
  return `${base(baseUrl)}/api/v3/orders/shipping_carriers`;
}

export function wishRefreshUrl(baseUrl: string): string {
  return `${base(baseUrl)}/api/v3/oauth/refresh_token`;
}

export function wishAuthHeaders(accessToken: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}` };
}

export function wishRefreshBody(clientId: string, clientSecret: string, refreshToken: string) {
  return { client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken, grant_type: "refresh_token" };
}
