// Connecting a shop's UPS account: the authorization-code flow (authorize URL with sealed state + PKCE, callback
// code exchange), client credentials, the first rating call that verifies the account and yields a diagnosis,
// and disconnect. Routes parse and redirect; everything with I/O is here.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import prisma, { type Db } from "~/db.server";
import { env } from "~/env.server";
import { RateRequestSchema, type RateRequest } from "~/carriers/carrier";
import { exchangeAuthorizationCode } from "~/carriers/ups/client.server";
import type { UpsMessage } from "~/carriers/ups/errors";
import { upsConnector } from "~/carriers/ups/index.server";
import { buildAuthorizeUrl, pkceChallenge, pkceVerifier } from "~/carriers/ups/oauth";
import { UPS_HOSTS, UpsSettingsSchema, type UpsAppCredentials, type UpsSecrets, type UpsSettings } from "~/carriers/ups/settings";
import type { Keyring } from "~/lib/crypto.server";
import { logger } from "~/lib/logger.server";
import { createOAuthState, readOAuthState } from "~/lib/oauth-state.server";
import { currentKeyring } from "~/lib/secrets.server";
import {
  deleteCarrierConnection,
  getCarrierConnection,
  listCarrierConnections,
  readCarrierSecrets,
  saveCarrierSecrets,
  updateCarrierConnection,
  upsertCarrierConnection,
  type CarrierConnectionView,
  type ConnectionStatus,
} from "./carrier-connections.server";

export const UPS_CALLBACK_PATH = "/carriers/ups/callback";

export interface UpsConnectDeps {
  db: Db;
  fetch: typeof fetch;
  now: () => number;
  keyring: Keyring;
  /** The app's public URL: the callback UPS redirects to is under it. */
  appUrl: string;
  /** Waypost's UPS developer app; null when UPS_CLIENT_ID / UPS_CLIENT_SECRET are not set. */
  app: UpsAppCredentials | null;
  /** Replaces both UPS hosts (the loopback fake in the demo and tests). */
  baseUrl?: string;
  /** The embedded admin URL of an app path for a shop: where the callback sends the merchant back. */
  adminUrl: (shop: string, appPath: string) => string;
}

export function shopifyAdminUrl(apiKey: string, returnUrl?: string) {
  return (shop: string, appPath: string) =>
    returnUrl ? `${returnUrl}${encodeURIComponent(appPath)}` : `https://admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}/apps/${apiKey}${appPath}`;
}

export function upsConnectDeps(over: Partial<UpsConnectDeps> = {}): UpsConnectDeps {
  const e = env();
  return {
    db: prisma,
    fetch: globalThis.fetch,
    now: Date.now,
    keyring: currentKeyring(),
    appUrl: e.SHOPIFY_APP_URL,
    app: e.UPS_CLIENT_ID && e.UPS_CLIENT_SECRET ? { clientId: e.UPS_CLIENT_ID, clientSecret: e.UPS_CLIENT_SECRET } : null,
    ...(e.UPS_BASE_URL ? { baseUrl: e.UPS_BASE_URL } : {}),
    adminUrl: shopifyAdminUrl(e.SHOPIFY_API_KEY, e.ADMIN_RETURN_URL),
    ...over,
  };
}

const host = (d: UpsConnectDeps, mode: UpsSettings["mode"]) => d.baseUrl ?? UPS_HOSTS[mode];
const redirectUri = (d: UpsConnectDeps) => new URL(UPS_CALLBACK_PATH, d.appUrl).toString();

/** What the merchant types before leaving for UPS's sign-in (the authorization-code draft). */
export const UpsAccountFormSchema = UpsSettingsSchema.pick({ accountNumber: true, accountPostalCode: true, accountCountry: true, mode: true });
export const UpsClientCredentialsFormSchema = UpsAccountFormSchema.extend({
  clientId: z.string().trim().min(1, "is required").max(200),
  clientSecret: z.string().trim().min(1, "is required").max(200),
});

