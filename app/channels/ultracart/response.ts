// Pure interpretation of UltraCart responses: 204 on success, ErrorResponse {error:{user_message,…}} otherwise.
import { classifyOutcome, type HttpOutcome } from "~/lib/http.server";

type UltraCartResult =
  | { kind: "ok" }
  | { kind: "retry"; reason: string; retryAfterMs?: number }
  | { kind: "dead"; reason: string }
  | { kind: "attention"; reason: string };

function ultracartErrorMessage(outcome: Extract<HttpOutcome, { kind: "response" }>): string {
  const err = (outcome.json as { error?: { user_message?: unknown; developer_message?: unknown } } | undefined)?.error;
  const msg =
    (typeof err?.user_message === "string" && err.user_message) ||
    (typeof err?.developer_message === "string" && err.developer_message) ||
    outcome.headers["uc-rest-error"];
  return msg ? `${msg} (HTTP ${outcome.status})` : `HTTP ${outcome.status}`;
}

export function interpretUltraCart(outcome: HttpOutcome, nowMs: number): UltraCartResult {
  if (outcome.kind === "response") {
    const { status } = outcome;
    // Success is 204 with no body; a 2xx carrying garbage is unexpected and re-posting the same shipment is
    // harmless (it stores the same tracking again), so retry.
    if (status >= 200 && status < 300 && outcome.bodyText.trim() !== "" && outcome.json === undefined) {
      return { kind: "retry", reason: `UltraCart answered HTTP ${status} with a body that is not JSON` };
    }
    if (status === 401 || status === 403) {
      return { kind: "attention", reason: `UltraCart rejected the simple key: ${ultracartErrorMessage(outcome)}; update it and retry` };
    }
    if (status === 410) {
      return { kind: "attention", reason: `UltraCart disabled the API application: ${ultracartErrorMessage(outcome)}` };
    }
    if (status === 404) {
      return { kind: "attention", reason: `UltraCart: ${ultracartErrorMessage(outcome)}; check the distribution center code` };
    }
  }
  const cls = classifyOutcome(outcome, { nowMs });
  if (cls.class === "ok") return { kind: "ok" };
  if (cls.class === "retryable") {
    return { kind: "retry", reason: `UltraCart: ${cls.reason}`, ...(cls.retryAfterMs !== undefined ? { retryAfterMs: cls.retryAfterMs } : {}) };
  }
  const detail = outcome.kind === "response" ? ultracartErrorMessage(outcome) : cls.reason;
  return { kind: "dead", reason: `UltraCart rejected the shipment: ${detail}` };
}

/** Codes from GET /fulfillment/distribution_centers, or null when the body is not the expected shape. */
export function readDistributionCenterCodes(outcome: HttpOutcome): string[] | null {
  if (outcome.kind !== "response" || outcome.status !== 200) return null;
  const list = (outcome.json as { distribution_centers?: unknown } | undefined)?.distribution_centers;
  if (!Array.isArray(list)) return null;
  return list.map((d) => (d as { code?: unknown })?.code).filter((c): c is string => typeof c === "string");
}
