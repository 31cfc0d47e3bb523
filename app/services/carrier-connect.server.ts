// Connecting a shop's carrier account, for every carrier alike (admin → Carriers → <carrier>): the page data,
// connect (credentials stored and verified at once, or the OAuth sign-in: authorize URL with a sealed state and
// PKCE, then the callback's code exchange), verify again, disconnect. The connector declares the form and performs
// the carrier's steps (app/carriers/admin.ts); this module owns the rows: secrets sealed, every update and delete
// scoped by both the connection id and the shop, cached carrier state deleted with the credentials.
import { randomBytes } from "node:crypto";
import type { CarrierAdmin, CarrierAnswerTrace, CarrierConnectionSummary, CarrierFormField, CarrierPanel } from "~/carriers/admin";
import type { AnyCarrierConnector, CarrierConnectionContext, CarrierDeps } from "~/carriers/connector";
import { carrierRegistry, type CarrierRegistry } from "~/carriers/registry.server";
import prisma, { type Db } from "~/db.server";
import { env } from "~/env.server";
import type { Keyring } from "~/lib/crypto.server";
import { zodFieldErrors, type FieldError } from "~/lib/field-errors";
import { logger } from "~/lib/logger.server";
import { say, verbatim, type Said } from "~/lib/said";
import { createOAuthState, readOAuthState } from "~/lib/oauth-state.server";
import { currentKeyring } from "~/lib/secrets.server";
import { carrierDepsFromEnv } from "./carrier-env.server";
import {
  deleteCarrierConnection,
  getCarrierConnection,
  listCarrierConnections,
  readCarrierSecrets,
  saveCarrierSecrets,
  updateCarrierConnection,
  upsertCarrierConnection,
  type CarrierConnectionView,
  type ConnectionRef,
  type ConnectionStatus,
} from "./carrier-connections.server";
import { deleteSharedCarrierState, sharedCarrierState } from "./carrier-state.server";
import { getShippingSetup } from "./shipping-config.server";

export interface CarrierConnectDeps {
  db: Db;
  fetch: typeof fetch;
  now: () => number;
  keyring: Keyring;
  carriers: CarrierRegistry;
  /** The app's public URL: the OAuth callback the carrier redirects to is under it. */
  appUrl: string;
  /** By carrier id, from the environment (tests: the loopback fakes). */
  baseUrls: Readonly<Record<string, string>>;
  /** Waypost's own developer app at each carrier that has one configured. */
  appCredentials: Readonly<Record<string, { clientId: string; clientSecret: string }>>;
  /** The embedded admin URL of an app path for a shop: where the callback sends the merchant back. */
  adminUrl: (shop: string, appPath: string) => string;
}

export function shopifyAdminUrl(apiKey: string, returnUrl?: string) {
  return (shop: string, appPath: string) =>
    returnUrl ? `${returnUrl}${encodeURIComponent(appPath)}` : `https://admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}/apps/${apiKey}${appPath}`;
}

export function carrierConnectDeps(over: Partial<CarrierConnectDeps> = {}): CarrierConnectDeps {
  const e = env();
  const shared = carrierDepsFromEnv(e);
  return {
    db: prisma,
    fetch: globalThis.fetch,
    now: Date.now,
    keyring: currentKeyring(),
    carriers: carrierRegistry,
    appUrl: e.SHOPIFY_APP_URL,
    baseUrls: shared.baseUrls ?? {},
    appCredentials: shared.appCredentials ?? {},
    adminUrl: shopifyAdminUrl(e.SHOPIFY_API_KEY, e.ADMIN_RETURN_URL),
    ...over,
  };
}

/** Where a carrier's sign-in comes back to (registered with the carrier; /carriers/ups/callback for UPS). */
export const carrierCallbackPath = (carrierId: string) => `/carriers/${carrierId}/callback`;
export const carrierPagePath = (carrierId: string) => `/app/carriers/${carrierId}`;

type Connectable = AnyCarrierConnector & { admin: CarrierAdmin<unknown, unknown> };

/** A registered carrier with a connect piece; null for unknown ids and the connection-less table carrier. */
export function connectableCarrier(carriers: CarrierRegistry, carrierId: string): Connectable | null {
  const c = carriers.get(carrierId);
  return c && c.requiresConnection && c.admin ? (c as Connectable) : null;
}

