// The one HTTP wrapper every connector uses. Failures come back as data (HttpOutcome), never as exceptions,
// so connectors can map every case explicitly.

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpRequest {
  url: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  headers?: Record<string, string>;
  /** Strings are sent as-is; anything else is JSON-encoded with a JSON content type. */
  body?: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
  fetchImpl?: FetchLike;
}

export type HttpOutcome =
  | {
      kind: "response";
      status: number;
      headers: Record<string, string>;
      bodyText: string;
      /** Present when the body parsed as JSON. */
      json?: unknown;
      latencyMs: number;
    }
  | { kind: "timeout"; latencyMs: number }
  /** `code` is the socket error code when known (ECONNRESET, ECONNREFUSED, ENOTFOUND…) or "ABORTED". */
  | { kind: "network"; message: string; code?: string; latencyMs: number };

/** Connection errors that prove the request never reached the server, so a write cannot have landed. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ERR_INVALID_URL"]);

export function requestMayHaveLanded(outcome: HttpOutcome): boolean {
  if (outcome.kind === "timeout") return true;
  if (outcome.kind === "network") return !NOT_SENT_CODES.has(outcome.code ?? "");
  return true;
}

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === "object"; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function errorMessage(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
  return err instanceof Error ? `${err.message}${cause}` : String(err);
}

export async function httpRequest(req: HttpRequest): Promise<HttpOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;

  const headers: Record<string, string> = { accept: "application/json", ...req.headers };
  let body: string | undefined;
  if (req.body !== undefined) {
    if (typeof req.body === "string") {
      body = req.body;
    } else {
      body = JSON.stringify(req.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
        headers["content-type"] = "application/json";
      }
    }
  }

  try {
    // Redirects are never followed: a 3xx to an internal address would bypass the outbound URL check.
    const res = await (req.fetchImpl ?? fetch)(req.url, { method: req.method, headers, body, signal, redirect: "manual" });
    const bodyText = await res.text();
    const outHeaders: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      outHeaders[k.toLowerCase()] = v;
    });
    let json: unknown;
    if (bodyText.trim() !== "") {
      try {
        json = JSON.parse(bodyText);
      } catch {
        json = undefined;
      }
    }
    return { kind: "response", status: res.status, headers: outHeaders, bodyText, json, latencyMs: elapsed() };
  } catch (err) {
    if (timeout.signal.aborted && !req.signal?.aborted) return { kind: "timeout", latencyMs: elapsed() };
    if (req.signal?.aborted) return { kind: "network", message: "aborted by caller", code: "ABORTED", latencyMs: elapsed() };
    return { kind: "network", message: errorMessage(err), code: errorCode(err), latencyMs: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}

/** Retry-After as delta-seconds or an HTTP-date; undefined when absent or unparseable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

type OutcomeClass =
  | { class: "ok" }
  | { class: "retryable"; reason: string; retryAfterMs?: number }
  | { class: "permanent"; reason: string };

interface ClassifyOptions {
  /**
   * What a 2xx whose body is not JSON means. "retryable" (default when expectJson) suits APIs whose success body
   * matters: a garbled body usually comes from a proxy in trouble. "ok" suits sinks whose body we ignore.
   */
  malformedJson?: "retryable" | "ok" | "permanent";
  expectJson?: boolean;
  /** 409 is permanent by default; some APIs use it for "try again later". */
  conflictRetryable?: boolean;
  nowMs?: number;
}

export function classifyOutcome(outcome: HttpOutcome, opts: ClassifyOptions = {}): OutcomeClass {
  if (outcome.kind === "timeout") return { class: "retryable", reason: "timed out" };
  if (outcome.kind === "network") {
    return { class: "retryable", reason: `network error${outcome.code ? ` ${outcome.code}` : ""}: ${outcome.message}` };
  }
  const { status } = outcome;
  if (status >= 200 && status < 300) {
    if (opts.expectJson && outcome.json === undefined) {
      const mode = opts.malformedJson ?? "retryable";
      if (mode === "ok") return { class: "ok" };
      const reason = `HTTP ${status} with a body that is not JSON`;
      return mode === "retryable" ? { class: "retryable", reason } : { class: "permanent", reason };
    }
    return { class: "ok" };
  }
  if (status >= 300 && status < 400) {
    return { class: "permanent", reason: `HTTP ${status} redirect to ${outcome.headers.location ?? "?"} (redirects are not followed)` };
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(outcome.headers["retry-after"], opts.nowMs ?? Date.now());
    return { class: "retryable", reason: "HTTP 429 rate limited", ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  if (status === 408 || status === 425 || (status === 409 && opts.conflictRetryable)) {
    return { class: "retryable", reason: `HTTP ${status}` };
  }
  if (status === 501 || status === 505) return { class: "permanent", reason: `HTTP ${status}` };
  if (status >= 500) {
    const retryAfterMs = parseRetryAfter(outcome.headers["retry-after"], opts.nowMs ?? Date.now());
    return { class: "retryable", reason: `HTTP ${status}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  return { class: "permanent", reason: `HTTP ${status}` };
}
