// Pure request builder for AfterShip "create a tracking".
import { carrierNameFor } from "~/domain/tracking/carrier-names";
import { AFTERSHIP_CARRIER_NAMES } from "./carrier-names";
import type { TrackingDelivery } from "../channel";
import { AFTERSHIP_DEFAULT_VERSION, type AfterShipSettings } from "./settings";

export interface AfterShipCreateTracking {
  slug?: string;
  tracking_number: string;
  order_id: string;
  order_number: string;
  title: string;
}

type AfterShipPlan = { ok: true; body: AfterShipCreateTracking } | { ok: false; reason: string };

/**
 * An unmappable carrier falls back to `defaultSlug`, else the slug is omitted and AfterShip detects the courier:
 * a missing slug is not worth blocking the push.
 */
export function aftershipTrackingPlan(delivery: TrackingDelivery, settings: AfterShipSettings): AfterShipPlan {
  const number = delivery.trackingValue.trim();
  if (number.length < 4 || number.length > 100) {
    return {
      ok: false,
      reason: `Order ${delivery.orderName}: AfterShip needs a tracking number of 4–100 characters, got "${number}"; correct it and retry`,
    };
  }
  const mapped = carrierNameFor(delivery.trackingCompany, AFTERSHIP_CARRIER_NAMES, settings.slugOverrides);
  const slug = mapped.ok ? mapped.name : settings.defaultSlug;
  return {
    ok: true,
    body: {
      ...(slug ? { slug } : {}),
      tracking_number: number,
      order_id: delivery.orderId,
      order_number: delivery.orderName,
      title: delivery.orderName,
    },
  };
}

export function aftershipUrl(baseUrl: string, settings: AfterShipSettings, resource: "trackings" | "couriers"): string {
  return `${baseUrl.replace(/\/+$/, "")}/tracking/${settings.apiVersion ?? AFTERSHIP_DEFAULT_VERSION}/${resource}`;
}

export function aftershipHeaders(apiKey: string): Record<string, string> {
  return { "as-api-key": apiKey, "content-type": "application/json" };
}
