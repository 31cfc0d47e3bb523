// Checkout UI extension session tokens as Shopify signs them: HS256 with the app secret, aud = the app's client id,
// dest = the shop's bare domain (no scheme, unlike admin tokens), sub only for a logged-in buyer.
import crypto from "node:crypto";
import { apiKey, apiSecret, BROWSER_UA } from "./shopify";

export interface CheckoutTokenOptions {
  shop?: string;
  ttlSeconds?: number;
  secret?: string;
  aud?: string;
  /** Replace the signature with another token's, as a forger would. */
  alg?: "HS256" | "none";
}

export function checkoutSessionToken({ shop = "checkout-test.myshopify.com", ttlSeconds = 300, secret = apiSecret(), aud = apiKey(), alg = "HS256" }: CheckoutTokenOptions = {}) {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const header = b64({ alg, typ: "JWT" });
  const payload = b64({ dest: shop, aud, exp: now + ttlSeconds, nbf: now - 5, iat: now - 5, jti: crypto.randomUUID() });
  const signature = alg === "none" ? "" : crypto.createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

/** A request as the extension's fetch sends it: from Shopify's extension CDN origin, in a browser worker. */
export function extensionRequest(path: string, { token, body, method = "POST", headers = {} }: { token?: string; body?: unknown; method?: string; headers?: Record<string, string> } = {}) {
  const h: Record<string, string> = { Origin: "https://extensions.shopifycdn.com", "User-Agent": BROWSER_UA, ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  let sent: string | undefined;
  if (body !== undefined) {
    h["Content-Type"] = "application/json";
    sent = typeof body === "string" ? body : JSON.stringify(body);
  }
  return new Request(`${process.env.SHOPIFY_APP_URL}${path}`, { method, headers: h, body: sent });
}
