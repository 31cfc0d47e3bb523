// Inbound carrier tracking events → Shopify fulfillmentEventCreate. Each connection accepts the one format its
// connector declares, verified with the secret sealed with it; recording and applying the event (de-duplicated by
// (format, externalId), always kept, also for a fulfillment we cannot find) is recordCarrierEvent's, shared with
// the label tracking poller. Only the fields Waypost uses are stored, never the sender's body.
import { getConnector, getInboundFormat } from "~/channels/registry.server";
import type { InboundEvent } from "~/channels/inbound";
import { unsealJson } from "~/lib/secrets.server";
import { parseBoundedJson } from "~/lib/bounded-json";
import { logger } from "~/lib/logger.server";
import { trackingContext, type TrackingContext } from "./context.server";
import { recordCarrierEvent } from "./fulfillment-events.server";

interface InboundAnswer {
  status: number;
  body: { ok: boolean; result?: string; error?: string; duplicate?: boolean };
}

/** One answer for an unknown connection, a wrong format and a bad key, so ids cannot be probed. */
const REFUSED: InboundAnswer = { status: 401, body: { ok: false, error: "Unknown endpoint or credentials" } };

async function connectionFor(ctx: TrackingContext, format: string, connectionId: string) {
  const fmt = getInboundFormat(format);
  // Ids are cuids; anything else (a NUL made PostgreSQL answer 22021, a 500) is unknown without a query.
  if (!fmt || !/^[A-Za-z0-9_-]{1,64}$/.test(connectionId)) return null;
  const conn = await ctx.db.channelConnection.findUnique({ where: { id: connectionId }, include: { shop: true } });
  if (!conn || getConnector(conn.type)?.inboundFormat !== fmt.id) return null;
  const secret = inboundSecretOf(conn.secrets);
  return secret ? { fmt, conn, secret } : null;
}

export async function handleInboundEvent(
  input: { format: string; connectionId: string; headers: Headers; rawBody: string },
  ctx: TrackingContext = trackingContext(),
): Promise<InboundAnswer> {
  const db = ctx.db;
  const found = await connectionFor(ctx, input.format, input.connectionId);
  // Verify before parsing: nothing from an unverified body is trusted or stored.
  if (!found || !found.fmt.verify(input.headers, input.rawBody, found.secret)) return REFUSED;
  const { fmt, conn } = found;

  // Bounded depth, no NUL or lone surrogate (PostgreSQL 22P05 was a 500; the fuzz suite found it).
  const body = parseBoundedJson(input.rawBody);
  if (!body.ok) return { status: 400, body: { ok: false, error: `Body ${body.reason}` } };
  const parsed = fmt.parse(body.value);
  if (!parsed.ok) return { status: 400, body: { ok: false, error: parsed.error } };
  const event = parsed.event;

  const outcome = await recordCarrierEvent(ctx, { shop: { id: conn.shopId, domain: conn.shop.domain }, source: fmt.id, event, locate: () => findFulfillment(db, conn.shopId, event) });
  switch (outcome.result) {
    case "duplicate":
      return { status: 200, body: { ok: true, result: outcome.previous, duplicate: true } };
    case "failed":
      if (outcome.userErrors) return { status: 200, body: { ok: false, result: "failed", error: outcome.error } };
      logger.warn("inbound tracking event failed", { format: fmt.id, error: outcome.error });
      // Retryable failures answer 503 so the sender re-delivers; the row is re-processed then.
      return { status: outcome.retryable ? 503 : 200, body: { ok: false, result: "failed", error: "Shopify did not accept the event" } };
    default:
      return { status: 200, body: { ok: true, result: outcome.result } };
  }
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
async function findFulfillment(db: TrackingContext["db"], shopId: string, e: InboundEvent): Promise<string | null> {
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
