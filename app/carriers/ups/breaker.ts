// A short circuit breaker per connection, so a UPS outage or rate limit does not spend every checkout's
// deadline waiting (issue 9, "Caching and deadline"). 429 opens it for Retry-After; repeated 5xx, timeouts
// and network failures open it briefly. Pure: the clock is passed in.
import { upsMessage, type UpsMessage } from "./errors";

export interface BreakerState {
  openUntil: number;
  failures: number;
}

export const BREAKER = {
  /** Used when a 429 carries no Retry-After. */
  defaultRetryAfterMs: 5_000,
  maxOpenMs: 60_000,
  failuresToOpen: 3,
  openAfterFailuresMs: 10_000,
} as const;

const TRANSIENT = new Set(["retry_later/server_error", "retry_later/timeout", "retry_later/network", "retry_later/malformed_response"]);

/** The message to answer with instead of calling UPS, or null when calls may go through. */
export function breakerRefusal(state: BreakerState | undefined, now: number): UpsMessage | null {
  if (!state || state.openUntil <= now) return null;
  const retryAfterMs = state.openUntil - now;
  return upsMessage("retry_later", "circuit_open", `UPS calls for this connection are paused for ${Math.ceil(retryAfterMs / 1000)} s after repeated failures`, {
    retryAfterMs,
  });
}

/** The state after a call that ended with these messages (empty = success). */
export function breakerAfter(state: BreakerState | undefined, messages: readonly UpsMessage[], now: number): BreakerState {
  const limited = messages.find((m) => m.code === "retry_later/rate_limited");
  if (limited) {
    const wait = Math.min(limited.retryAfterMs ?? BREAKER.defaultRetryAfterMs, BREAKER.maxOpenMs);
    return { openUntil: now + wait, failures: 0 };
  }
  if (!messages.some((m) => TRANSIENT.has(m.code))) return { openUntil: 0, failures: 0 };
  const failures = (state?.failures ?? 0) + 1;
  return failures >= BREAKER.failuresToOpen ? { openUntil: now + BREAKER.openAfterFailuresMs, failures: 0 } : { openUntil: 0, failures };
}
