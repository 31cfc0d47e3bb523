// The Shopify app object, as in Shopify's Remix template, but built from the validated environment.
import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { getDb } from "./db.server";
import { env } from "./env.server";
import { PrismaSessionStorage } from "./shopify/session-storage.server";
import { afterInstall } from "./services/install.server";
import { withRotatedSessionToken } from "./shopify/session-token-rotation.server";

const config = env();

export const sessionStorage = new PrismaSessionStorage(getDb);

const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion: ApiVersion.October25,
  scopes: config.SCOPES.split(","),
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage,
  distribution: AppDistribution.AppStore,
  future: { unstable_newEmbeddedAuthStrategy: true },
  logger: { level: ({ debug: LogSeverity.Debug, info: LogSeverity.Info, warn: LogSeverity.Warning, error: LogSeverity.Error } as const)[config.LOG_LEVEL ?? (config.NODE_ENV === "test" ? "error" : "info")] },
  hooks: {
    afterAuth: async ({ session, admin }) => {
      await afterInstall({ shop: session.shop, admin });
    },
  },
  ...(config.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [config.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const apiVersion = ApiVersion.October25;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
// admin: session tokens signed with the old secret are honoured for exactly as long as webhooks and rate callbacks
// honour it (app/shopify/secrets.server.ts).
export const authenticate: typeof shopify.authenticate = {
  ...shopify.authenticate,
  admin: (async (request: Request) => shopify.authenticate.admin(await withRotatedSessionToken(request))) as typeof shopify.authenticate.admin,
};
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
