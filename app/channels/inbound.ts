// The shape every inbound carrier-event format shares: verify the sender with the connection's inbound secret,
// then parse the body into the few fields Waypost uses. Nothing else from the body is kept (it may carry the
// buyer's name or email).
import { createHash, timingSafeEqual } from "node:crypto";
import type { z } from "zod";
import type { FulfillmentEventStatus } from "~/domain/tracking/status-map";

export type InboundFormatId = "intelipost" | "aftership";

/** Stored as the event's payload; also what erasure matches on. */
export interface InboundEvent {
  externalId: string;
  state: string;
  status: FulfillmentEventStatus | null;
  known: boolean;
  trackingNumbers: string[];
  orderNumbers: string[];
  orderIds: string[];
  happenedAt?: string;
  message?: string;
}

export interface InboundFormat {
  id: InboundFormatId;
  label: string;
  verify(headers: Headers, rawBody: string, secret: string): boolean;
  parse(json: unknown): { ok: true; event: InboundEvent } | { ok: false; error: string };
}

/** Hashing first makes the comparison constant-time whatever the lengths. */
export function safeEqual(a: string, b: string): boolean {
  const x = createHash("sha256").update(a).digest();
  const y = createHash("sha256").update(b).digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}

export function isoOrUndefined(v: string | number | null | undefined): string | undefined {
  if (v === null || v === undefined || v === "") return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function describeIssues(error: z.ZodError) {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}

/** Inbound ids and tracking numbers are stored and compared; bounded, and never NUL (PostgreSQL refuses it). */
export const INBOUND_TEXT_MAX = 255;
export const hasNul = (s: string) => s.includes("\u0000");
