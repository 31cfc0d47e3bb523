// Inbound carrier tracking events (Intelipost, AfterShip) → Shopify fulfillmentEventCreate. Verified per channel
// connection (the secret sealed with it), de-duplicated by (source, externalId), and always recorded: an event for
// a fulfillment we cannot find is kept as unknown_fulfillment for the merchant to see, never dropped.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { getDb } from "~/db.server";
import {
  aftershipTagToShopify,
  intelipostStateToShopify,
  isKnownAftershipTag,
  isKnownIntelipostState,
  type FulfillmentEventStatus,
} from "~/domain/tracking/status-map";
import { unsealJson } from "~/lib/secrets.server";
import { parseBoundedJson } from "~/lib/bounded-json";
import { logger } from "~/lib/logger.server";
import { AdminApiError, defineOperation, formatUserErrors, runOperation } from "~/shopify/admin.server";
import { isUniqueViolation } from "~/services/webhook-receipts.server";
import { adminFor } from "./admin-client.server";

export type InboundSource = "intelipost" | "aftership";

export interface InboundAnswer {
  status: number;
  body: { ok: boolean; result?: string; error?: string; duplicate?: boolean };
}

export const FULFILLMENT_EVENT_CREATE = `#graphql
mutation FulfillmentEventCreate($fulfillmentEvent: FulfillmentEventInput!) {
  fulfillmentEventCreate(fulfillmentEvent: $fulfillmentEvent) {
    fulfillmentEvent { id status }
    userErrors { field message }
  }
}`;

const FulfillmentEventCreateOp = defineOperation<
  { fulfillmentEvent: { fulfillmentId: string; status: FulfillmentEventStatus; happenedAt?: string; message?: string } },
  { fulfillmentEventCreate: { fulfillmentEvent: { id: string; status: string } | null; userErrors: { field?: string[] | null; message: string }[] } }
>(
  "FulfillmentEventCreate",
  FULFILLMENT_EVENT_CREATE,
  z.object({
    fulfillmentEventCreate: z.object({
      fulfillmentEvent: z.object({ id: z.string(), status: z.string() }).nullable(),
      userErrors: z.array(z.object({ field: z.array(z.string()).nullish(), message: z.string() })),
    }),
  }),
);

const idLike = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

export const IntelipostEventSchema = z.object({
  order_number: idLike,
  tracking_code: z.string().nullish(),
  volume_number: idLike.nullish(),
  invoice: z
    .object({ invoice_number: idLike.nullish(), invoice_series: idLike.nullish(), invoice_key: z.string().nullish() })
    .nullish(),
  history: z.object({
    shipment_order_volume_state: z.string().min(1),
    event_date: z.string().nullish(),
    created: z.union([z.string(), z.number()]).nullish(),
    provider_message: z.string().nullish(),
    shipment_order_volume_state_localized: z.string().nullish(),
  }),
});

export const AfterShipEventSchema = z.object({
  event: z.string(),
  event_id: z.string().min(1),
  ts: z.number().optional(),
  msg: z.object({
    id: z.string().optional(),
    tracking_number: z.string().min(1),
    slug: z.string().optional(),
    tag: z.string().min(1),
    order_id: idLike.nullish(),
    order_number: idLike.nullish(),
    checkpoints: z
      .array(z.object({ message: z.string().nullish(), checkpoint_time: z.string().nullish(), tag: z.string().nullish() }))
      .nullish(),
  }),
});

function safeEqual(a: string, b: string): boolean {
  const x = createHash("sha256").update(a).digest();
  const y = createHash("sha256").update(b).digest();
  // Hashing first makes the comparison constant-time regardless of the lengths.
  return timingSafeEqual(x, y) && a.length === b.length;
}

