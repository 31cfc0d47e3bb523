// UPS failures → carrier messages typed by what the caller does next. The action travels in the message
// code ("reconnect/…", "retry_later/…", "fix_settings/…", "none/…") because CarrierMessage has no other
// field that survives safeRate's schema.
import { z } from "zod";
import type { CarrierMessage } from "../carrier";

export type UpsAction = "reconnect" | "retry_later" | "fix_settings" | "none";
export type UpsPhase = "token" | "refresh" | "rating" | "landed_cost";

export interface UpsMessage extends CarrierMessage {
  action: UpsAction;
  upsCode?: string;
  retryAfterMs?: number;
}

const UpsErrorEnvelopeSchema = z.object({
  response: z.object({ errors: z.array(z.object({ code: z.coerce.string(), message: z.coerce.string() })).min(1) }),
});
export type UpsError = { code: string; message: string };

export function parseUpsErrors(bodyText: string): UpsError[] | null {
  try {
    const parsed = UpsErrorEnvelopeSchema.safeParse(JSON.parse(bodyText));
    return parsed.success ? parsed.data.response.errors : null;
  } catch {
    return null;
  }
}

export function upsMessage(action: UpsAction, slug: string, message: string, extra: Partial<UpsMessage> = {}): UpsMessage {
  return { level: extra.level ?? "error", code: `${action}/${slug}`, message, action, ...extra };
}

/** Diagnoses in plain language for the account problems the issue names; the text is shown to merchants. */
export const DIAGNOSES = {
  negotiatedNotQualified:
    "UPS returned published rates because the UPS user ID that connected is not enabled for this account's negotiated " +
    "rates (UPS alert 120900). Ask your UPS account executive to enable negotiated rates for that user ID. If the " +
    "account is a Campus Ship account, create a new UPS ID with a different email, add the account under \"Account " +
    "and Payment\", verify it with invoice data or a PIN, then connect UPS again.",
  negotiatedMissing:
    "UPS returned no negotiated rates for this account, so published rates are shown. If you have a UPS discount, " +
    "ask your UPS account executive to enable negotiated rates for the UPS user ID that connected.",
  invalidAccount:
    "UPS does not accept the account number for payment (UPS 111580). Check the account number in the UPS connection " +
    "settings and that it is added to the UPS user ID that connected.",
  authentication:
    "UPS rejected the credentials (UPS 250002/250003). Connect UPS again; if it keeps failing, check the client id and " +
    "secret of the UPS developer app.",
} as const;

const KNOWN_CODES: Record<string, { action: UpsAction; slug: string; text?: string }> = {
  "10429": { action: "retry_later", slug: "rate_limited" },
  "10401": { action: "fix_settings", slug: "client_id_invalid" },
  "10400": { action: "fix_settings", slug: "authorization_header_invalid" },
  "250002": { action: "reconnect", slug: "authentication_failed", text: DIAGNOSES.authentication },
  "250003": { action: "fix_settings", slug: "access_license_invalid", text: DIAGNOSES.authentication },
  "111580": { action: "fix_settings", slug: "invalid_account_number", text: DIAGNOSES.invalidAccount },
};

/** Seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export interface HttpFailure {
  phase: UpsPhase;
  status: number;
  bodyText: string;
  retryAfter?: string | null;
  now: number;
}

export function httpFailureMessages(f: HttpFailure): UpsMessage[] {
  const errors = parseUpsErrors(f.bodyText) ?? [];
  const first = errors[0];
  const known = first ? KNOWN_CODES[first.code] : undefined;
  const detail = first ? ` (UPS ${first.code}: ${first.message})` : "";
  const base = { upsCode: first?.code };

  if (f.status === 429 || first?.code === "10429") {
    const retryAfterMs = parseRetryAfter(f.retryAfter, f.now) ?? undefined;
    const wait = retryAfterMs !== undefined ? ` Try again in ${Math.ceil(retryAfterMs / 1000)} s.` : "";
    return [upsMessage("retry_later", "rate_limited", `UPS is rate limiting this connection.${wait}${detail}`, { ...base, retryAfterMs })];
  }
  if (f.status >= 500) return [upsMessage("retry_later", "server_error", `UPS answered ${f.status}; try again later.${detail}`, base)];
  // A refused refresh means the merchant's grant is gone: revoked, expired or already used.
  if (f.phase === "refresh" && (f.status === 400 || f.status === 401) && known?.action !== "fix_settings") {
    return [upsMessage("reconnect", "refresh_token_rejected", `UPS no longer accepts this connection's sign-in; connect UPS again.${detail}`, base)];
  }
  if (known) return [upsMessage(known.action, known.slug, `${known.text ?? "UPS refused the request."}${detail}`, base)];
  if (f.status === 401) return [upsMessage("reconnect", "unauthorized", `UPS rejected the access token; connect UPS again.${detail}`, base)];
  if (f.status === 403) {
    return [upsMessage("fix_settings", "blocked", `UPS blocked this merchant or app (403); contact UPS about the account.${detail}`, base)];
  }
  if (f.phase !== "rating") return [upsMessage("fix_settings", "token_refused", `UPS refused to issue a token (${f.status}).${detail}`, base)];
  // Other 400s describe this shipment (an unknown postcode, a service not offered): nothing to fix in settings.
  const rest = errors.slice(1).map((e) => upsMessage("none", `ups_${e.code}`, `UPS ${e.code}: ${e.message}`, { upsCode: e.code }));
  return [upsMessage("none", first ? `ups_${first.code}` : `http_${f.status}`, `UPS could not rate this shipment.${detail}`, base), ...rest];
}

export function malformedMessage(phase: UpsPhase, why: string): UpsMessage {
  return upsMessage("retry_later", "malformed_response", `UPS sent a ${phase} answer we could not read: ${why}`);
}

/** fetch rejections: our timeout, the caller's abort, or a network failure. Never includes request data. */
export function transportMessage(error: unknown, timedOut: boolean, callerAborted: boolean): UpsMessage {
  if (callerAborted) return upsMessage("retry_later", "aborted", "the UPS call was cancelled by the caller");
  if (timedOut) return upsMessage("retry_later", "timeout", "UPS did not answer in time");
  const name = error instanceof Error ? error.name : "Error";
  return upsMessage("retry_later", "network", `could not reach UPS (${name})`);
}
