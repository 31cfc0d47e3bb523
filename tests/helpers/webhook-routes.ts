// Every webhook route with a valid payload for a shop: one table shared by the binding tests and the fuzz suite,
// so a new topic is added in one place.
import crypto from "node:crypto";
import { hmacOf } from "./shopify";
import { action as uninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as scopesUpdate } from "~/routes/webhooks.app.scopes_update";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { action as customersRedact } from "~/routes/webhooks.customers.redact";
import { action as dataRequest } from "~/routes/webhooks.customers.data_request";
import { action as fulfillmentsCreate } from "~/routes/webhooks.fulfillments.create";
import { action as fulfillmentsUpdate } from "~/routes/webhooks.fulfillments.update";

export type RouteAction = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>;

export interface WebhookRoute {
  topic: string;
  path: string;
  action: RouteAction;
  destructive: boolean;
  body: (shop: string) => Record<string, unknown>;
}

const fulfillment = () => ({ id: 9001, order_id: 5001, status: "success", tracking_company: "UPS", tracking_number: "1Z999", line_items: [] });

export const WEBHOOK_ROUTES: WebhookRoute[] = [
  { topic: "app/uninstalled", path: "/webhooks/app/uninstalled", action: uninstalled, destructive: true, body: (shop) => ({ id: 1, name: "Shop", domain: "shop.example.com", myshopify_domain: shop }) },
  { topic: "app/scopes_update", path: "/webhooks/app/scopes_update", action: scopesUpdate, destructive: false, body: () => ({ id: 1, previous: ["read_orders"], current: ["read_orders", "write_shipping"], updated_at: "2026-12-01T10:00:00Z" }) },
  { topic: "shop/redact", path: "/webhooks/shop/redact", action: shopRedact, destructive: true, body: (shop) => ({ shop_id: 1, shop_domain: shop }) },
  { topic: "customers/redact", path: "/webhooks/customers/redact", action: customersRedact, destructive: true, body: (shop) => ({ shop_id: 1, shop_domain: shop, customer: { id: 7, email: "jane@example.com" }, orders_to_redact: [5001] }) },
  { topic: "customers/data_request", path: "/webhooks/customers/data_request", action: dataRequest, destructive: false, body: (shop) => ({ shop_id: 1, shop_domain: shop, customer: { id: 7 }, orders_requested: [5001], data_request: { id: 3 } }) },
  { topic: "fulfillments/create", path: "/webhooks/fulfillments/create", action: fulfillmentsCreate, destructive: false, body: fulfillment },
  { topic: "fulfillments/update", path: "/webhooks/fulfillments/update", action: fulfillmentsUpdate, destructive: false, body: fulfillment },
];

export interface RawWebhook {
  topic: string;
  shop: string;
  raw: string;
  webhookId?: string;
  triggeredAt?: string | null;
  secret?: string;
  headers?: Record<string, string>;
}

/** A webhook signed over exactly `raw`, headers as Shopify sends them unless overridden. */
export function signedWebhook(path: string, o: RawWebhook): Request {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": o.topic,
    "X-Shopify-Shop-Domain": o.shop,
    "X-Shopify-Hmac-Sha256": hmacOf(o.raw, o.secret),
    "X-Shopify-Webhook-Id": o.webhookId ?? crypto.randomUUID(),
    "X-Shopify-API-Version": "2025-10",
    ...(o.triggeredAt === null ? {} : { "X-Shopify-Triggered-At": o.triggeredAt ?? new Date().toISOString() }),
    ...o.headers,
  };
  return new Request(`${process.env.SHOPIFY_APP_URL}${path}`, { method: "POST", headers, body: o.raw });
}

/** The route's status, whether it answered or threw a Response (anything else is a 5xx). */
export async function deliverTo(action: RouteAction, request: Request): Promise<{ status: number; text: string }> {
  try {
    const res = await action({ request, params: {}, context: {} });
    return { status: res.status, text: await res.text() };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, text: await thrown.text() };
    return { status: 500, text: String(thrown) };
  }
}
