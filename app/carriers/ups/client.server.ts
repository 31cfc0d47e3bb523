// The only file that talks HTTP to UPS: tokens (client credentials, code exchange, refresh) and rating.
// Nothing here throws for a UPS problem: every outcome is a value, and no secret or token reaches a message.
import { randomUUID } from "node:crypto";
import { breakerAfter, breakerRefusal, type BreakerState } from "./breaker";
import { httpFailureMessages, malformedMessage, transportMessage, upsMessage, type UpsMessage, type UpsPhase } from "./errors";
import { buildClientCredentialsCall, buildCodeExchangeCall, buildRefreshCall, parseTokenResponse, type TokenCall, type UpsToken } from "./oauth";
import type { UpsLandedCostCall } from "./landed-cost";
import type { UpsRateCall } from "./rate-request";
import type { UpsTransitCall } from "./time-in-transit";

/** A POST of JSON to a UPS API under /api. */
type UpsApiCall = { path: string; body: unknown; accountNumber?: string };
import type { UpsAppCredentials, UpsTokenSecrets } from "./settings";

export type Outcome<T> = { ok: true; value: T } | { ok: false; messages: UpsMessage[] };

export type UpsAuth =
  | { kind: "client_credentials"; clientId: string; clientSecret: string; merchantId?: string }
  | {
      kind: "authorization_code";
      /** Waypost's UPS app; refreshing a merchant's tokens needs its client id and secret (Basic auth). */
      app: UpsAppCredentials | null;
      secrets: UpsTokenSecrets;
      saveSecrets(next: UpsTokenSecrets): Promise<void>;
      /** The stored row, shared by every instance: with it, one refresh runs across all of them (lease by compare-and-swap). */
      store?: UpsTokenStore;
    };

export interface UpsTokenStore {
  load(): Promise<{ secrets: UpsTokenSecrets; version: string } | null>;
  /** Writes `next` if the row is still at `expectedVersion`; the new version, or null when another writer won. */
  swap(expectedVersion: string, next: UpsTokenSecrets): Promise<string | null>;
}

interface CachedToken {
  accessToken: string;
  accessTokenExpiresAt: number;
  secrets?: UpsTokenSecrets;
  /** The rotated pair could not be stored yet; it is stored before its next use. */
  unsaved?: boolean;
}

/** Per-process state shared by every source of a connection: tokens, the in-flight renewal, the breaker. */
export interface UpsClientState {
  tokens: Map<string, CachedToken>;
  inflight: Map<string, Promise<Outcome<string>>>;
  breakers: Map<string, BreakerState>;
  /** Refresh tokens UPS refused: asking again would only spend checkout time until the merchant reconnects. */
  deadRefreshTokens: Set<string>;
}
export const createClientState = (): UpsClientState => ({ tokens: new Map(), inflight: new Map(), breakers: new Map(), deadRefreshTokens: new Set() });

export interface UpsHttpOptions {
  baseUrl: string;
  fetch: typeof fetch;
  now: () => number;
  timeoutMs?: number;
}

export interface UpsClientOptions extends UpsHttpOptions {
  connectionId: string;
  auth: UpsAuth;
  cache: UpsClientState;
  transactionSrc?: string;
}

/** Renew this long before UPS's expiry so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 8_000;
/** How long a claimed refresh may take before another instance may claim it again. */
const REFRESH_LEASE_MS = 15_000;
const LEASE_POLL_MS = 100;
const LEASE_POLLS = 60;

type Answer = { status: number; text: string; retryAfter: string | null };

async function send(o: UpsHttpOptions, path: string, init: RequestInit, signal?: AbortSignal): Promise<Outcome<Answer>> {
  const timeout = AbortSignal.timeout(o.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const res = await o.fetch(new URL(path, o.baseUrl), { ...init, signal: combined });
    const text = await res.text();
    return { ok: true, value: { status: res.status, text, retryAfter: res.headers.get("retry-after") } };
  } catch (error) {
    return { ok: false, messages: [transportMessage(error, timeout.aborted, !!signal?.aborted)] };
  }
}