export type StartResult = { ok: true; url: string } | { ok: false; message: string };

/** The UPS authorize URL for this shop, carrying a sealed, expiring state with the draft and the PKCE verifier. */
export function startUpsAuthorization(d: UpsConnectDeps, shop: string, draft: z.output<typeof UpsAccountFormSchema>): StartResult {
  if (!d.app) return { ok: false, message: "Waypost's UPS app is not configured on this server (UPS_CLIENT_ID and UPS_CLIENT_SECRET). Use your own UPS app (client credentials) instead." };
  const verifier = pkceVerifier(randomBytes(32));
  const state = createOAuthState({ shop, carrierId: "ups", verifier, draft }, { keyring: d.keyring, now: d.now });
  const url = buildAuthorizeUrl({ baseUrl: host(d, draft.mode), clientId: d.app.clientId, redirectUri: redirectUri(d), state, codeChallenge: pkceChallenge(verifier) });
  return { ok: true, url };
}

export type CallbackOutcome =
  | { kind: "invalid_state"; reason: string }
  | { kind: "denied"; shop: string }
  | { kind: "exchange_failed"; shop: string; message: string }
  | { kind: "connected"; shop: string; status: ConnectionStatus; connectionId: string };

/** The end of the authorization-code flow. The sealed state is the only trust: no Shopify session comes back from UPS. */
export async function completeUpsAuthorization(d: UpsConnectDeps, params: URLSearchParams): Promise<CallbackOutcome> {
  const read = readOAuthState(params.get("state"), { carrierId: "ups" }, { keyring: d.keyring, now: d.now });
  if (!read.ok) return { kind: "invalid_state", reason: read.reason };
  const { shop: domain, draft, verifier } = read.payload;
  if (params.get("error")) return { kind: "denied", shop: domain };
  const code = params.get("code");
  const settings = UpsSettingsSchema.safeParse({ ...draft, authKind: "authorization_code" });
  const shop = await d.db.shop.findUnique({ where: { domain }, select: { id: true, domain: true } });
  if (!code || !settings.success || !shop || !d.app) return { kind: "invalid_state", reason: "incomplete" };

  const exchanged = await exchangeAuthorizationCode(
    { baseUrl: host(d, settings.data.mode), fetch: d.fetch, now: d.now },
    { code, redirectUri: redirectUri(d), clientId: d.app.clientId, codeVerifier: verifier },
  );
  if (!exchanged.ok) return { kind: "exchange_failed", shop: domain, message: exchanged.messages[0]?.message ?? "UPS refused the sign-in" };
  const view = await upsertCarrierConnection(d.db, shop.id, {
    carrierId: "ups",
    accountNumber: settings.data.accountNumber,
    mode: settings.data.mode,
    status: "pending",
    settings: settings.data,
    secrets: exchanged.value,
    tokenExpiresAt: new Date(exchanged.value.accessTokenExpiresAt),
    lastError: null,
  });
  const status = await verifyUpsConnection(d, shop, view.id);
  return { kind: "connected", shop: domain, status, connectionId: view.id };
}

/** A merchant's own UPS developer app: client id and secret, the shipper number as x-merchant-id. */
export async function connectUpsClientCredentials(
  d: UpsConnectDeps,
  shop: { id: string; domain: string },
  input: z.output<typeof UpsClientCredentialsFormSchema>,
): Promise<{ status: ConnectionStatus; connectionId: string }> {
  const { clientId, clientSecret, ...account } = input;
  const view = await upsertCarrierConnection(d.db, shop.id, {
    carrierId: "ups",
    accountNumber: account.accountNumber,
    mode: account.mode,
    status: "pending",
    settings: { ...account, authKind: "client_credentials" },
    secrets: { kind: "client_credentials", clientId, clientSecret } satisfies UpsSecrets,
    lastError: null,
  });
  return { status: await verifyUpsConnection(d, shop, view.id), connectionId: view.id };
}

