// Pure interpretation of Wish responses. Every Wish body is {code, message, data}; code 0 = success.
import { classifyOutcome, parseRetryAfter, type HttpOutcome } from "~/lib/http.server";

type WishWriteResult =
  | { kind: "ok" }
  | { kind: "token_expired"; reason: string }
  /** The write may have landed (timeout, reset, garbled 2xx): read the order back before writing again. */
  | { kind: "maybe_landed"; reason: string }
  | { kind: "retry"; reason: string; retryAfterMs?: number }
  | { kind: "dead"; reason: string }
  | { kind: "attention"; reason: string };

interface Envelope {
  code: number;
  message: string;
  data: unknown;
}

function envelope(json: unknown): Envelope | null {
  if (!json || typeof json !== "object") return null;
  const o = json as Record<string, unknown>;
  if (typeof o.code !== "number") return null;
  return { code: o.code, message: typeof o.message === "string" ? o.message : "", data: o.data };
}

/**
 * Wish-Rate-Limit-Reset is not specified precisely; accept epoch seconds, epoch milliseconds, delta seconds or
 * an HTTP-date, then fall back to Retry-After.
 */
export function wishRetryAfterMs(headers: Record<string, string>, nowMs: number): number | undefined {
  const reset = headers["wish-rate-limit-reset"]?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    const n = Number(reset);
    if (n > 1e12) return Math.max(0, n - nowMs);
    if (n > 1e9) return Math.max(0, n * 1000 - nowMs);
    return n * 1000;
  }
  return parseRetryAfter(reset, nowMs) ?? parseRetryAfter(headers["retry-after"], nowMs);
}

function detail(env: Envelope | null, status: number): string {
  return env ? `${env.message || "no message"} (Wish code ${env.code}, HTTP ${status})` : `HTTP ${status}`;
}

export function interpretWishWrite(outcome: HttpOutcome, nowMs: number): WishWriteResult {
  if (outcome.kind !== "response") {
    return { kind: "maybe_landed", reason: describe(outcome) };
  }
  const env = envelope(outcome.json);
  const { status } = outcome;
  if (status >= 200 && status < 300) {
    if (!env) return { kind: "maybe_landed", reason: `HTTP ${status} with a body that is not a Wish envelope` };
    if (env.code === 0) return { kind: "ok" };
    return { kind: "dead", reason: `Wish rejected the tracking update: ${detail(env, status)}` };
  }
  if (status === 401) return { kind: "token_expired", reason: `Wish refused the access token: ${detail(env, status)}` };
  if (status === 403) {
    return { kind: "attention", reason: `Wish denied access: ${detail(env, status)}; reconnect Wish with the orders:write scope` };
  }
  if (status === 429) {
    const retryAfterMs = wishRetryAfterMs(outcome.headers, nowMs);
    return { kind: "retry", reason: "Wish rate limit reached (HTTP 429)", ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  const cls = classifyOutcome(outcome, { nowMs });
  if (cls.class === "retryable") return { kind: "retry", reason: `Wish is unavailable: ${detail(env, status)}`, ...pickRetry(cls) };
  return { kind: "dead", reason: `Wish rejected the tracking update: ${detail(env, status)}` };
}

function pickRetry(cls: { retryAfterMs?: number }) {
  return cls.retryAfterMs !== undefined ? { retryAfterMs: cls.retryAfterMs } : {};
}

function describe(outcome: HttpOutcome): string {
  if (outcome.kind === "timeout") return "Wish did not answer in time";
  if (outcome.kind === "network") return `connection to Wish failed (${outcome.code ?? outcome.message})`;
  return `HTTP ${outcome.status}`;
}

type WishRefreshResult =
  | { kind: "ok"; accessToken: string; refreshToken?: string; expiresAt?: string }
  | { kind: "rejected"; reason: string }
  | { kind: "retry"; reason: string; retryAfterMs?: number };

export function parseWishRefresh(outcome: HttpOutcome, nowMs: number): WishRefreshResult {
  if (outcome.kind !== "response") return { kind: "retry", reason: `token refresh failed: ${describe(outcome)}` };
  const env = envelope(outcome.json);
  const cls = classifyOutcome(outcome, { nowMs, expectJson: true });
  if (cls.class === "retryable") return { kind: "retry", reason: `token refresh failed: ${cls.reason}`, ...pickRetry(cls) };
  if (cls.class === "permanent" || !env || env.code !== 0) {
    return { kind: "rejected", reason: `Wish rejected the token refresh: ${detail(env, outcome.status)}` };
  }
  const data = (env.data ?? {}) as Record<string, unknown>;
  if (typeof data.access_token !== "string" || data.access_token === "") {
    return { kind: "retry", reason: "token refresh answered without an access_token" };
  }
  return {
    kind: "ok",
    accessToken: data.access_token,
    ...(typeof data.refresh_token === "string" ? { refreshToken: data.refresh_token } : {}),
    ...(typeof data.expiry_time === "string" ? { expiresAt: data.expiry_time } : {}),
  };
}

type WishOrderTracking = { kind: "ok"; trackingNumbers: string[]; state?: string } | { kind: "error"; reason: string };

/** Tolerates `tracking_information` as an array or a single object, and a flat `tracking_number`. */
export function readWishOrderTracking(outcome: HttpOutcome): WishOrderTracking {
  if (outcome.kind !== "response") return { kind: "error", reason: describe(outcome) };
  const env = envelope(outcome.json);
  if (outcome.status !== 200 || !env || env.code !== 0) {
    return { kind: "error", reason: `order read-back failed: ${detail(env, outcome.status)}` };
  }
  const data = (env.data ?? {}) as Record<string, unknown>;
  const info = data.tracking_information;
  const entries = Array.isArray(info) ? info : info && typeof info === "object" ? [info] : [];
  const numbers = entries
    .map((e) => (e as Record<string, unknown>)?.tracking_number)
    .concat(data.tracking_number)
    .filter((n): n is string => typeof n === "string" && n !== "");
  return { kind: "ok", trackingNumbers: numbers, ...(typeof data.state === "string" ? { state: data.state } : {}) };
}