function readJson(text: string): { ok: true; json: unknown } | { ok: false } {
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

async function tokenCall(o: UpsHttpOptions, call: TokenCall, phase: UpsPhase): Promise<Outcome<UpsToken>> {
  const sent = await send(o, call.path, { method: "POST", headers: call.headers, body: call.body });
  if (!sent.ok) return sent;
  const { status, text, retryAfter } = sent.value;
  if (status !== 200) return { ok: false, messages: httpFailureMessages({ phase, status, bodyText: text, retryAfter, now: o.now() }) };
  const body = readJson(text);
  if (!body.ok) return { ok: false, messages: [malformedMessage(phase, "not JSON")] };
  const parsed = parseTokenResponse(body.json, o.now());
  return parsed.ok ? { ok: true, value: parsed.token } : { ok: false, messages: [malformedMessage(phase, parsed.reason)] };
}

/** The code exchange at the end of the connect flow; the caller stores the pair before using it. */
export async function exchangeAuthorizationCode(
  o: UpsHttpOptions,
  a: Parameters<typeof buildCodeExchangeCall>[0],
): Promise<Outcome<UpsTokenSecrets>> {
  const got = await tokenCall(o, buildCodeExchangeCall(a), "token");
  if (!got.ok) return got;
  if (!got.value.refreshToken) return { ok: false, messages: [malformedMessage("token", "no refresh_token in the code exchange")] };
  return { ok: true, value: toSecrets(got.value, got.value.refreshToken) };
}

function toSecrets(t: UpsToken, fallbackRefresh: string): UpsTokenSecrets {
  return {
    kind: "authorization_code",
    accessToken: t.accessToken,
    accessTokenExpiresAt: t.accessTokenExpiresAt,
    refreshToken: t.refreshToken ?? fallbackRefresh,
    ...(t.refreshTokenExpiresAt !== undefined ? { refreshTokenExpiresAt: t.refreshTokenExpiresAt } : {}),
  };
}

/** Resolves with the promise, or with an "aborted" outcome as soon as the caller gives up. */
function unlessAborted<T>(p: Promise<Outcome<T>>, signal: AbortSignal): Promise<Outcome<T>> {
  if (signal.aborted) return Promise.resolve({ ok: false, messages: [transportMessage(null, false, true)] });
  return new Promise((resolve) => {
    const onAbort = () => resolve({ ok: false, messages: [transportMessage(null, false, true)] });
    signal.addEventListener("abort", onAbort, { once: true });
    p.then((v) => {
      signal.removeEventListener("abort", onAbort);
      resolve(v);
    });
  });
}

export function createUpsClient(o: UpsClientOptions) {
  const { auth, cache } = o;
  const key = auth.kind === "client_credentials" ? `${o.connectionId}:cc:${auth.clientId}:${auth.merchantId ?? ""}` : `${o.connectionId}:ac`;

  /** The freshest token we know: the cache, unless the connection row carries a newer one (another instance refreshed). */
  function current(): CachedToken | undefined {
    const cached = cache.tokens.get(key);
    if (auth.kind === "client_credentials") return cached;
    const stored: CachedToken = { accessToken: auth.secrets.accessToken, accessTokenExpiresAt: auth.secrets.accessTokenExpiresAt, secrets: auth.secrets };
    return cached && cached.accessTokenExpiresAt >= stored.accessTokenExpiresAt ? cached : stored;
  }

  function adopt(secrets: UpsTokenSecrets): Outcome<string> {
    cache.tokens.set(key, { accessToken: secrets.accessToken, accessTokenExpiresAt: secrets.accessTokenExpiresAt, secrets });
    return { ok: true, value: secrets.accessToken };
  }

  /**
   * Renewal across instances: re-read the row; adopt a usable token someone else stored; otherwise claim the
   * refresh with a compare-and-swap (a lease in the sealed secrets), spend the single-use refresh token, and
   * swap the new pair in. A lost claim re-reads the winner's token instead of refreshing again.
   */
  async function renewShared(store: UpsTokenStore, app: UpsAppCredentials, rejected?: string): Promise<Outcome<string>> {
    for (let poll = 0; poll < LEASE_POLLS; poll++) {
      const row = await store.load();
      if (!row) return { ok: false, messages: [upsMessage("reconnect", "connection_removed", "this UPS connection no longer exists; connect UPS again.")] };
      const s = row.secrets;
      if (s.accessToken !== rejected && s.accessTokenExpiresAt - EXPIRY_MARGIN_MS > o.now()) return adopt(s);
      if (cache.deadRefreshTokens.has(s.refreshToken)) {
        return { ok: false, messages: [upsMessage("reconnect", "refresh_token_rejected", "UPS no longer accepts this connection's sign-in; connect UPS again.")] };
      }
      if (s.refreshLeaseUntil !== undefined && s.refreshLeaseUntil > o.now()) {
        await new Promise((r) => setTimeout(r, LEASE_POLL_MS));
        continue;
      }
      const claimed = await store.swap(row.version, { ...s, refreshLeaseUntil: o.now() + REFRESH_LEASE_MS });
      if (claimed === null) continue;
      const got = await tokenCall(o, buildRefreshCall({ ...app, refreshToken: s.refreshToken }), "refresh");
      if (!got.ok) {
        if (got.messages.some((m) => m.action === "reconnect")) cache.deadRefreshTokens.add(s.refreshToken);
        await store.swap(claimed, { ...s, refreshLeaseUntil: undefined }).catch(() => null);
        return got;
      }
      const next = toSecrets(got.value, s.refreshToken);
      // UPS has already voided the old refresh token, so the new pair lives in the cache even if storing fails.
      cache.tokens.set(key, { accessToken: next.accessToken, accessTokenExpiresAt: next.accessTokenExpiresAt, secrets: next, unsaved: true });
      const stored = await store.swap(claimed, next).catch(() => undefined);
      if (stored === undefined) return persist(next);
      const entry = cache.tokens.get(key);
      if (entry?.secrets === next) entry.unsaved = false;
      if (stored === null) continue; // the row changed under our lease (a reconnect): use what is stored now
      return { ok: true, value: next.accessToken };
    }
    return { ok: false, messages: [upsMessage("retry_later", "renewal_in_progress", "another Waypost instance is renewing the UPS sign-in")] };
  }

  async function renew(rejected?: string): Promise<Outcome<string>> {
    if (auth.kind === "authorization_code" && auth.store && auth.app) return renewShared(auth.store, auth.app, rejected);
    if (auth.kind === "client_credentials") {
      const got = await tokenCall(o, buildClientCredentialsCall(auth), "token");
      if (!got.ok) return got;
      cache.tokens.set(key, { accessToken: got.value.accessToken, accessTokenExpiresAt: got.value.accessTokenExpiresAt });
      return { ok: true, value: got.value.accessToken };
    }
    if (!auth.app) return { ok: false, messages: [upsMessage("fix_settings", "app_credentials_missing", "Waypost's UPS app credentials are not configured, so the UPS sign-in cannot be renewed")] };
    const refreshToken = current()?.secrets?.refreshToken ?? auth.secrets.refreshToken;
    if (cache.deadRefreshTokens.has(refreshToken)) {
      return { ok: false, messages: [upsMessage("reconnect", "refresh_token_rejected", "UPS no longer accepts this connection's sign-in; connect UPS again.")] };
    }
    const got = await tokenCall(o, buildRefreshCall({ ...auth.app, refreshToken }), "refresh");
    if (!got.ok) {
      if (got.messages.some((m) => m.action === "reconnect")) cache.deadRefreshTokens.add(refreshToken);
      return got;
    }
    const secrets = toSecrets(got.value, refreshToken);
    // UPS has already voided the old refresh token, so the new pair lives in the cache even if storing fails.
    cache.tokens.set(key, { accessToken: secrets.accessToken, accessTokenExpiresAt: secrets.accessTokenExpiresAt, secrets, unsaved: true });
    return persist(secrets);
  }

  async function persist(secrets: UpsTokenSecrets): Promise<Outcome<string>> {
    if (auth.kind !== "authorization_code") return { ok: true, value: secrets.accessToken };
    try {
      await auth.saveSecrets(secrets);
    } catch {
      return { ok: false, messages: [upsMessage("retry_later", "token_save_failed", "the renewed UPS sign-in could not be stored; it will be stored on the next try")] };
    }
    const entry = cache.tokens.get(key);
    if (entry?.secrets === secrets) entry.unsaved = false;
    return { ok: true, value: secrets.accessToken };
  }

  /** One renewal at a time per connection; everyone who needs it waits for the same one. */
  function renewOnce(rejected?: string): Promise<Outcome<string>> {
    const running = cache.inflight.get(key);
    if (running) return running;
    const p = renew(rejected)
      .catch(() => ({ ok: false as const, messages: [upsMessage("retry_later", "renewal_failed", "renewing the UPS sign-in failed unexpectedly")] }))
      .finally(() => cache.inflight.delete(key));
    cache.inflight.set(key, p);
    return p;
  }

  /**
   * A usable access token. `rejected` is a token UPS just refused: if the cache still holds it we renew,
   * if someone already replaced it we use theirs. The renewal runs without the caller's signal because a
   * refresh that UPS received voids the old refresh token even if we stop listening.
   */
  async function accessToken(signal: AbortSignal, rejected?: string): Promise<Outcome<string>> {
    const t = current();
    if (t?.unsaved && t.secrets) {
      const saved = await persist(t.secrets);
      if (!saved.ok) return saved;
    }
    if (t && t.accessToken !== rejected && t.accessTokenExpiresAt - EXPIRY_MARGIN_MS > o.now()) return { ok: true, value: t.accessToken };
    return unlessAborted(renewOnce(rejected ?? t?.accessToken), signal);
  }

  async function postJson(call: UpsApiCall, token: string, signal: AbortSignal) {
    return send(
      o,
      call.path,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          accept: "application/json",
          transId: randomUUID().replace(/-/g, ""),
          transactionSrc: o.transactionSrc ?? "waypost",
          ...(call.accountNumber ? { AccountNumber: call.accountNumber } : {}),
        },
        body: JSON.stringify(call.body),
      },
      signal,
    );
  }

  /** Calls a UPS JSON API unless the breaker is open; UPS's answer moves the breaker. */
  async function call(c: UpsApiCall, signal: AbortSignal): Promise<Outcome<unknown>> {
    const refusal = breakerRefusal(cache.breakers.get(o.connectionId), o.now());
    if (refusal) return { ok: false, messages: [refusal] };
    const out = await callOnce(c, signal);
    cache.breakers.set(o.connectionId, breakerAfter(cache.breakers.get(o.connectionId), out.ok ? [] : out.messages, o.now()));
    return out;
  }

  /** An expired or revoked access token is renewed and the call retried once. */
  async function callOnce(c: UpsApiCall, signal: AbortSignal): Promise<Outcome<unknown>> {
    const token = await accessToken(signal);
    if (!token.ok) return token;
    let sent = await postJson(c, token.value, signal);
    if (sent.ok && sent.value.status === 401) {
      const again = await accessToken(signal, token.value);
      if (!again.ok) return again;
      sent = await postJson(c, again.value, signal);
    }
    if (!sent.ok) return sent;
    const { status, text, retryAfter } = sent.value;
    if (status !== 200) return { ok: false, messages: httpFailureMessages({ phase: "rating", status, bodyText: text, retryAfter, now: o.now() }) };
    const body = readJson(text);
    return body.ok ? { ok: true, value: body.json } : { ok: false, messages: [malformedMessage("rating", "not JSON")] };
  }

  return { accessToken, rate: (c: UpsRateCall, signal: AbortSignal) => call(c, signal), transitTimes: (c: UpsTransitCall, signal: AbortSignal) => call(c, signal),
    landedCost: (c: UpsLandedCostCall, signal: AbortSignal) => call(c, signal),
  };
}
export type UpsClient = ReturnType<typeof createUpsClient>;
