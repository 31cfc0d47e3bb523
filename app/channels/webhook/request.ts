// Pure builder for the merchant webhook (Intelipost-style). Top-level `order_number`, `tracking_code` and
// `invoice{invoice_series, invoice_number, invoice_key}` use Intelipost's names so receivers built for Intelipost
// need few changes; the nested objects carry the rest. Example: __fixtures__/tracking-event.json.
// The HMAC header is base64 HMAC-SHA256 of the exact body bytes (same scheme as Shopify and AfterShip).
import { createHmac } from "node:crypto";
import type { TrackingDelivery } from "../channel";
import { DEFAULT_SIGNATURE_HEADER, type WebhookSettings } from "./settings";

const WEBHOOK_PAYLOAD_VERSION = 1;

export function webhookUrl(s: WebhookSettings): string {
  const defaultPort = s.protocol === "https" ? 443 : 80;
  const port = s.port && s.port !== defaultPort ? `:${s.port}` : "";
  return `${s.protocol}://${s.host.replace(/\.$/, "")}${port}${s.path}`;
}

export function webhookPayload(delivery: TrackingDelivery, opts: { sentAt: string; test?: boolean }) {
  return {
    version: WEBHOOK_PAYLOAD_VERSION,
    event: opts.test ? "test" : (delivery.event ?? "tracking_changed"),
    event_id: delivery.deliveryKey ?? null,
    test: opts.test === true,
    sent_at: opts.sentAt,
    shop: delivery.shop,
    order_number: delivery.orderName,
    tracking_code: delivery.trackingValue,
    invoice: {
      invoice_series: delivery.nfe?.series ?? null,
      invoice_number: delivery.nfe?.number ?? null,
      invoice_key: delivery.nfe?.key ?? null,
    },
    order: {
      id: delivery.orderId,
      name: delivery.orderName,
      channel_order_id: delivery.channelOrderId ?? null,
      origin_country: delivery.originCountry,
      destination_country: delivery.destinationCountry,
      line_items: delivery.lineItems ?? [],
    },
    fulfillment: {
      id: delivery.fulfillmentId,
      shipment_status: delivery.status ?? null,
      occurred_at: delivery.occurredAt ?? null,
    },
    tracking: {
      value: delivery.trackingValue,
      numbers: delivery.trackingNumbers,
      company: delivery.trackingCompany ?? null,
      url: delivery.trackingUrl ?? null,
      service: delivery.service ?? null,
      carrier_fee:
        delivery.carrierFeeMinor !== undefined && delivery.currency
          ? { amount_minor: delivery.carrierFeeMinor, currency: delivery.currency }
          : null,
    },
  };
}
type WebhookPayload = ReturnType<typeof webhookPayload>;

function signBody(secret: string, bodyText: string): string {
  return createHmac("sha256", secret).update(bodyText, "utf8").digest("base64");
}

type WebhookRequestPlan =
  | { ok: true; url: string; bodyText: string; headers: Record<string, string> }
  | { ok: false; reason: string };

export function webhookRequest(
  settings: WebhookSettings,
  secrets: Record<string, string>,
  payload: WebhookPayload,
): WebhookRequestPlan {
  const bodyText = JSON.stringify(payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "Waypost-Webhooks/1",
    "x-waypost-event": payload.event,
  };
  if (payload.event_id) headers["x-waypost-event-id"] = payload.event_id;
  const auth = settings.auth;
  if (auth.kind === "basic") {
    if (!secrets.password) return { ok: false, reason: "The webhook uses Basic auth but has no password; set it and retry" };
    headers.authorization = `Basic ${Buffer.from(`${auth.username}:${secrets.password}`).toString("base64")}`;
  } else if (auth.kind === "hmac") {
    if (!secrets.hmacSecret) return { ok: false, reason: "The webhook uses HMAC signing but has no secret; set it and retry" };
    headers[(auth.header ?? DEFAULT_SIGNATURE_HEADER).toLowerCase()] = signBody(secrets.hmacSecret, bodyText);
  }
  return { ok: true, url: webhookUrl(settings), bodyText, headers };
}
