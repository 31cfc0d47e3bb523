// Shopify-shaped requests for tests: HMAC-signed webhooks and rate callbacks, session tokens, seeded sessions.
import crypto from "node:crypto";
import { Session } from "@shopify/shopify-api";

export const TEST_SHOP = "waypost-test.myshopify.com";
export const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

export const apiKey = () => process.env.SHOPIFY_API_KEY!;
export const apiSecret = () => process.env.SHOPIFY_API_SECRET!;

export function hmacOf(body: string, secret = apiSecret()) {
  return crypto.createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

export interface WebhookOptions {
  topic: string;
  shop?: string;
  body: unknown;
  webhookId?: string;
  eventId?: string;
  secret?: string;
  omit?: string[];
  tamper?: boolean;
  baseUrl?: string;
}

export function webhookRequest(path: string, o: WebhookOptions): Request {
  const raw = JSON.stringify(o.body);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": o.topic,
    "X-Shopify-Shop-Domain": o.shop ?? TEST_SHOP,
    "X-Shopify-Hmac-Sha256": hmacOf(raw, o.secret),
    "X-Shopify-Webhook-Id": o.webhookId ?? crypto.randomUUID(),
    "X-Shopify-API-Version": "2025-10",
    "X-Shopify-Triggered-At": new Date().toISOString(),
  };
  if (o.eventId) headers["X-Shopify-Event-Id"] = o.eventId;
  for (const name of o.omit ?? []) delete headers[name];
  const sent = o.tamper ? raw.replace(/}$/, ',"tampered":true}') : raw;
  return new Request(`${o.baseUrl ?? process.env.SHOPIFY_APP_URL}${path}`, { method: "POST", headers, body: sent });
}

/** A session token (App Bridge id token) as Shopify signs it: HS256 with the app secret, aud = API key. */
export function sessionToken(shop = TEST_SHOP, { ttlSeconds = 60, secret = apiSecret(), key = apiKey() } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const header = b64({ alg: "HS256", typ: "JWT" });
  const payload = b64({
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: key,
    sub: "42",
    exp: now + ttlSeconds,
    nbf: now - 5,
    iat: now,
    jti: crypto.randomUUID(),
    sid: crypto.randomUUID(),
  });
  const signature = crypto.createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

export function offlineSession(shop = TEST_SHOP, accessToken = "shpat_seeded_token") {
  return new Session({ id: `offline_${shop}`, shop, state: "seeded", isOnline: false, accessToken, scope: "write_shipping,read_orders,write_fulfillments" });
}

export function embeddedAdminUrl(path: string, shop = TEST_SHOP, base = process.env.SHOPIFY_APP_URL!) {
  const host = Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString("base64url");
  return `${base}${path}?embedded=1&shop=${shop}&host=${host}&id_token=${sessionToken(shop)}`;
}
