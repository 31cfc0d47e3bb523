// Pure: USPS label-service answers → Waypost's carrier-neutral shapes. A label comes back as multipart/form-data
// with a `labelMetadata` JSON part and a `labelImage` part (the PDF bytes); contracts.md §D4.
import { z } from "zod";
import type { AddressCheck, BoughtLabel, LabelAddress, LabelCharge, LabelImageFormat, TrackingEventInfo, TrackingStatus, VoidOutcome } from "../../labels";
import { dollarsToCents } from "../units";
import { trackingUrl } from "./request";

export interface MultipartPart {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

const indexOf = (hay: Uint8Array, needle: Uint8Array, from: number): number => {
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
};

/** Splits a multipart body on its boundary; binary parts stay bytes. Null when the body is not multipart. */
export function parseMultipart(contentType: string, body: Uint8Array): MultipartPart[] | null {
  const m = /boundary="?([^";]+)"?/i.exec(contentType);
  if (!/^multipart\//i.test(contentType) || !m) return null;
  const enc = new TextEncoder();
  const delimiter = enc.encode(`--${m[1]}`);
  const parts: MultipartPart[] = [];
  let at = indexOf(body, delimiter, 0);
  while (at >= 0) {
    const start = at + delimiter.length;
    // "--" after the delimiter closes the body.
    if (body[start] === 45 && body[start + 1] === 45) break;
    const next = indexOf(body, delimiter, start);
    if (next < 0) return null;
    const chunk = body.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next one
    const headerEnd = indexOf(chunk, enc.encode("\r\n\r\n"), 0);
    if (headerEnd < 0) return null;
    const headers = new TextDecoder().decode(chunk.subarray(0, headerEnd));
    const name = /name="([^"]+)"/i.exec(headers)?.[1] ?? "";
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? "application/octet-stream";
    parts.push({ name, contentType: type, bytes: chunk.subarray(headerEnd + 4) });
    at = next;
  }
  return parts;
}

const money = z.number().nonnegative();

export const LabelMetadataSchema = z
  .object({
    // Domestic labels answer trackingNumber, international ones internationalTrackingNumber (13 characters).
    trackingNumber: z.string().min(10).max(40).optional(),
    internationalTrackingNumber: z.string().min(13).max(13).optional(),
    postage: money,
    zone: z.string().optional(),
    SKU: z.string().optional(),
    extraServices: z.array(z.object({ name: z.string().optional(), SKU: z.string().optional(), price: money.optional() }).passthrough()).optional(),
    fees: z.array(z.object({ name: z.string().optional(), SKU: z.string().optional(), price: money.optional() }).passthrough()).optional(),
  })
  .passthrough()
  .refine((m) => m.trackingNumber || m.internationalTrackingNumber, { message: "no tracking number" });

export type ParsedLabel = { ok: true; label: BoughtLabel } | { ok: false; detail: string };

const startsWith = (bytes: Uint8Array, text: string) => new TextDecoder().decode(bytes.subarray(0, text.length)) === text;
const MAGIC: Record<LabelImageFormat, string> = { PDF: "%PDF-", ZPL: "^XA" };

/**
 * The label image part as bytes of the format asked for. The spec says the part is always Base64 encoded whatever
 * its headers claim; some answers carry it raw. Both are accepted, and the result must start like the format.
 */
export function labelImageBytes(part: Uint8Array, format: LabelImageFormat): Uint8Array | null {
  const magic = MAGIC[format];
  if (startsWith(part, magic)) return part.slice();
  const text = new TextDecoder().decode(part).replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const decoded = new Uint8Array(Buffer.from(text, "base64"));
  return startsWith(decoded, magic) ? decoded : null;
}

/** The label answer (multipart: labelMetadata JSON + labelImage) → a BoughtLabel in cents. */
export function parseLabelResponse(contentType: string, body: Uint8Array, serviceCode: string, format: LabelImageFormat = "PDF"): ParsedLabel {
  const parts = parseMultipart(contentType, body);
  if (!parts) return { ok: false, detail: `expected multipart/form-data, got ${contentType || "no content type"}` };
  const metaPart = parts.find((p) => p.name === "labelMetadata");
  const imagePart = parts.find((p) => p.name === "labelImage");
  if (!metaPart || !imagePart) return { ok: false, detail: "labelMetadata or labelImage part missing" };
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(metaPart.bytes));
  } catch {
    return { ok: false, detail: "labelMetadata is not JSON" };
  }
  const meta = LabelMetadataSchema.safeParse(raw);
  if (!meta.success) return { ok: false, detail: `labelMetadata: ${meta.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` };
  const image = labelImageBytes(imagePart.bytes, format);
  if (!image) return { ok: false, detail: `labelImage is not ${format === "PDF" ? "a PDF" : "ZPL"}` };
  const m = meta.data;
  const trackingNumber = (m.trackingNumber ?? m.internationalTrackingNumber)!;
  const charges: LabelCharge[] = [
    { kind: "postage", name: "Postage", amount: dollarsToCents(m.postage) },
    ...(m.extraServices ?? []).map((e) => ({ kind: "extra_service" as const, name: e.name ?? e.SKU ?? "Extra service", amount: dollarsToCents(e.price ?? 0) })),
    ...(m.fees ?? []).map((f) => ({ kind: "fee" as const, name: f.name ?? f.SKU ?? "Fee", amount: dollarsToCents(f.price ?? 0) })),
  ];
  return {
    ok: true,
    label: {
      trackingNumber,
      serviceCode,
      currency: "USD",
      charges,
      total: charges.reduce((n, c) => n + c.amount, 0),
      zone: m.zone,
      image: { format, bytes: image },
      trackingUrl: trackingUrl(trackingNumber),
    },
  };
}