/** A well-known destination in the account's own country, so the first call is a plain domestic rate. */
const PROBE_DESTINATION: Record<string, { postalCode: string; province?: string; currency: string }> = {
  US: { postalCode: "10001", province: "NY", currency: "USD" },
  CA: { postalCode: "M5V 2T6", province: "ON", currency: "CAD" },
};

export interface UpsDiagnosis {
  checkedAt: string;
  outcome: "negotiated" | "published_only" | "failed";
  services: number;
  messages: { code: string; message: string }[];
}

/**
 * Verifies the account with one Shop call (UPS's token says nothing about which accounts the user may use) and
 * stores the result: status, diagnosis (120900, 111580, authentication…) and the last error.
 */
export async function verifyUpsConnection(d: UpsConnectDeps, shop: { id: string; domain: string }, connectionId: string): Promise<ConnectionStatus> {
  const ref = { shopId: shop.id, id: connectionId };
  const view = await getCarrierConnection(d.db, ref);
  if (!view) return "disconnected";
  const settings = UpsSettingsSchema.parse(view.settings);
  const secrets = upsConnector.secretsSchema.parse(await readCarrierSecrets(d.db, ref));
  const probe = PROBE_DESTINATION[settings.accountCountry] ?? { postalCode: settings.accountPostalCode, currency: "USD" };
  const source = upsConnector.createSource(
    { id: connectionId, shop: shop.domain, mode: view.mode, settings, secrets, saveSecrets: async (next) => void (await saveCarrierSecrets(d.db, ref, next)) },
    { fetch: d.fetch, now: d.now, ...(d.baseUrl ? { baseUrl: d.baseUrl } : {}), ...(d.app ? { appCredentials: d.app } : {}) },
    { services: [] },
  );
  const request: RateRequest = RateRequestSchema.parse({
    shop: shop.domain,
    origin: { country: settings.accountCountry, postalCode: settings.accountPostalCode },
    destination: { country: settings.accountCountry, postalCode: probe.postalCode, province: probe.province },
    packages: [{ grams: 454, billableGrams: 454, dimensionsMm: { l: 254, w: 203.2, h: 101.6 } }],
    services: [],
    currency: probe.currency,
    subtotal: { amount: 0, currency: probe.currency },
  });
  const result = await source.rate(request, { signal: AbortSignal.timeout(10_000) });
  const messages = result.messages as UpsMessage[];
  const negotiated = result.quotes.some((q) => q.details?.pricing === "negotiated");
  const diagnosis: UpsDiagnosis = {
    checkedAt: new Date(d.now()).toISOString(),
    outcome: result.quotes.length === 0 ? "failed" : negotiated ? "negotiated" : "published_only",
    services: result.quotes.length,
    messages: messages.filter((m) => m.action !== "none" || m.level === "error").map((m) => ({ code: m.code, message: m.message })),
  };
  const status: ConnectionStatus =
    result.quotes.length > 0 ? "connected"
    : messages.some((m) => m.action === "reconnect") ? "needs_reconnect"
    : messages.every((m) => m.action === "retry_later") ? "connected" // UPS is down now; rating retries, the diagnosis says so
    : "pending";
  const problem = diagnosis.messages.find((m) => !m.code.startsWith("none/"));
  await updateCarrierConnection(d.db, ref, { status, diagnosis, lastError: result.quotes.length === 0 ? (problem?.message ?? "UPS returned no rates") : null });
  logger.info("ups connection verified", { shop: shop.domain, connection: connectionId, status, outcome: diagnosis.outcome });
  return status;
}

export async function disconnectUps(db: Db, shopId: string, connectionId: string): Promise<boolean> {
  return deleteCarrierConnection(db, { shopId, id: connectionId });
}

/** The shop's UPS connections, newest first, without credentials. */
export async function upsConnections(db: Db, shopId: string): Promise<CarrierConnectionView[]> {
  return (await listCarrierConnections(db, shopId)).filter((c) => c.carrierId === "ups").reverse();
}