interface Normalized {
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

function isoOrUndefined(v: string | number | null | undefined): string | undefined {
  if (v === null || v === undefined || v === "") return undefined;
  const d = new Date(typeof v === "number" ? v : v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function normalizeIntelipost(e: z.infer<typeof IntelipostEventSchema>): Normalized {
  const h = e.history;
  const when = h.event_date ?? (h.created !== null && h.created !== undefined ? String(h.created) : "");
  const externalId = createHash("sha256")
    .update(JSON.stringify([e.order_number, e.volume_number ?? "", h.shipment_order_volume_state.toUpperCase(), when]))
    .digest("hex");
  const numbers = [e.tracking_code, e.invoice?.invoice_number, e.invoice?.invoice_key].filter((v): v is string => !!v && v.trim() !== "");
  return {
    externalId,
    state: h.shipment_order_volume_state,
    status: intelipostStateToShopify(h.shipment_order_volume_state),
    known: isKnownIntelipostState(h.shipment_order_volume_state),
    trackingNumbers: numbers.map((n) => n.trim()),
    orderNumbers: [e.order_number],
    orderIds: [],
    happenedAt: isoOrUndefined(h.event_date ?? h.created),
    message: h.provider_message ?? h.shipment_order_volume_state_localized ?? undefined,
  };
}

function normalizeAfterShip(e: z.infer<typeof AfterShipEventSchema>): Normalized {
  const last = e.msg.checkpoints?.at(-1);
  return {
    externalId: e.event_id,
    state: e.event === "tracking_update" ? e.msg.tag : `${e.event}:${e.msg.tag}`,
    status: e.event === "tracking_update" ? aftershipTagToShopify(e.msg.tag) : null,
    known: e.event !== "tracking_update" || isKnownAftershipTag(e.msg.tag),
    trackingNumbers: [e.msg.tracking_number.trim()],
    orderNumbers: e.msg.order_number ? [e.msg.order_number] : [],
    orderIds: e.msg.order_id ? [e.msg.order_id] : [],
    happenedAt: isoOrUndefined(last?.checkpoint_time),
    message: last?.message ?? undefined,
  };
}

export async function handleInboundEvent(input: {
  source: InboundSource;
  connectionId: string;
  headers: Headers;
  rawBody: string;
}): Promise<InboundAnswer> {
  const db = getDb();
  // Ids are cuids; anything else (a NUL made PostgreSQL answer 22021, a 500) is unknown without a query.
  const plausible = /^[A-Za-z0-9_-]{1,64}$/.test(input.connectionId);
  const conn = plausible ? await db.channelConnection.findUnique({ where: { id: input.connectionId }, include: { shop: true } }) : null;
  const secret = conn ? inboundSecretOf(conn.secrets) : null;
  if (!conn || !secret) return { status: 404, body: { ok: false, error: "Unknown endpoint" } };

  // Verify before parsing: nothing from an unverified body is trusted or stored.
  if (input.source === "intelipost") {
    const key = input.headers.get("api-key") ?? "";
    if (!key || !safeEqual(key, secret)) return { status: 401, body: { ok: false, error: "api-key does not match" } };
  } else {
    const sig = input.headers.get("aftership-hmac-sha256") ?? "";
    const expected = createHmac("sha256", secret).update(input.rawBody, "utf8").digest("base64");
    if (!sig || !safeEqual(sig, expected)) return { status: 401, body: { ok: false, error: "aftership-hmac-sha256 does not verify" } };
  }

  // Bounded depth and no NUL (PostgreSQL 22P05 was a 500; the fuzz suite found it): app/lib/bounded-json.ts.
  const body = parseBoundedJson(input.rawBody);
  if (!body.ok) return { status: 400, body: { ok: false, error: `Body ${body.reason}` } };
  const json = body.value;
  let event: Normalized;
  if (input.source === "intelipost") {
    const parsed = IntelipostEventSchema.safeParse(json);
    if (!parsed.success) return { status: 400, body: { ok: false, error: issues(parsed.error) } };
    event = normalizeIntelipost(parsed.data);
  } else {
    const parsed = AfterShipEventSchema.safeParse(json);
    if (!parsed.success) return { status: 400, body: { ok: false, error: issues(parsed.error) } };
    event = normalizeAfterShip(parsed.data);
  }

  // Claim the (source, externalId) slot; a re-delivery of a finished event is a duplicate, of a failed one a retry.
  let rowId: string;
  try {
    const created = await db.inboundTrackingEvent.create({
      data: { shopId: conn.shopId, source: input.source, externalId: event.externalId, status: event.state, result: "failed", detail: "processing", payload: json as never },
    });
    rowId = created.id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.inboundTrackingEvent.findUnique({ where: { source_externalId: { source: input.source, externalId: event.externalId } } });
    if (!existing) throw error;
    if (existing.result !== "failed") return { status: 200, body: { ok: true, result: existing.result, duplicate: true } };
    rowId = existing.id;
  }
  const finish = async (result: "applied" | "unknown_fulfillment" | "ignored" | "failed", detail: string | null, fulfillmentId: string | null = null) => {
    await db.inboundTrackingEvent.update({ where: { id: rowId }, data: { result, detail, fulfillmentId } });
    return result;
  };

  if (!event.status) {
    const why = event.known ? `State ${event.state} creates no Shopify fulfillment event` : `Unknown state ${event.state}`;
    await finish("ignored", why);
    return { status: 200, body: { ok: true, result: "ignored" } };
  }
  const fulfillmentId = await findFulfillment(conn.shopId, event);
  if (!fulfillmentId) {
    await finish(
      "unknown_fulfillment",
      `No fulfillment found for tracking ${event.trackingNumbers.join(", ") || "-"} / order ${[...event.orderNumbers, ...event.orderIds].join(", ") || "-"}`,
    );
    return { status: 200, body: { ok: true, result: "unknown_fulfillment" } };
  }
  try {
    const admin = await adminFor(conn.shop.domain);
    const res = await runOperation(admin, FulfillmentEventCreateOp, {
      fulfillmentEvent: {
        fulfillmentId: `gid://shopify/Fulfillment/${fulfillmentId}`,
        status: event.status,
        ...(event.happenedAt ? { happenedAt: event.happenedAt } : {}),
        ...(event.message ? { message: event.message.slice(0, 255) } : {}),
      },
    });
    const errors = res.fulfillmentEventCreate.userErrors;
    if (errors.length > 0) {
      await finish("failed", `Shopify refused the event: ${formatUserErrors(errors)}`, fulfillmentId);
      return { status: 200, body: { ok: false, result: "failed", error: formatUserErrors(errors) } };
    }
    await finish("applied", `${event.state} → ${event.status}`, fulfillmentId);
    return { status: 200, body: { ok: true, result: "applied" } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finish("failed", message, fulfillmentId);
    logger.warn("inbound tracking event failed", { source: input.source, error: message });
    // Retryable failures answer 503 so the sender re-delivers; the row is re-processed then.
    const retryable = !(error instanceof AdminApiError) || error.retryable;
    return { status: retryable ? 503 : 200, body: { ok: false, result: "failed", error: "Shopify did not accept the event" } };
  }
}

function issues(error: z.ZodError) {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}

function inboundSecretOf(sealed: string): string | null {
  try {
    const s = unsealJson(sealed).inboundSecret;
    return s && s.length > 0 ? s : null;
  } catch {
    return null;
  }
}

/** By tracking value we pushed, then by the fulfillment's own tracking numbers, then by order. */
async function findFulfillment(shopId: string, e: Normalized): Promise<string | null> {
  const db = getDb();
  if (e.trackingNumbers.length > 0) {
    const pushed = await db.outboxMessage.findFirst({
      where: { shopId, trackingValue: { in: e.trackingNumbers } },
      orderBy: { createdAt: "desc" },
      select: { fulfillmentId: true },
    });
    if (pushed) return pushed.fulfillmentId;
    for (const n of e.trackingNumbers) {
      // The JSON text of the array contains "<number>" with its quotes, in SQLite and PostgreSQL alike.
      const pattern = `%"${n.replace(/[\\%_"]/g, (c) => `\\${c}`)}"%`;
      const rows = await db.$queryRaw<{ fulfillmentId: string }[]>`SELECT "fulfillmentId" FROM "FulfillmentRecord" WHERE "shopId" = ${shopId} AND CAST("trackingNumbers" AS TEXT) LIKE ${pattern} ESCAPE '\\' ORDER BY "updatedAt" DESC LIMIT 1`;
      if (rows[0]) return rows[0].fulfillmentId;
    }
  }
  const names = e.orderNumbers.flatMap((n) => (n.startsWith("#") ? [n, n.slice(1)] : [n, `#${n}`]));
  if (names.length > 0 || e.orderIds.length > 0) {
    const byOrder = await db.outboxMessage.findFirst({
      where: { shopId, OR: [...(names.length ? [{ orderName: { in: names } }] : []), ...(e.orderIds.length ? [{ orderId: { in: e.orderIds } }] : [])] },
      orderBy: { createdAt: "desc" },
      select: { fulfillmentId: true },
    });
    if (byOrder) return byOrder.fulfillmentId;
  }
  if (e.orderIds.length > 0) {
    const records = await db.fulfillmentRecord.findMany({ where: { shopId, orderId: { in: e.orderIds } }, select: { fulfillmentId: true }, take: 2 });
    if (records.length === 1) return records[0].fulfillmentId;
  }
  return null;
}
