// Verifies X-Shopify-Hmac-Sha256: base64 HMAC-SHA256 of the raw body with the app secret, compared in constant
// time. During a rotation the caller passes shopifySecrets() (current, plus the old one until it expires).
import crypto from "node:crypto";

export function verifyShopifyHmac(rawBody: string | Buffer, header: string | null | undefined, secrets: string[]): boolean {
  if (!header) return false;
  const given = Buffer.from(header, "base64");
  if (given.length !== 32) return false;
  return secrets.some((secret) => {
    const expected = crypto.createHmac("sha256", secret).update(rawBody).digest();
    return crypto.timingSafeEqual(expected, given);
  });
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function isShopDomain(value: string | null | undefined, customDomain?: string): value is string {
  if (!value) return false;
  return SHOP_DOMAIN.test(value) || (customDomain !== undefined && value.endsWith(`.${customDomain}`));
}
