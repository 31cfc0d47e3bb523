// Pure interpretation of the merchant's webhook answer. The body is ignored: receivers answer "OK", HTML or
// nothing, so any 2xx means received (a malformed body is NOT a reason to retry here).
import { classifyOutcome, type HttpOutcome } from "~/lib/http.server";

type WebhookResult =
  | { kind: "ok" }
  | { kind: "retry"; reason: string; retryAfterMs?: number }
  | { kind: "dead"; reason: string }
  | { kind: "attention"; reason: string };

function snippet(outcome: Extract<HttpOutcome, { kind: "response" }>): string {
  const text = outcome.bodyText.replace(/\s+/g, " ").trim().slice(0, 200);
  return text ? `: ${text}` : "";
}

export function interpretWebhook(outcome: HttpOutcome, nowMs: number): WebhookResult {
  if (outcome.kind === "response") {
    const s = outcome.status;
    if (s >= 300 && s < 400) {
      return { kind: "attention", reason: `The webhook answered HTTP ${s} (redirect to ${outcome.headers.location ?? "?"}); redirects are not followed, update the URL` };
    }
    if (s === 401 || s === 403) {
      return { kind: "attention", reason: `The webhook refused our credentials (HTTP ${s}${snippet(outcome)}); check the auth settings` };
    }
    if (s === 404 || s === 410) {
      return { kind: "attention", reason: `The webhook URL was not found (HTTP ${s}); check host and path` };
    }
  }
  const cls = classifyOutcome(outcome, { nowMs, malformedJson: "ok" });
  if (cls.class === "ok") return { kind: "ok" };
  if (cls.class === "retryable") {
    return { kind: "retry", reason: `Webhook: ${cls.reason}`, ...(cls.retryAfterMs !== undefined ? { retryAfterMs: cls.retryAfterMs } : {}) };
  }
  return { kind: "dead", reason: `The webhook rejected the event: ${cls.reason}${outcome.kind === "response" ? snippet(outcome) : ""}` };
}
