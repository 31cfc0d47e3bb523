// Delivery of partner webhooks on the tracking outbox's pattern: a worker claims due rows with a lease (a
// compare-and-set on leaseOwner/leaseUntil, portable to SQLite and PostgreSQL, as labels do), renews the lease while
// its POST runs, and records the outcome only while it still holds the row. A crashed worker's rows are taken over
// once the lease lapses. Retries follow tracking's schedule (retryDelayMs, MAX_ATTEMPTS); a permanent refusal, a
// refused URL or an exhausted budget makes the row dead, which the provider can replay (webhooks.server.ts).
// Events of one order go out strictly in order: a row is claimable only when no older row of its order is still
// pending or retrying.
import { checkOutboundUrl } from "~/lib/outbound-url.server";
import { classifyOutcome, httpRequest } from "~/lib/http.server";
import { logger } from "~/lib/logger.server";
import { unseal } from "~/lib/secrets.server";
import { MAX_ATTEMPTS, nextAttemptAt, workerId } from "~/services/tracking/outbox.server";
import type { PartnersContext } from "./context.server";
import { LINK_SECRET_CONTEXT } from "./links.server";
import { recordPartnerAttempt } from "./webhook-attempts.server";
import { SIGNATURE_HEADER, signPartnerBody } from "./webhooks.server";
import { parts, say, type Said, verbatim } from "~/lib/said";
import { storeSaid } from "~/lib/stored-said";

/** Longer than one POST's timeout, so a live worker's heartbeat always renews before another may take the row. */
export const PARTNER_LEASE_MS = 30_000;
export const PARTNER_HEARTBEAT_MS = 10_000;
const POST_TIMEOUT_MS = 10_000;
const CLAIMABLE = ["pending", "retrying"];

export type DeliveryResult = "delivered" | "retrying" | "dead" | "lost_lease" | "error";

interface Row {
  id: string;
  shopId: string;
}

export interface DeliveryOptions {
  owner?: string;
  limit?: number;
  timeoutMs?: number;
  leaseMs?: number;
  heartbeatMs?: number;
}

const free = (now: Date) => ({ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] });

/** Claims up to `limit` due rows for `owner` (rows whose lease lapsed are due again). */
export async function claimPartnerWebhooks(ctx: PartnersContext, owner: string, opts: { limit: number; leaseMs: number }): Promise<Row[]> {
  const now = ctx.now();
  const due = { status: { in: CLAIMABLE }, nextAttemptAt: { lte: now }, ...free(now) };
  // Read a few more than needed: rows waiting behind an older event of their order are skipped.
  const candidates = await ctx.db.partnerWebhookMessage.findMany({
    where: due,
    select: { id: true, shopId: true, linkId: true, orderId: true, createdAt: true },
    orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
    take: opts.limit * 4,
  });
  const claimed: Row[] = [];
  for (const c of candidates) {
    if (claimed.length >= opts.limit) break;
    const older = await ctx.db.partnerWebhookMessage.findFirst({
      where: {
        shopId: c.shopId,
        linkId: c.linkId,
        orderId: c.orderId,
        status: { in: CLAIMABLE },
        OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }],
      },
      select: { id: true },
    });
    if (older) continue;
    const r = await ctx.db.partnerWebhookMessage.updateMany({
      where: { id: c.id, shopId: c.shopId, ...due },
      data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + opts.leaseMs) },
    });
    if (r.count === 1) claimed.push({ id: c.id, shopId: c.shopId });
  }
  return claimed;
}

/** One pass: claim due rows and send them (a few at a time); returns how many of each outcome. */
export async function runPartnerWebhooksOnce(ctx: PartnersContext, opts: DeliveryOptions = {}) {
  const owner = opts.owner ?? workerId();
  const leaseMs = opts.leaseMs ?? PARTNER_LEASE_MS;
  const rows = await claimPartnerWebhooks(ctx, owner, { limit: Math.min(opts.limit ?? 20, 100), leaseMs });
  const outcomes: Partial<Record<DeliveryResult, number>> = {};
  const queue = [...rows];
  await Promise.all(
    Array.from({ length: Math.min(4, queue.length) }, async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        const result = await sendClaimedWebhook(ctx, row, owner, { ...opts, leaseMs });
        outcomes[result] = (outcomes[result] ?? 0) + 1;
      }
    }),
  );
  return { claimed: rows.length, outcomes };
}

