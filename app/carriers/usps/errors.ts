// Every way a USPS call can fail, normalised to what the caller does next. The action is the first part of
// the CarrierMessage code ("retry_later/429"), so the rating service and the admin can branch without parsing
// prose: reconnect (credentials bad or revoked), retry_later (quota, outage, timeout, garbage), fix_settings
// (the merchant's setup is wrong), not_quotable (this parcel/destination has no price; asking again won't help).
import { z } from "zod";
import type { CarrierMessage } from "../carrier";

export type UspsAction = "reconnect" | "retry_later" | "fix_settings" | "not_quotable";

export interface UspsProblem {
  action: UspsAction;
  code: string;
  message: string;
  /** When USPS said when to come back (Retry-After), in seconds. */
  retryAfterSeconds?: number;
  /** USPS's own words from its error answer, apart from ours (the Labels page shows them untranslated). */
  carrierText?: string;
}

// domestic-prices.yaml ErrorMessage; every field optional because USPS gateways also answer with bare bodies.
export const UspsErrorEnvelopeSchema = z
  .object({
    apiVersion: z.string().optional(),
    error: z
      .object({
        code: z.string().optional(),
        message: z.string().optional(),
        errors: z
          .array(z.object({ status: z.string().optional(), code: z.string().optional(), title: z.string().optional(), detail: z.string().optional() }).passthrough())
          .optional(),
      })
      .passthrough(),
  })
  .passthrough();

// Domestic price message codes, from USPS's "API Error Consolidated List" (contracts.md §D2 [USPS-ERR]).
export const DOMESTIC_PRICE_CODES: Record<string, { action: UspsAction; meaning: string }> = {
  "030001": { action: "not_quotable", meaning: "no zone for these ZIP Codes, date and mail class" },
  "030002": { action: "not_quotable", meaning: "no price matches these package ingredients" },
  "030003": { action: "not_quotable", meaning: "the mailing date is not supported" },
  "030004": { action: "not_quotable", meaning: "the weight does not qualify for this mail class" },
  "030007": { action: "not_quotable", meaning: "dimensional weight applies but the package is not dimensional" },
  "030008": { action: "not_quotable", meaning: "the package exceeds the maximum size for this mail class" },
  "030010": { action: "fix_settings", meaning: "required fields are missing (check the origin ZIP Code and product dimensions)" },
  "030020": { action: "not_quotable", meaning: "no valid prices for this package" },
  "030022": { action: "not_quotable", meaning: "no base postage for this package" },
};

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

const firstCode = (body: unknown): { code?: string; text?: string } => {
  const env = UspsErrorEnvelopeSchema.safeParse(body);
  if (!env.success) return {};
  const sub = env.data.error.errors?.find((e) => e.code && DOMESTIC_PRICE_CODES[e.code]) ?? env.data.error.errors?.[0];
  return { code: sub?.code ?? env.data.error.code, text: sub?.detail ?? sub?.title ?? env.data.error.message };
};

/** A non-2xx answer from a price or token endpoint. `body` is the parsed JSON, or undefined. */
export function problemFromHttp(status: number, body: unknown, retryAfterHeader: string | null, nowMs: number, opts: { labels?: boolean } = {}): UspsProblem {
  const problem = problemFromStatus(status, body, retryAfterHeader, nowMs, opts);
  const { text } = firstCode(body);
  return text ? { ...problem, carrierText: text } : problem;
}

function problemFromStatus(status: number, body: unknown, retryAfterHeader: string | null, nowMs: number, opts: { labels?: boolean }): UspsProblem {
  const { code, text } = firstCode(body);
  const said = text ? `: ${text}` : "";
  if (opts.labels && status !== 429 && status !== 401 && status < 500) {
    // Label-service refusals carry USPS's own words; the merchant reads them beside the order.
    const what = status === 403 ? "USPS denied access (the USPS app needs the Labels, Payments, Addresses and Tracking products)" : "USPS refused";
    return { action: status === 403 ? "fix_settings" : "not_quotable", code: code ?? String(status), message: `${what}${said || ` (HTTP ${status})`}` };
  }
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(retryAfterHeader, nowMs);
    const when = retryAfterSeconds !== undefined ? ` for ${retryAfterSeconds} s` : "";
    return { action: "retry_later", code: "429", message: `USPS quota exceeded; pausing live prices${when}`, retryAfterSeconds };
  }
  if (status === 401) return { action: "reconnect", code: "401", message: `USPS rejected the credentials; reconnect USPS${said}` };
  if (status === 403) return { action: "fix_settings", code: "403", message: `USPS denied access: the USPS app needs the Prices API product${said}` };
  if (code && DOMESTIC_PRICE_CODES[code]) {
    const known = DOMESTIC_PRICE_CODES[code];
    return { action: known.action, code, message: `USPS: ${known.meaning}${said}` };
  }
  if (status >= 500) {
    return { action: "retry_later", code: String(status), message: `USPS is unavailable (HTTP ${status})`, retryAfterSeconds: parseRetryAfter(retryAfterHeader, nowMs) };
  }
  return { action: "not_quotable", code: code ?? String(status), message: `USPS refused the request (HTTP ${status})${said}` };
}

export function problemFromTransport(kind: "timeout" | "aborted" | "network" | "malformed", detail?: string): UspsProblem {
  switch (kind) {
    case "timeout":
      return { action: "retry_later", code: "timeout", message: `USPS did not answer in time${detail ? ` (${detail})` : ""}` };
    case "aborted":
      return { action: "retry_later", code: "aborted", message: "the USPS call was cancelled by the caller" };
    case "network":
      return { action: "retry_later", code: "network", message: `could not reach USPS${detail ? `: ${detail}` : ""}` };
    case "malformed":
      return { action: "retry_later", code: "malformed", message: `USPS answered with a body we cannot read${detail ? `: ${detail}` : ""}` };
  }
}

export const toCarrierMessage = (p: UspsProblem, serviceCode?: string): CarrierMessage => ({
  level: p.action === "not_quotable" && serviceCode ? "warning" : "error",
  code: `${p.action}/${p.code}`,
  message: p.message,
  ...(serviceCode ? { serviceCode } : {}),
});
