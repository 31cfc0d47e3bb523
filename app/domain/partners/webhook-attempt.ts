// What one partner webhook attempt leaves in its log (pure; webhook-attempts.server.ts stores it). The provider
// reads it in the portal, so it holds only what the provider's own receiver said, bounded, with anything secret
// masked: the link's signing secret and the request's signature if the receiver echoes them, and credentials in
// URLs. No request headers or body are kept.

export const EXCERPT_CHARS = 200;

/** The subset of an HTTP outcome (app/lib/http.server.ts) the log needs. */
export type AttemptOutcome =
  | { kind: "response"; status: number; bodyText: string; latencyMs: number }
  | { kind: "timeout"; latencyMs: number }
  | { kind: "network"; code?: string; latencyMs: number };

/** Attempts that never reached the receiver. */
export type PreflightFailure = "no_url" | "url_refused" | "secret_unreadable";

export interface AttemptRecord {
  durationMs: number;
  httpStatus: number | null;
  errorClass: string | null;
  excerpt: string | null;
}

const MASK = "[redacted]";

/** Bounded, single-line, NUL-free (PostgreSQL refuses U+0000) text with the given secrets and URL credentials masked. */
export function excerptOf(body: string, secrets: readonly string[]): string | null {
  let text = body.slice(0, EXCERPT_CHARS * 20);
  for (const s of secrets) if (s.length >= 8) text = text.split(s).join(MASK);
  text = text
    .replace(/(\w+:\/\/)[^/\s:@]+:[^/\s@]+@/g, `$1${MASK}@`)
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .trim();
  if (!text) return null;
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text;
}

export function attemptRecord(outcome: AttemptOutcome | PreflightFailure, secrets: readonly string[]): AttemptRecord {
  if (typeof outcome === "string") return { durationMs: 0, httpStatus: null, errorClass: outcome, excerpt: null };
  const durationMs = Math.max(0, Math.round(outcome.latencyMs));
  switch (outcome.kind) {
    case "response":
      return { durationMs, httpStatus: outcome.status, errorClass: null, excerpt: excerptOf(outcome.bodyText, secrets) };
    case "timeout":
      return { durationMs, httpStatus: null, errorClass: "timeout", excerpt: null };
    case "network":
      // The socket's error code only: its message can carry the receiver's address details.
      return { durationMs, httpStatus: null, errorClass: `network:${(outcome.code ?? "unknown").replace(/[^A-Z0-9_]/gi, "").slice(0, 30) || "unknown"}`, excerpt: null };
  }
}
