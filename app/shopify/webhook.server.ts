// Every webhook route starts here. Shopify's HMAC covers only the body: the topic, the shop and the webhook id
// are headers anyone holding a signed body can rewrite. So, beyond the signature, a webhook is accepted only when
//   - X-Shopify-Topic is the route's own topic (a fulfillment body sent to shop/redact is refused);
//   - the shop header is a shop domain and equals the shop the payload names, where it names one;
//   - the body is JSON (no NUL, bounded size and depth) and passes the topic's zod schema, before any effect;
//   - for destructive topics, X-Shopify-Triggered-At lies inside REPLAY_WINDOW_MS.
// Refusals are thrown Responses (4xx with a one-line reason) and logged; nothing here answers 5xx.
// Bodies replayed under a fresh webhook id are caught later by their hash (acceptOnce, bodyHash).
import crypto from "node:crypto";
import type { z } from "zod";
import { env } from "~/env.server";
import { logger } from "~/lib/logger.server";
import { isShopDomain, verifyShopifyHmac } from "./hmac.server";
import { shopifySecrets } from "./secrets.server";
import { parseBoundedJson } from "~/lib/bounded-json";

/** Shopify retries a failed delivery for up to 48 hours; 48 h + 1 h of slack, and 5 minutes of clock skew. */
const REPLAY_WINDOW_MS = 49 * 3600_000;
const CLOCK_SKEW_MS = 5 * 60_000;
/** Far above any real webhook (an order with hundreds of lines is well under 1 MB). */
const MAX_WEBHOOK_BYTES = 2 * 1024 * 1024;

interface WebhookSpec<S extends z.ZodType> {
  /** The topic path, as in shopify.app.toml: "shop/redact". */
  topic: string;
  schema: S;
  /** Erases or deactivates: refused outside the replay window. */
  destructive?: boolean;
}

interface VerifiedWebhook<T> {
  shop: string;
  /** The library's storage form ("SHOP_REDACT"), which receipts already use. */
  topic: string;
  webhookId: string;
  eventId?: string;
  bodyHash: string;
  /** The schema's output. Named `body`, not `payload`, so spreading a hook into acceptOnce stores no payload. */
  body: T;
  /** The parsed body before the schema dropped or transformed anything. */
  json: unknown;
}

const storageForm = (topic: string) => topic.trim().toUpperCase().replace(/\//g, "_");

function refuse(status: number, reason: string, context: Record<string, unknown>): never {
  logger.warn("webhook refused", { status, reason, ...context });
  throw new Response(reason, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export async function receiveWebhook<S extends z.ZodType>(request: Request, spec: WebhookSpec<S>, now = new Date()): Promise<VerifiedWebhook<z.output<S>>> {
  const topic = storageForm(spec.topic);
  const h = (name: string) => request.headers.get(name);
  const context = { route: spec.topic, topic: h("X-Shopify-Topic"), shop: h("X-Shopify-Shop-Domain"), webhookId: h("X-Shopify-Webhook-Id") };
  if (request.method !== "POST") refuse(405, "webhooks are POST only", context);
  if (Number(h("Content-Length") ?? 0) > MAX_WEBHOOK_BYTES) refuse(413, "body too large", context);
  const raw = Buffer.from(await request.arrayBuffer());
  if (raw.length > MAX_WEBHOOK_BYTES) refuse(413, "body too large", context);
  if (!verifyShopifyHmac(raw, h("X-Shopify-Hmac-Sha256"), shopifySecrets(now))) refuse(401, "HMAC verification failed", context);

  const shop = h("X-Shopify-Shop-Domain");
  const webhookId = h("X-Shopify-Webhook-Id");
  const sentTopic = h("X-Shopify-Topic");
  if (!sentTopic) refuse(400, "missing X-Shopify-Topic header", context);
  if (!webhookId || webhookId.length > 255) refuse(400, "missing or oversized X-Shopify-Webhook-Id header", context);
  if (!shop) refuse(400, "missing X-Shopify-Shop-Domain header", context);
  if (storageForm(sentTopic) !== topic) refuse(400, `this endpoint handles ${spec.topic}, not ${sentTopic.slice(0, 100)}`, context);
  if (!isShopDomain(shop, env().SHOP_CUSTOM_DOMAIN)) refuse(400, "X-Shopify-Shop-Domain is not a shop domain", context);
  if (spec.destructive) checkTriggeredAt(h("X-Shopify-Triggered-At"), now, context);

  const json = parseBoundedJson(raw.toString("utf8"));
  if (!json.ok) refuse(400, `body ${json.reason}`, context);
  const parsed = spec.schema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    refuse(400, `unexpected ${spec.topic} payload: ${issue?.path.join(".") || "body"}: ${issue?.message}`, context);
  }
  const named = shopNamedBy(json.value);
  if (named && named !== shop.toLowerCase()) refuse(400, "the payload names a different shop than X-Shopify-Shop-Domain", context);

  const eventId = h("X-Shopify-Event-Id");
  return {
    shop,
    topic,
    webhookId,
    ...(eventId ? { eventId: eventId.slice(0, 255) } : {}),
    bodyHash: crypto.createHash("sha256").update(raw).digest("base64url"),
    body: parsed.data,
    json: json.value,
  };
}

function checkTriggeredAt(header: string | null, now: Date, context: Record<string, unknown>) {
  const at = header ? Date.parse(header) : NaN;
  if (Number.isNaN(at)) refuse(400, "destructive topics need a valid X-Shopify-Triggered-At header", context);
  const age = now.getTime() - at;
  if (age > REPLAY_WINDOW_MS || age < -CLOCK_SKEW_MS) refuse(400, "X-Shopify-Triggered-At is outside the replay window", context);
}

/**
 * The shop a payload names: shop_domain (compliance topics), myshopify_domain (app/uninstalled's Shop resource),
 * or domain when it is a myshopify domain (a shop's primary `domain` may be its custom domain, which we cannot
 * compare with the header).
 */
function shopNamedBy(payload: unknown): string | null {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return null;
  const p = payload as Record<string, unknown>;
  for (const key of ["shop_domain", "myshopify_domain"]) if (typeof p[key] === "string") return (p[key] as string).toLowerCase();
  if (typeof p.domain === "string" && p.domain.toLowerCase().endsWith(".myshopify.com")) return p.domain.toLowerCase();
  return null;
}
