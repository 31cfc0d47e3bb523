// The shared shape of every sales-channel / tracking-destination connector. Failures are data (PushOutcome),
// never exceptions, so the outbox worker can record, retry or park every push the same way.
import type { z } from "zod";
import type { CarrierNameTable } from "~/domain/tracking/carrier-names";
import type { TrackingEvent } from "~/domain/tracking/event-rules";
import type { FetchLike, HttpOutcome, HttpRequest } from "~/lib/http.server";
import type { OutboundOptions } from "~/lib/outbound-url.server";

import type { ChannelAdminForm, FormFieldErrors, SaveCheckOptions } from "./admin-form";
import type { InboundFormatId } from "./inbound";

export type ChannelType = "wish" | "ultracart" | "webhook" | "aftership";

export interface TrackingDelivery {
  shop: string;
  orderId: string;
  /** "#1001" — shown in merchant messages. */
  orderName: string;
  /** The order's id on the channel (Wish order id, UltraCart order id); required by Wish and UltraCart. */
  channelOrderId?: string;
  fulfillmentId: string;
  /** What this connection must receive (tracking number, NF-e number or key), from trackingValueFor(). */
  trackingValue: string;
  trackingNumbers: string[];
  trackingCompany?: string;
  trackingUrl?: string;
  service?: string;
  /** What the carrier charged, integer minor units of `currency`. */
  carrierFeeMinor?: number;
  currency?: string;
  originCountry: string;
  destinationCountry: string;
  nfe?: { key?: string; number?: string; series?: string };
  /** Shopify shipment status (lower-case REST form), when known. */
  status?: string;
  /** The rule event that caused this push. */
  event?: TrackingEvent;
  /** The outbox idempotency key (deliveryKey()); sent where the destination can de-duplicate on it. */
  deliveryKey?: string;
  occurredAt?: string;
  lineItems?: Array<{ sku?: string; title: string; quantity: number }>;
}

/** Secrets are replaced by "[redacted]", so summaries can be stored and shown. */
interface RequestSummary {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

interface ResponseSummary {
  kind: HttpOutcome["kind"];
  status?: number;
  /** Truncated to 2000 characters. */
  body?: string;
  latencyMs: number;
  error?: string;
}

export interface Exchange {
  request: RequestSummary;
  response: ResponseSummary;
}

interface OutcomeExtras {
  /**
   * Credentials the channel rotated during this push (Wish token refresh). Present on ANY result: a refresh
   * token may be single-use, so the caller must re-seal and store these even when the push itself failed.
   */
  updatedSecrets?: Record<string, string>;
  /** Every HTTP call made, in order (refresh, write, read-back). */
  exchanges?: Exchange[];
}

export type PushOutcome =
  | ({ result: "delivered"; request: RequestSummary; response: ResponseSummary; note?: string } & OutcomeExtras)
  | ({ result: "retry"; reason: string; retryAfterMs?: number; request: RequestSummary; response: ResponseSummary } & OutcomeExtras)
  | ({ result: "dead"; reason: string; request: RequestSummary; response: ResponseSummary } & OutcomeExtras)
  /** Only the merchant can fix this (missing data, rejected credentials); replay after they do. */
  | ({ result: "needs_attention"; reason: string; request?: RequestSummary; response?: ResponseSummary } & OutcomeExtras);

export interface ChannelConnection<S> {
  settings: S;
  /** Decrypted secrets, keyed by the connector's secretFields. */
  secrets: Record<string, string>;
  /** Overrides the connector's default API base (fakes, sandboxes). */
  baseUrl?: string;
}

export interface PushOptions {
  signal?: AbortSignal;
  /** Per HTTP call. */
  timeoutMs?: number;
  fetchImpl?: FetchLike;
  now?: () => Date;
  /**
   * The previous attempt of this push was cut off mid-flight (a worker died after claiming it), so a write may
   * already have landed. Connectors without an idempotency key (Wish) read back before writing again.
   */
  resumed?: boolean;
  /** Destination policy for merchant-supplied URLs (webhook channel). */
  outbound?: Omit<OutboundOptions, "production"> & { production?: boolean };
}

export interface ChannelConnector<S> {
  type: ChannelType;
  label: string;
  /** Non-secret settings, stored in plain JSON. */
  settingsSchema: z.ZodType<S>;
  /** Secret credentials, a flat record of strings, stored sealed. */
  secretsSchema: z.ZodType<Record<string, string | undefined>>;
  secretFields: readonly string[];
  defaultBaseUrl: string;
  push(delivery: TrackingDelivery, conn: ChannelConnection<S>, opts: PushOptions): Promise<PushOutcome>;
  /** Sends a harmless request that proves the credentials/destination work. */
  test?(conn: ChannelConnection<S>, opts: PushOptions): Promise<PushOutcome>;
  /** The merchant's connect form: fields, their schema, and the split into stored settings and sealed secrets. */
  form: ChannelAdminForm;
  /**
   * Checks that need I/O before a connection is saved (a merchant URL must not point inside our network).
   * Answers field errors keyed by form field names.
   */
  checkOnSave?(settings: S, opts: SaveCheckOptions): Promise<FormFieldErrors>;
  /**
   * Merchant webhooks receive every status as its own push, keyed by event; channels that store one tracking
   * value receive one push per value, and a newer value supersedes older queued ones.
   */
  receivesEveryStatus: boolean;
  /** Shopify carrier → this channel's carrier names, for channels that must name the carrier. */
  carrierNames?: CarrierNameTable;
  /** The carrier-event format this connection accepts at /inbound/<format>/<id>, if it accepts any. */
  inboundFormat?: InboundFormatId;
}

const DEFAULT_TIMEOUT_MS = 10_000;

const SECRET_HEADERS = new Set(["authorization", "as-api-key", "x-ultracart-simple-key", "cookie", "api-key"]);
const SECRET_KEYS = new Set(["access_token", "refresh_token", "client_secret", "password", "secret", "api_key"]);

function redactBody(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactBody);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k.toLowerCase()) ? "[redacted]" : redactBody(v)]),
    );
  }
  return value;
}

