// Pure interpretation of AfterShip responses: {meta:{code,message,type}, data}.
import { classifyOutcome, parseRetryAfter, type HttpOutcome } from "~/lib/http.server";

const TRACKING_ALREADY_EXISTS = 4003;

export type AfterShipResult =
  | { kind: "ok"; duplicate: boolean }
  | { kind: "retry"; reason: string; retryAfterMs?: number }
  | { kind: "dead"; reason: string }
  | { kind: "attention"; reason: string };

function metaOf(json: unknown): { code?: number; message?: string } {
  const m = (json as { meta?: { code?: unknown; message?: unknown } } | undefined)?.meta;
  return {
    ...(typeof m?.code === "number" ? { code: m.code } : {}),
    ...(typeof m?.message === "string" ? { message: m.message } : {}),
  };
}

/** AfterShip sends X-RateLimit-Reset as epoch seconds; Retry-After is preferred when present. */
function retryAfter(headers: Record<string, string>, nowMs: number): number | undefined {
  const ra = parseRetryAfter(headers["retry-after"], nowMs);
  if (ra !== undefined) return ra;
  const reset = Number(headers["x-ratelimit-reset"]);
  return Number.isFinite(reset) && reset > 1e9 ? Math.max(0, reset * 1000 - nowMs) : undefined;
}

export function interpretAfterShip(outcome: HttpOutcome, nowMs: number): AfterShipResult {
  if (outcome.kind === "response") {
    const meta = metaOf(outcome.json);
    const detail = `${meta.message ?? "no message"} (meta ${meta.code ?? "?"}, HTTP ${outcome.status})`;
    // The tracking already exists from an earlier attempt whose answer we lost: the goal is reached.
    if (meta.code === TRACKING_ALREADY_EXISTS) return { kind: "ok", duplicate: true };
    if (outcome.status === 401 || outcome.status === 403) {
      return { kind: "attention", reason: `AfterShip rejected the API key: ${detail}; update it and retry` };
    }
    if (outcome.status === 429) {
      const ms = retryAfter(outcome.headers, nowMs);
      return { kind: "retry", reason: "AfterShip rate limit reached (HTTP 429)", ...(ms !== undefined ? { retryAfterMs: ms } : {}) };
    }
    const cls = classifyOutcome(outcome, { nowMs, expectJson: true, malformedJson: "retryable" });
    if (cls.class === "ok") return { kind: "ok", duplicate: false };
    if (cls.class === "retryable") {
      return { kind: "retry", reason: `AfterShip: ${cls.reason}`, ...(cls.retryAfterMs !== undefined ? { retryAfterMs: cls.retryAfterMs } : {}) };
    }
    return { kind: "dead", reason: `AfterShip rejected the tracking: ${detail}` };
  }
  const cls = classifyOutcome(outcome);
  return { kind: "retry", reason: `AfterShip: ${cls.class === "ok" ? "unknown" : cls.reason}` };
}