export const PaymentAuthorizationSchema = z.object({ paymentAuthorizationToken: z.string().min(1) }).passthrough();

export const CancelResponseSchema = z.object({ trackingNumber: z.string().optional(), status: z.enum(["CANCELED", "DISPUTED"]), disputeId: z.string().optional() }).passthrough();

export const toVoidOutcome = (c: z.output<typeof CancelResponseSchema>): VoidOutcome =>
  c.status === "CANCELED" ? { status: "refunded" } : { status: "refund_requested", ...(c.disputeId ? { disputeId: c.disputeId } : {}) };

const AddressResponseSchema = z
  .object({
    address: z.object({ streetAddress: z.string().optional(), secondaryAddress: z.string().optional(), city: z.string().optional(), state: z.string().optional(), ZIPCode: z.string().optional(), ZIPPlus4: z.string().nullish() }).passthrough(),
    corrections: z.array(z.object({ code: z.string().optional(), text: z.string().optional() }).passthrough()).nullish(),
    matches: z.array(z.object({ code: z.string().optional(), text: z.string().optional() }).passthrough()).nullish(),
    warnings: z.array(z.string()).nullish(),
  })
  .passthrough();

/** An exact match (code 31) is deliverable; a correction (32 more info, 22 several matches) is flagged with USPS's text. */
export function parseAddressResponse(body: unknown, input: LabelAddress): { ok: true; check: AddressCheck } | { ok: false; detail: string } {
  const r = AddressResponseSchema.safeParse(body);
  if (!r.success) return { ok: false, detail: "address answer has an unexpected shape" };
  const a = r.data.address;
  const suggestion: LabelAddress = {
    ...input,
    address1: a.streetAddress ?? input.address1,
    ...(a.secondaryAddress ? { address2: a.secondaryAddress } : {}),
    city: a.city ?? input.city,
    province: a.state ?? input.province,
    zip: a.ZIPCode ? (a.ZIPPlus4 ? `${a.ZIPCode}-${a.ZIPPlus4}` : a.ZIPCode) : input.zip,
  };
  const correction = (r.data.corrections ?? []).find((c) => c.code);
  // USPS's own correction text, untranslated: the page puts it after its own sentence.
  if (correction) return { ok: true, check: { deliverable: false, ...(correction.text ? { message: correction.text } : {}), suggestion } };
  return { ok: true, check: { deliverable: true, suggestion } };
}

const TrackingDetailsSchema = z
  .object({
    trackingNumber: z.string().optional(),
    trackingEvents: z
      .array(
        z
          .object({
            eventType: z.string().optional(),
            eventTimestamp: z.string(),
            eventCity: z.string().nullish(),
            eventState: z.string().nullish(),
            eventZIP: z.string().nullish(),
            eventCode: z.string().nullish(),
          })
          .passthrough(),
      )
      .default([]),
  })
  .passthrough();

/** Pub 199 event codes → our status; anything unknown with "alert" words is an alert, else in transit. */
export function trackingStatusFor(code: string | null | undefined, text: string): TrackingStatus {
  if (/counterfeit|postage due|insufficient postage/i.test(text)) return "alert";
  switch (code) {
    case "GX":
    case "MA":
      return "label_created";
    case "01":
      return "delivered";
    case "OF":
      return "out_for_delivery";
    case "02":
    case "04":
    case "05":
    case "09":
    case "21":
      return "exception";
    default:
      return "in_transit";
  }
}

export function parseTracking(body: unknown): { ok: true; events: TrackingEventInfo[] } | { ok: false; detail: string } {
  const r = TrackingDetailsSchema.safeParse(body);
  if (!r.success) return { ok: false, detail: "tracking answer has an unexpected shape" };
  const events = r.data.trackingEvents
    .map((e) => ({
      status: trackingStatusFor(e.eventCode, e.eventType ?? ""),
      happenedAt: e.eventTimestamp,
      message: e.eventType ?? "",
      ...(e.eventCity ? { city: e.eventCity } : {}),
      ...(e.eventState ? { province: e.eventState } : {}),
      ...(e.eventZIP ? { zip: e.eventZIP } : {}),
    }))
    .sort((a, b) => a.happenedAt.localeCompare(b.happenedAt));
  return { ok: true, events };
}