export function summarizeRequest(req: Pick<HttpRequest, "method" | "url" | "headers" | "body">): RequestSummary {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers ?? {})) {
    headers[k] = SECRET_HEADERS.has(k.toLowerCase()) ? "[redacted]" : v;
  }
  let body: unknown = req.body;
  if (typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch {
      // Non-JSON bodies are kept as text.
    }
  }
  return { method: req.method, url: req.url, headers, ...(body !== undefined ? { body: redactBody(body) } : {}) };
}

/** `hideBody` is for responses that carry credentials (token endpoints). */
export function summarizeResponse(outcome: HttpOutcome, hideBody = false): ResponseSummary {
  if (outcome.kind === "timeout") return { kind: "timeout", latencyMs: outcome.latencyMs, error: "timed out" };
  if (outcome.kind === "network") return { kind: "network", latencyMs: outcome.latencyMs, error: outcome.message };
  const body = hideBody
    ? "[redacted]"
    : outcome.json !== undefined
      ? JSON.stringify(redactBody(outcome.json)).slice(0, 2000)
      : outcome.bodyText.slice(0, 2000);
  return { kind: "response", status: outcome.status, body, latencyMs: outcome.latencyMs };
}

export function timeoutOf(opts: PushOptions): number {
  return opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
}

/** The ISO 3166-1 alpha-2 form every channel here expects. */
export function countryCode(value: string | undefined): string | null {
  const v = value?.trim().toUpperCase() ?? "";
  return /^[A-Z]{2}$/.test(v) ? v : null;
}

/** How a connector's response parser classifies one answer; `outcomeOf` turns it into the worker's PushOutcome. */
type Interpretation =
  | { kind: "ok"; note?: string }
  | { kind: "retry"; reason: string; retryAfterMs?: number }
  | { kind: "dead"; reason: string }
  | { kind: "attention"; reason: string };

export function outcomeOf(r: Interpretation, exchange: Exchange): PushOutcome {
  const base = { ...exchange, exchanges: [exchange] };
  switch (r.kind) {
    case "ok":
      return { result: "delivered", ...base, ...(r.note ? { note: r.note } : {}) };
    case "retry":
      return { result: "retry", reason: r.reason, ...(r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs } : {}), ...base };
    case "dead":
      return { result: "dead", reason: r.reason, ...base };
    case "attention":
      return { result: "needs_attention", reason: r.reason, ...base };
  }
}
