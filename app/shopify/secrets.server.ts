// The app secrets a Shopify signature may use right now: the current one, plus the previous one until its
// expiry (env.server.ts). Webhooks, rate callbacks and session tokens all ask here, so a rotation behaves the
// same on every entry point and the old secret stops working at the same instant everywhere.
import { env, type Env } from "~/env.server";

type SecretConfig = Pick<Env, "SHOPIFY_API_SECRET" | "SHOPIFY_API_SECRET_OLD" | "SHOPIFY_API_SECRET_OLD_EXPIRES_AT">;

export function activeShopifySecrets(config: SecretConfig, now: Date): string[] {
  const old = config.SHOPIFY_API_SECRET_OLD;
  const expires = config.SHOPIFY_API_SECRET_OLD_EXPIRES_AT;
  return old && expires && now < expires ? [config.SHOPIFY_API_SECRET, old] : [config.SHOPIFY_API_SECRET];
}

export function shopifySecrets(now: Date = new Date()): string[] {
  return activeShopifySecrets(env(), now);
}