/** Claims and sends due messages once; the outcome counts (tests and the demo drive this directly). */
export async function deliverPartnerWebhooks(ctx: PartnersContext, opts: DeliveryOptions = {}) {
  return (await runPartnerWebhooksOnce(ctx, opts)).outcomes;
}

/** Sends one claimed row, renewing its lease meanwhile. Never throws: an unexpected fault leaves the lease to lapse. */
export async function sendClaimedWebhook(ctx: PartnersContext, row: Row, owner: string, opts: DeliveryOptions = {}): Promise<DeliveryResult> {
  const leaseMs = opts.leaseMs ?? PARTNER_LEASE_MS;
  const timer = setInterval(() => {
    ctx.db.partnerWebhookMessage
      .updateMany({ where: { id: row.id, shopId: row.shopId, leaseOwner: owner }, data: { leaseUntil: new Date(ctx.now().getTime() + leaseMs) } })
      .catch((e: unknown) => logger.warn("partner webhook lease renewal failed", { id: row.id, reason: (e as Error).message }));
  }, opts.heartbeatMs ?? PARTNER_HEARTBEAT_MS);
  timer.unref();
  try {
    return await deliverClaimed(ctx, row, owner, opts.timeoutMs ?? POST_TIMEOUT_MS);
  } catch (e) {
    logger.error("partner webhook failed unexpectedly", { id: row.id, reason: (e as Error).message });
    return "error";
  } finally {
    clearInterval(timer);
  }
}

async function deliverClaimed(ctx: PartnersContext, row: Row, owner: string, timeoutMs: number): Promise<DeliveryResult> {
  const msg = await ctx.db.partnerWebhookMessage.findFirst({ where: { id: row.id, shopId: row.shopId, leaseOwner: owner }, include: { link: true } });
  if (!msg) return "lost_lease";
  const attempts = msg.attempts + 1;
  // Written only while this worker still holds the row: a worker that lost its lease records nothing.
  const finish = async (status: "delivered" | "retrying" | "dead", lastError: Said | null, retryAfterMs?: number): Promise<DeliveryResult> => {
    const r = await ctx.db.partnerWebhookMessage.updateMany({
      where: { id: msg.id, shopId: msg.shopId, leaseOwner: owner },
      data: {
        status,
        attempts,
        lastError: lastError ? storeSaid(lastError) : null,
        leaseOwner: null,
        leaseUntil: null,
        ...(status === "delivered" ? { deliveredAt: ctx.now() } : {}),
        ...(status === "retrying" ? { nextAttemptAt: nextAttemptAt(ctx.now(), attempts, retryAfterMs) } : {}),
      },
    });
    return r.count === 1 ? status : "lost_lease";
  };
  const startedAt = ctx.now();
  // Every attempt goes in the provider's log, whether or not this worker still holds the row: it happened.
  if (!msg.link.webhookUrl) {
    await recordPartnerAttempt(ctx, msg, startedAt, "no_url");
    return finish("dead", say("portal:stored.noWebhookUrl"));
  }
  const check = await checkOutboundUrl(msg.link.webhookUrl, { production: ctx.production, allowLoopback: ctx.allowLoopback, lookup: ctx.lookup });
  if (!check.ok) {
    await recordPartnerAttempt(ctx, msg, startedAt, "url_refused");
    return finish("dead", say("portal:stored.urlRefused", { reason: check.reason }));
  }
  let secret: string;
  try {
    secret = unseal(msg.link.webhookSecret, LINK_SECRET_CONTEXT);
  } catch {
    await recordPartnerAttempt(ctx, msg, startedAt, "secret_unreadable");
    return finish("dead", say("portal:stored.secretUnreadable"));
  }
  const body = JSON.stringify(msg.payload);
  const signature = signPartnerBody(body, secret);
  const outcome = await httpRequest({
    url: check.url.toString(),
    method: "POST",
    headers: { "Content-Type": "application/json", [SIGNATURE_HEADER]: signature, "X-Waypost-Event": msg.event },
    body,
    timeoutMs,
  });
  await recordPartnerAttempt(ctx, msg, startedAt, outcome, [secret, signature]);
  const cls = classifyOutcome(outcome, { malformedJson: "ok" });
  if (cls.class === "ok") return finish("delivered", null);
  if (cls.class === "permanent") return finish("dead", verbatim(cls.reason));
  if (attempts >= MAX_ATTEMPTS) return finish("dead", parts(say("deliveries:stored.gaveUp", { attempts }), verbatim(cls.reason)));
  return finish("retrying", verbatim(cls.reason), cls.retryAfterMs);
}
