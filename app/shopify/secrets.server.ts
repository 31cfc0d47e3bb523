// The app secrets a Shopify signature may use right now: the current one, plus the previous one until its
// expiry (env.server.ts). Webhooks, rate callbacks and session tokens all ask here, so a rotation behaves the
// same on every entry point and the old secret stops working at the same instant everywhere.
import { env } from "~/env.server";

export function shopifySecrets(now: Date = new Date()): string[] {
  const config = env();
  const old = config.SHOPIFY_API_SECRET_OLD;
  const expires = config.SHOPIFY_API_SECRET_OLD_EXPIRES_AT;
  return old && expires && now < expires ? [config.SHOPIFY_API_SECRET, old] : [config.SHOPIFY_API_SECRET];
}