function carrierDeps(d: CarrierConnectDeps, carrierId: string): CarrierDeps {
  const baseUrl = d.baseUrls[carrierId];
  const app = d.appCredentials[carrierId];
  return { fetch: d.fetch, now: d.now, sharedState: sharedCarrierState(d.db), ...(baseUrl ? { baseUrl } : {}), ...(app ? { appCredentials: app } : {}) };
}

const expiryOf = (secrets: unknown) => {
  const at = (secrets as { accessTokenExpiresAt?: unknown } | null)?.accessTokenExpiresAt;
  return typeof at === "number" ? new Date(at) : undefined;
};

function contextFor(d: CarrierConnectDeps, ref: ConnectionRef, shop: string, mode: "test" | "production", settings: unknown, secrets: unknown): CarrierConnectionContext<unknown, unknown> {
  return {
    id: ref.id,
    shop,
    mode,
    settings,
    secrets,
    saveSecrets: async (next) => void (await saveCarrierSecrets(d.db, ref, next, expiryOf(next))),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The page

export interface CarrierPageData {
  carrier: {
    id: string;
    displayName: string;
    fields: readonly CarrierFormField[];
    methods: { id: string; label: string; submitLabel: string; flow: "sign_in" | "credentials"; available: boolean }[];
  };
  /** The shop's ship-from postal code, for fields prefilled with it. */
  originPostalCode: string;
  /** Newest first, without credentials. */
  connections: { id: string; accountNumber: string; mode: string; status: string; lastError: string | null; updatedAt: string; summary: CarrierConnectionSummary }[];
  panel: CarrierPanel | null;
}

const DAY_MS = 86_400_000;
/** Enough rows for a day of a busy store; older or further rows are left out of a panel's answer shares. */
const ANSWER_ROWS = 5_000;

/** The carrier's checkout answers in the last day, from the quote log's per-source traces. */
async function recentAnswers(db: Db, shopId: string, carrierId: string, now: number): Promise<CarrierAnswerTrace[]> {
  const rows = await db.quoteLog.findMany({
    where: { shopId, createdAt: { gte: new Date(now - DAY_MS) } },
    select: { sources: true },
    orderBy: { createdAt: "desc" },
    take: ANSWER_ROWS,
  });
  const traces = rows.flatMap((r) => (Array.isArray(r.sources) ? (r.sources as { sourceId?: unknown; outcome?: unknown; cached?: unknown; messages?: unknown }[]) : []));
  return traces
    .filter((t) => typeof t?.sourceId === "string" && t.sourceId.startsWith(`${carrierId}:`))
    .map((t) => ({ outcome: String(t.outcome), cached: t.cached === true, messages: Array.isArray(t.messages) ? (t.messages as { code: string }[]).filter((m) => typeof m?.code === "string") : [] }));
}

async function openRow(d: CarrierConnectDeps, c: Connectable, shopId: string, row: CarrierConnectionView) {
  const settings = c.settingsSchema.safeParse(row.settings);
  const secrets = c.secretsSchema.safeParse(await readCarrierSecrets(d.db, { shopId, id: row.id }).catch(() => null));
  return { settings: settings.success ? settings.data : null, secrets: secrets.success ? secrets.data : null };
}

export async function loadCarrierPage(d: CarrierConnectDeps, domain: string, carrierId: string): Promise<CarrierPageData | null> {
  const c = connectableCarrier(d.carriers, carrierId);
  if (!c) return null;
  const setup = await getShippingSetup(domain);
  const shop = await d.db.shop.findUnique({ where: { domain }, select: { id: true } });
  const rows = shop ? (await listCarrierConnections(d.db, shop.id)).filter((r) => r.carrierId === carrierId).reverse() : [];
  const opened = shop ? await Promise.all(rows.map((r) => openRow(d, c, shop.id, r))) : [];
  const connections = rows.map((row, i) => ({
    id: row.id,
    accountNumber: row.accountNumber,
    mode: row.mode,
    status: row.status,
    lastError: row.lastError,
    updatedAt: row.updatedAt.toISOString(),
    summary: c.admin.describe({ accountNumber: row.accountNumber, mode: row.mode, status: row.status, settings: opened[i].settings, secrets: opened[i].secrets, diagnosis: row.diagnosis }),
  }));
  let panel: CarrierPanel | null = null;
  if (c.admin.panel && shop) {
    const first = rows[0] && opened[0].settings !== null && opened[0].secrets !== null ? { mode: rows[0].mode, settings: opened[0].settings, secrets: opened[0].secrets } : null;
    panel = await c.admin.panel({ connection: first, answers: await recentAnswers(d.db, shop.id, carrierId, d.now()) }, carrierDeps(d, carrierId));
  }
  const hasApp = Boolean(d.appCredentials[carrierId]) && Boolean(c.admin.oauth);
  return {
    carrier: {
      id: c.id,
      displayName: c.displayName,
      fields: c.admin.fields,
      methods: c.admin.methods.map((m) => ({ id: m.id, label: m.label, submitLabel: m.submitLabel, flow: m.flow, available: m.flow === "credentials" || hasApp })),
    },
    originPostalCode: setup?.config.origin.postalCode ?? "",
    connections,
    panel,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Actions

/**
 * `said` is the outcome in the merchant's language (app/lib/said.ts); `message` says the same in English for scripts
 * and logs. `note` is what a verification found (the sample price).
 */
export type CarrierActionResult =
  | { ok: true; message: string; said: Said; connectionId?: string; status?: ConnectionStatus; authorizeUrl?: string; note?: Said }
  | { ok: false; httpStatus: 404 | 422; message: string; said: Said; errors?: FieldError[]; connectionId?: string; status?: ConnectionStatus; note?: Said };

const fixFields = (errors: FieldError[]): CarrierActionResult => ({ ok: false, httpStatus: 422, message: "Check the highlighted fields.", said: say("carriers:actions.checkFields"), errors });
const notFound: CarrierActionResult = { ok: false, httpStatus: 404, message: "That connection no longer exists.", said: say("carriers:actions.notFound") };
const refused = (message: string, said: Said): CarrierActionResult => ({ ok: false, httpStatus: 422, message, said });

type ParsedForm = { ok: true; method: Connectable["admin"]["methods"][number]; form: Record<string, unknown> } | { ok: false; result: CarrierActionResult };

function parseForm(c: Connectable, methodId: string | undefined, fields: Record<string, unknown>): ParsedForm {
  const method = c.admin.methods.find((m) => m.id === methodId) ?? (methodId ? undefined : c.admin.methods[0]);
  if (!method) return { ok: false, result: fixFields([{ path: "method", message: "connect_method", params: { carrier: c.displayName } }]) };
  const parsed = method.schema.safeParse(fields);
  if (!parsed.success) return { ok: false, result: fixFields(zodFieldErrors(parsed.error)) };
  return { ok: true, method, form: parsed.data };
}

/** Runs the connector's verify step on a stored connection and records status, diagnosis and last error. */
async function verifyStored(d: CarrierConnectDeps, c: Connectable, ref: ConnectionRef, domain: string, stored: { mode: "test" | "production"; settings: unknown; secrets: unknown }, form?: Record<string, unknown>) {
  const setup = await getShippingSetup(domain);
  const origin = setup?.config.origin.postalCode ? { country: setup.config.origin.country, postalCode: setup.config.origin.postalCode } : null;
  const v = await c.admin.verify(contextFor(d, ref, domain, stored.mode, stored.settings, stored.secrets), { origin, ...(form ? { form } : {}), signal: AbortSignal.timeout(10_000) }, carrierDeps(d, c.id));
  await updateCarrierConnection(d.db, ref, { status: v.status, diagnosis: v.diagnosis, lastError: v.lastError });
  logger.info("carrier connection verified", { shop: domain, carrier: c.id, connection: ref.id, status: v.status });
  return v;
}

function verified(c: Connectable, id: string, v: { status: ConnectionStatus; lastError: string | null; note?: Said; problem?: Said }): CarrierActionResult {
  const base = { connectionId: id, status: v.status, ...(v.note ? { note: v.note } : {}) };
  const carrier = c.displayName;
  if (v.status === "connected") return { ok: true, message: `${carrier} is connected`, said: say("carriers:actions.connected", { carrier }), ...base };
  const problem = v.problem ?? (v.lastError ? verbatim(v.lastError) : null);
  return {
    ok: false,
    httpStatus: 422,
    message: `${carrier} could not be verified: ${v.lastError ?? "see the diagnosis below"}`,
    said: problem ? { parts: [say("carriers:actions.notVerified", { carrier }), problem] } : say("carriers:actions.notVerifiedSeeBelow", { carrier }),
    ...base,
  };
}

/** The draft a sign-in carries through the carrier in the sealed state: the parsed form as strings, and its method. */
const METHOD_KEY = "$method";
const toDraft = (methodId: string, form: Record<string, unknown>) =>
  Object.fromEntries([...Object.entries(form).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]), [METHOD_KEY, methodId]]);

/**
 * Connects with the posted form. A credentials method stores the connection and verifies it at once; a sign-in
 * method answers the carrier's authorize URL (the page leaves the admin iframe for it).
 */
export async function connectCarrier(d: CarrierConnectDeps, shop: { id: string; domain: string }, carrierId: string, methodId: string | undefined, fields: Record<string, unknown>): Promise<CarrierActionResult> {
  const c = connectableCarrier(d.carriers, carrierId);
  if (!c) return { ok: false, httpStatus: 404, message: "No such carrier.", said: say("carriers:actions.noSuchCarrier") };
  const parsed = parseForm(c, methodId, fields);
  if (!parsed.ok) return parsed.result;
  const stored = c.admin.toStored(parsed.method.id, parsed.form);
  if ("errors" in stored) return fixFields(stored.errors);

  if (parsed.method.flow === "sign_in") {
    const app = d.appCredentials[carrierId];
    if (!app || !c.admin.oauth) {
      const names = c.env?.clientId && c.env.clientSecret ? { clientId: c.env.clientId, clientSecret: c.env.clientSecret } : null;
      return refused(
        `Waypost's ${c.displayName} app is not configured on this server${names ? ` (${names.clientId} and ${names.clientSecret})` : ""}. Use another way to connect.`,
        names ? say("carriers:actions.noAppNamed", { carrier: c.displayName, ...names }) : say("carriers:actions.noApp", { carrier: c.displayName }),
      );
    }
    const verifier = randomBytes(32).toString("base64url");
    const state = createOAuthState({ shop: shop.domain, carrierId, verifier, draft: toDraft(parsed.method.id, parsed.form) }, { keyring: d.keyring, now: d.now });
    const redirectUri = new URL(carrierCallbackPath(carrierId), d.appUrl).toString();
    const url = c.admin.oauth.authorizeUrl({ settings: stored.settings, mode: stored.mode, clientId: app.clientId, redirectUri, state, codeVerifier: verifier }, carrierDeps(d, carrierId));
    return { ok: true, message: `Redirecting to ${c.displayName}…`, said: say("carriers:actions.redirecting", { carrier: c.displayName }), authorizeUrl: url };
  }

  if (stored.secrets === undefined) return refused(`${c.displayName} needs credentials to connect this way.`, say("carriers:actions.needsCredentials", { carrier: c.displayName }));
  const view = await upsertCarrierConnection(d.db, shop.id, { carrierId, accountNumber: stored.accountNumber, mode: stored.mode, status: "pending", settings: stored.settings, secrets: stored.secrets, tokenExpiresAt: expiryOf(stored.secrets) ?? null, lastError: null });
  // New credentials: a token cached for the old ones must not be reused.
  for (const prefix of c.admin.stateKeyPrefixes?.(view.id) ?? []) await deleteSharedCarrierState(d.db, prefix);
  const v = await verifyStored(d, c, { shopId: shop.id, id: view.id }, shop.domain, { mode: stored.mode, settings: stored.settings, secrets: stored.secrets }, parsed.form);
  return verified(c, view.id, v);
}

/** Verifies a stored connection again (the merchant's "Check again" button). */
export async function reverifyCarrier(d: CarrierConnectDeps, shop: { id: string; domain: string }, carrierId: string, connectionId: string): Promise<CarrierActionResult> {
  const c = connectableCarrier(d.carriers, carrierId);
  const ref = { shopId: shop.id, id: connectionId };
  const row = c ? await getCarrierConnection(d.db, ref) : null;
  if (!c || !row || row.carrierId !== carrierId) return notFound;
  const opened = await openRow(d, c, shop.id, row);
  if (opened.settings === null || opened.secrets === null) {
    return refused(`The stored connection is incomplete; connect ${c.displayName} again.`, say("carriers:actions.incomplete", { carrier: c.displayName }));
  }
  const v = await verifyStored(d, c, ref, shop.domain, { mode: row.mode, settings: opened.settings, secrets: opened.secrets });
  return verified(c, row.id, v);
}

/** Deletes the connection (its sealed credentials with it) and any carrier state cached for it. */
export async function disconnectCarrier(d: CarrierConnectDeps, shop: { id: string }, carrierId: string, connectionId: string): Promise<CarrierActionResult> {
  const c = connectableCarrier(d.carriers, carrierId);
  const ref = { shopId: shop.id, id: connectionId };
  const row = c ? await getCarrierConnection(d.db, ref) : null;
  if (!c || !row || row.carrierId !== carrierId) return notFound;
  if (!(await deleteCarrierConnection(d.db, ref))) return notFound;
  for (const prefix of c.admin.stateKeyPrefixes?.(connectionId) ?? []) await deleteSharedCarrierState(d.db, prefix);
  return { ok: true, message: `${c.displayName} disconnected; its credentials were deleted.`, said: say("carriers:actions.disconnected", { carrier: c.displayName }) };
}

export type CallbackOutcome =
  | { kind: "invalid_state"; reason: string }
  | { kind: "denied"; shop: string }
  | { kind: "exchange_failed"; shop: string; message: string }
  | { kind: "connected"; shop: string; status: ConnectionStatus; connectionId: string };

/** The end of a sign-in. The sealed state is the only trust: no Shopify session comes back from the carrier. */
export async function completeCarrierAuthorization(d: CarrierConnectDeps, carrierId: string, params: URLSearchParams): Promise<CallbackOutcome> {
  const c = connectableCarrier(d.carriers, carrierId);
  if (!c?.admin.oauth) return { kind: "invalid_state", reason: "wrong_carrier" };
  const read = readOAuthState(params.get("state"), { carrierId }, { keyring: d.keyring, now: d.now });
  if (!read.ok) return { kind: "invalid_state", reason: read.reason };
  const { shop: domain, draft, verifier } = read.payload;
  if (params.get("error")) return { kind: "denied", shop: domain };
  const code = params.get("code");
  const { [METHOD_KEY]: methodId, ...fields } = draft;
  const parsed = parseForm(c, methodId, fields);
  const stored = parsed.ok && parsed.method.flow === "sign_in" ? c.admin.toStored(parsed.method.id, parsed.form) : null;
  const shop = await d.db.shop.findUnique({ where: { domain }, select: { id: true, domain: true } });
  const app = d.appCredentials[carrierId];
  if (!code || !stored || "errors" in stored || !shop || !app) return { kind: "invalid_state", reason: "incomplete" };

  const redirectUri = new URL(carrierCallbackPath(carrierId), d.appUrl).toString();
  const exchanged = await c.admin.oauth.exchangeCode({ settings: stored.settings, mode: stored.mode, code, redirectUri, codeVerifier: verifier, clientId: app.clientId }, carrierDeps(d, carrierId));
  if (!exchanged.ok) return { kind: "exchange_failed", shop: domain, message: exchanged.message };
  const view = await upsertCarrierConnection(d.db, shop.id, {
    carrierId,
    accountNumber: stored.accountNumber,
    mode: stored.mode,
    status: "pending",
    settings: stored.settings,
    secrets: exchanged.secrets,
    tokenExpiresAt: exchanged.tokenExpiresAt,
    lastError: null,
  });
  const v = await verifyStored(d, c, { shopId: shop.id, id: view.id }, domain, { mode: stored.mode, settings: stored.settings, secrets: exchanged.secrets });
  return { kind: "connected", shop: domain, status: v.status, connectionId: view.id };
}
