// The durable outbox: claim due rows with a lease, push through the channel connector, record the attempt and
// classify the outcome. The claim itself is dialect SQL (app/db/outbox-claim.server.ts). Rows of one (fulfillment, channel) go out strictly in order:
// a row is only claimable when no older row of its pair is pending, retrying or in flight.
import { parts, say, type Said } from "~/lib/said";
import { storeSaid, storedSaid } from "~/lib/stored-said";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { keyEventFor, nfeFor } from "~/domain/tracking/plan";
import { claimOutboxRows, renewLeases, type ClaimedRow } from "~/db/tracking-sql.server";
import { pushStored, receivesEveryStatus } from "~/channels/registry.server";
import type { PushOutcome, TrackingDelivery } from "~/channels/channel";
import { trackingValueFor, deliveryKey } from "~/domain/tracking/idempotency";
import { logger } from "~/lib/logger.server";
import { sealJson, unsealJson } from "~/lib/secrets.server";
import { trackingContext, type TrackingContext } from "./context.server";
import { planPendingReceipts, supersedeOlder, type OutboxPayload, type PlanBackoff, type PlanSummary } from "./fulfillments.server";
import { fetchOrderContext } from "./order-context.server";
import { nfeSourceSaid, parseTrackingSettings } from "~/domain/tracking/shop-tracking-settings";
import { effectiveBaseUrl } from "./connection-extras.server";
import { resultWriterFor, type PushResultWriter } from "./push-results.server";
import { claimedRowLoaderFor } from "./claimed-rows.server";

import { OUTBOX_STATUSES, type OutboxStatus } from "~/domain/tracking/outbox-status";
export { OUTBOX_STATUSES, type OutboxStatus };

export const MAX_ATTEMPTS = 12;
export const BASE_DELAY_MS = 60_000;
export const MAX_DELAY_MS = 6 * 3_600_000;
/**
 * A claim holds a row for LEASE_MS; while its push runs the worker renews the lease every HEARTBEAT_MS, so a
 * crashed worker's rows are taken over within seconds while a slow but live push (several 10 s calls) keeps its row.
 */
export const LEASE_MS = 10_000;
export const HEARTBEAT_MS = 3_000;
const PUSH_TIMEOUT_MS = 10_000;

/**
 * The retry schedule: 1 min × 2^(attempt−1) with ±20 % jitter, capped at 6 h, so 12 attempts span about 20 h.
 * A channel's Retry-After may only lengthen a delay (capped the same way), never shorten the schedule: the attempt
 * budget is spent over time, not in a burst of quick retries.
 */
export function retryDelayMs(attempt: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const raw = BASE_DELAY_MS * 2 ** Math.min(20, Math.max(0, attempt - 1));
  const scheduled = Math.round(Math.min(MAX_DELAY_MS, raw * (0.8 + 0.4 * random())));
  const asked = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? Math.min(retryAfterMs, MAX_DELAY_MS) : 0;
  return Math.max(scheduled, asked);
}

/** When the row is due again after its `attempt`-th failure at `now` (the clock is the caller's). */
export function nextAttemptAt(now: Date, attempt: number, retryAfterMs?: number, random: () => number = Math.random): Date {
  return new Date(now.getTime() + retryDelayMs(attempt, retryAfterMs, random));
}

export const workerId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;


/** Written by the claim into lastError when it takes over a row whose lease expired mid-push. */
const RESUMED = storeSaid(say("deliveries:stored.resumed"));

interface ClaimOptions {
  owner: string;
  now?: Date;
  limit?: number;
  leaseMs?: number;
  ctx?: TrackingContext;
  /** Destinations at their concurrency limit in this worker: their rows stay for later (or another worker). */
  excludeChannelIds?: readonly string[];
}

/** Claims up to `limit` due rows (and rows whose lease expired) for `owner`; returns their ids. */
export async function claimDue(opts: ClaimOptions): Promise<string[]> {
  return (await claimDueRows(opts)).map((r) => r.id);
}

/** Like claimDue, with each row's destination (the worker queues rows per destination). */
export async function claimDueRows(opts: ClaimOptions): Promise<ClaimedRow[]> {
  const db = (opts.ctx ?? trackingContext()).db;
  const now = opts.now ?? new Date();
  const limit = opts.limit ?? 20;
  const leaseUntil = new Date(now.getTime() + (opts.leaseMs ?? LEASE_MS));
  return claimOutboxRows(db, { owner: opts.owner, now, leaseUntil, limit, resumedNote: RESUMED, excludeChannelIds: opts.excludeChannelIds });
}

export interface RunOptions {
  now?: Date;
  limit?: number;
  owner?: string;
  /** Per HTTP call to a channel. */
  timeoutMs?: number;
  /** Parallel pushes within one batch (rows of one pair are never in the same batch). */
  concurrency?: number;
  /** Plan and send at the same time (the worker loop); otherwise plan first. */
  overlapPlanning?: boolean;
  /** Database, Admin API and deployment mode; built from the environment when absent. */
  ctx?: TrackingContext;
  /** The planner's backoff across passes (the worker keeps one); a one-off pass retries deferred receipts at once. */
  backoff?: PlanBackoff;
  /** Skip planning fulfillment receipts (the bench and some tests drive it separately). */
  skipPlanning?: boolean;
}

interface RunSummary {
  plan: PlanSummary;
  claimed: number;
  outcomes: Record<string, number>;
}

/** One pass: plan pending fulfillment receipts, then claim and send one batch. */
export async function runOutboxOnce(opts: RunOptions = {}): Promise<RunSummary> {
  const ctx = opts.ctx ?? trackingContext();
  const now = opts.now ?? new Date();
  const owner = opts.owner ?? workerId();
  // Planning and sending are independent: the worker overlaps them (rows planned now go out next pass); a
  // single call otherwise plans first, then sends what it planned.
  const planning = opts.skipPlanning ? Promise.resolve({ planned: 0, deferred: 0, failed: 0 }) : planPendingReceipts({ now, backoff: opts.backoff, ctx });
  if (!opts.overlapPlanning) await planning;
  const claimed = await claimDueRows({ owner, now, limit: opts.limit ?? 20, ctx });
  const outcomes: Record<string, number> = {};
  const queue = [...claimed];
  const workers = Array.from({ length: Math.min(opts.concurrency ?? 8, queue.length) }, async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const result = await sendClaimed(ctx, row.id, owner, { now: opts.now, timeoutMs: opts.timeoutMs, shopId: row.shopId });
      outcomes[result] = (outcomes[result] ?? 0) + 1;
    }
  });
  await Promise.all(workers);
  return { plan: await planning, claimed: claimed.length, outcomes };
}

export type Final = OutboxStatus | "lost_lease" | "error";

interface SendOptions {
  /** Fixes the clock used for scheduling and lease renewal (tests). */
  now?: Date;
  /** The clock, when it moves (the worker's injected clock); `now` wins when both are given. */
  clock?: () => Date;
  /** The row's shop, as the claim returned it (the lease renewal names id and shop); read from the row when absent. */
  shopId?: string;
  /** Where the result is written; the process's shared writer for this database by default. */
  results?: PushResultWriter;
  timeoutMs?: number;
  leaseMs?: number;
  heartbeatMs?: number;
}

/**
 * Sends one claimed row and records the result, renewing the row's lease every heartbeat while the push runs.
 * Never throws: an unexpected failure is logged and reported as "error" (the row's lease then expires and any
 * worker retries it).
 */
export async function sendClaimed(ctx: TrackingContext, id: string, owner: string, opts: SendOptions = {}): Promise<Final> {
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_MS;
  let shopId = opts.shopId;
  const heartbeat = heartbeatMs <= 0 ? undefined : setInterval(() => {
    const until = new Date((opts.now ?? opts.clock?.() ?? new Date()).getTime() + leaseMs);
    (async () => {
      shopId ??= (await ctx.db.outboxMessage.findUnique({ where: { id }, select: { shopId: true } }))?.shopId;
      return shopId ? renewLeases(ctx.db, [{ id, shopId }], owner, until) : 0;
    })()
      .then((held) => {
        if (held === 0) logger.warn("outbox lease lost mid-push", { id });
      })
      .catch((error: unknown) => logger.warn("outbox lease renewal failed", { id, error: String(error) }));
  }, heartbeatMs);
  heartbeat?.unref();
  try {
    return await processClaimed(ctx, id, owner, opts);
  } catch (error) {
    logger.error("outbox row failed unexpectedly", { id, error: String(error) });
    return "error";
  } finally {
    if (heartbeat) clearInterval(heartbeat);
  }
}

async function processClaimed(ctx: TrackingContext, id: string, owner: string, opts: SendOptions = {}): Promise<Final> {
  const db = ctx.db;
  const row = await claimedRowLoaderFor(db).load(id);
  if (!row || row.status !== "in_flight" || row.leaseOwner !== owner) return "lost_lease";
  // The fencing token of the claim this push runs under: every write below requires it still holds.
  const lease = { id: row.id, shopId: row.shopId, leaseOwner: owner, leaseVersion: row.leaseVersion, status: "in_flight" };
  const clock = () => opts.now ?? opts.clock?.() ?? new Date();
  const payload = row.payload as unknown as OutboxPayload;
  const resumed = row.lastError === RESUMED;
  let delivery: TrackingDelivery = { ...payload.delivery };
  const started = Date.now();

  let outcome: PushOutcome;
  if (row.channel.status === "disconnected") {
    outcome = { result: "needs_attention", reason: storeSaid(say("deliveries:stored.disconnected", { name: row.channel.name })) };
  } else if (payload.replan) {
    const re = await replan(ctx, row.shopId, payload, clock());
    if (re.kind === "attention") outcome = { result: "needs_attention", reason: re.reason };
    else if (re.kind === "retry") outcome = { result: "retry", reason: re.reason } as PushOutcome;
    else {
      // The value is known now: move the row onto its real idempotency key (or drop it if that push exists).
      const keyEvent = keyEventFor(re.delivery.event, receivesEveryStatus(payload.channelType));
      const key = deliveryKey({
        shop: delivery.shop,
        fulfillmentId: row.fulfillmentId,
        channelConnectionId: row.channelId,
        trackingValue: re.delivery.trackingValue,
        ...(keyEvent ? { event: keyEvent } : {}),
      });
      const taken = await db.outboxMessage.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
      if (taken && taken.id !== row.id) {
        const released = await db.outboxMessage.updateMany({
          where: lease,
          data: { status: "superseded", lastError: storeSaid(say("deliveries:stored.duplicate")), leaseOwner: null, leaseUntil: null },
        });
        return released.count > 0 ? "superseded" : "lost_lease";
      }
      delivery = { ...re.delivery, deliveryKey: key };
      const moved = await db.outboxMessage.updateMany({
        where: lease,
        data: {
          idempotencyKey: key,
          trackingValue: delivery.trackingValue,
          payload: { ...payload, delivery, replan: false } as never,
        },
      });
      // Another claim took the row while the order was re-read: that claim pushes it, not this one.
      if (moved.count === 0) return "lost_lease";
      outcome = await send(ctx, row.channel, delivery, opts.timeoutMs, resumed);
    }
  } else {
    outcome = await send(ctx, row.channel, delivery, opts.timeoutMs, resumed);
  }
  const latencyMs = Date.now() - started;

  if (outcome.updatedSecrets) {
    // A rotated refresh token may be single-use: store it whatever happened to the push.
    await db.channelConnection.updateMany({ where: { id: row.channelId, shopId: row.shopId }, data: { secrets: sealJson(outcome.updatedSecrets) } });
  }

  const attempts = row.attempts + 1;
  const now = clock();
  let status: OutboxStatus;
  let lastError: string | null = null;
  let nextAttempt: Date | undefined;
  switch (outcome.result) {
    case "delivered":
      status = "delivered";
      break;
    case "dead":
      status = "dead";
      lastError = outcome.reason;
      break;
    case "needs_attention":
      status = "needs_attention";
      lastError = outcome.reason;
      break;
    case "retry": {
      const newer = receivesEveryStatus(payload.channelType) ? null : await newerValueQueued(db, row.channelId, row.fulfillmentId, row.id, row.createdAt, delivery.trackingValue);
      if (newer) {
        status = "superseded";
        lastError = storeSaid(parts(storedSaid(outcome.reason), say("deliveries:stored.superseded", { value: newer })));
      } else if (attempts >= MAX_ATTEMPTS) {
        status = "dead";
        lastError = storeSaid(parts(say("deliveries:stored.gaveUp", { attempts }), storedSaid(outcome.reason)));
      } else {
        status = "retrying";
        lastError = outcome.reason;
        nextAttempt = nextAttemptAt(now, attempts, outcome.retryAfterMs);
      }
      break;
    }
  }

  const response = outcome.response
    ? { ...outcome.response, ...(outcome.exchanges && outcome.exchanges.length > 1 ? { exchanges: outcome.exchanges } : {}) }
    : undefined;
  const note = outcome.result === "delivered" ? (outcome.note ?? null) : outcome.reason;
  // Batched with other pushes' results (push-results.server.ts); refused when the lease no longer holds.
  const applied = await (opts.results ?? resultWriterFor(db)).write({
    id: row.id,
    shopId: row.shopId,
    owner,
    leaseVersion: row.leaseVersion,
    status,
    attempts,
    lastError,
    nextAttemptAt: nextAttempt ?? null,
    deliveredAt: status === "delivered" ? now : null,
    updatedAt: new Date(),
    attempt: { startedAt: new Date(started), outcome: outcome.result, request: outcome.request, response, error: note, latencyMs },
  });
  if (!applied) return "lost_lease";
  if (status === "needs_attention" || status === "dead") {
    await db.channelConnection.updateMany({ where: { id: row.channelId, shopId: row.shopId }, data: { lastError } }).catch(() => undefined);
  }
  return status;
}

async function send(
  ctx: TrackingContext,
  channel: { type: string; settings: unknown; secrets: string },
  delivery: TrackingDelivery,
  timeoutMs?: number,
  resumed = false,
): Promise<PushOutcome> {
  let secrets: Record<string, string>;
  try {
    secrets = channel.secrets ? unsealJson(channel.secrets) : {};
  } catch (error) {
    return {
      result: "needs_attention",
      reason: storeSaid(say("deliveries:stored.unreadableCredentials", { error: (error as Error).name })),
    };
  }
  try {
    return await pushStored(channel.type, delivery, { settings: channel.settings, secrets, baseUrl: effectiveBaseUrl(channel.settings) }, {
      timeoutMs: timeoutMs ?? PUSH_TIMEOUT_MS,
      resumed,
      outbound: { production: ctx.production, allowLoopback: ctx.allowLoopback },
    });
  } catch (error) {
    return { result: "retry", reason: storeSaid(say("deliveries:stored.unexpected", { detail: (error as Error).message.slice(0, 500) })) } as PushOutcome;
  }
}

async function newerValueQueued(db: TrackingContext["db"], channelId: string, fulfillmentId: string, id: string, createdAt: Date, value: string): Promise<string | null> {
  const newer = await db.outboxMessage.findFirst({
    where: { channelId, fulfillmentId, id: { not: id }, createdAt: { gt: createdAt }, status: { in: ["pending", "retrying"] }, trackingValue: { not: value } },
    orderBy: { createdAt: "desc" },
    select: { trackingValue: true },
  });
  return newer?.trackingValue ?? null;
}

type Replan = { kind: "ok"; delivery: TrackingDelivery } | { kind: "attention"; reason: string } | { kind: "retry"; reason: string };

/** Re-reads the order (the merchant may have added the NF-e or the channel order id) and recomputes the value. */
async function replan(tc: TrackingContext, shopId: string, payload: OutboxPayload, now: Date): Promise<Replan> {
  const shop = await tc.db.shop.findUnique({ where: { id: shopId } });
  if (!shop) return { kind: "attention", reason: storeSaid(say("deliveries:stored.shopGone")) };
  const settings = parseTrackingSettings(shop.trackingSettings);
  const d = payload.delivery;
  let ctx;
  try {
    ctx = await fetchOrderContext(await tc.adminFor(shop.domain), d.orderId, { nfe: settings.nfeSource, channelOrderId: settings.channelOrderId });
  } catch (error) {
    return { kind: "retry", reason: (error as Error).message };
  }
  if (!ctx) return { kind: "attention", reason: storeSaid(say("deliveries:stored.orderGone", { order: d.orderName })) };
  const nfe = nfeFor(settings, ctx.nfeRaw, d.trackingNumbers, now);
  const tv = trackingValueFor(
    { wants: payload.wants },
    { orderName: ctx.name, trackingNumbers: d.trackingNumbers, nfe: nfe.nfe, nfeError: nfe.nfeError, nfeSource: nfeSourceSaid(settings.nfeSource) },
  );
  if (!tv.ok) return { kind: "attention", reason: storeSaid(tv.needsAttention) };
  const { channelOrderId: _old, nfe: _oldNfe, ...rest } = d;
  return {
    kind: "ok",
    delivery: {
      ...rest,
      orderName: ctx.name,
      trackingValue: tv.value,
      ...(ctx.channelOrderId ? { channelOrderId: ctx.channelOrderId } : {}),
      ...(nfe.nfe
        ? { nfe: nfe.nfe.kind === "key" ? { key: nfe.nfe.key.digits, number: nfe.nfe.number, series: nfe.nfe.series } : { number: nfe.nfe.number } }
        : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Merchant actions (scoped to a shop when shopId is given)

/** A refusal says why in English (`message`, scripts and logs) and for the merchant's page (`said`). */
type ActionResult = { ok: true; count: number } | { ok: false; message: string; said: Said };

const scope = (shopId?: string) => (shopId ? { shopId } : {});

/** Puts a failed, retrying or held delivery back in the queue now. Held ones re-read the order first. */
type ActionOptions = { shopId?: string; now?: Date; ctx?: TrackingContext };

export async function retryNow(id: string, opts: ActionOptions = {}): Promise<ActionResult> {
  const db = (opts.ctx ?? trackingContext()).db;
  const row = await db.outboxMessage.findFirst({ where: { id, ...scope(opts.shopId) } });
  if (!row) return { ok: false, message: "Delivery not found", said: say("deliveries:actions.notFound") };
  if (!["dead", "retrying", "needs_attention", "pending", "resolved"].includes(row.status)) {
    return { ok: false, message: `A ${row.status.replace("_", " ")} delivery cannot be retried`, said: say("deliveries:actions.cannotRetry", { statusKey: `deliveries:status.${row.status}` }) };
  }
  const payload = row.payload as unknown as OutboxPayload;
  const res = await db.outboxMessage.updateMany({
    where: { id, ...scope(opts.shopId), status: row.status },
    data: {
      status: "pending",
      nextAttemptAt: opts.now ?? new Date(),
      attempts: row.status === "retrying" || row.status === "pending" ? row.attempts : 0,
      ...(row.status === "needs_attention" ? { payload: { ...payload, replan: true } as never } : {}),
    },
  });
  if (res.count === 0) return { ok: false, message: "The delivery changed meanwhile; reload and try again", said: say("deliveries:actions.changed") };
  return { ok: true, count: 1 };
}

/** Retry now every dead, retrying or held delivery of one channel. */
export async function retryAllFailed(channelId: string, opts: ActionOptions = {}): Promise<ActionResult> {
  const db = (opts.ctx ?? trackingContext()).db;
  const rows = await db.outboxMessage.findMany({
    where: { channelId, ...scope(opts.shopId), status: { in: ["dead", "retrying", "needs_attention"] } },
    select: { id: true },
  });
  let count = 0;
  for (const r of rows) {
    const res = await retryNow(r.id, opts);
    if (res.ok) count++;
  }
  return { ok: true, count };
}

/** The merchant handled it outside Waypost (or does not want it sent): never retried again. */
export async function markResolved(id: string, opts: ActionOptions = {}): Promise<ActionResult> {
  const res = await (opts.ctx ?? trackingContext()).db.outboxMessage.updateMany({
    where: { id, ...scope(opts.shopId), status: { in: ["dead", "retrying", "needs_attention", "pending"] } },
    data: { status: "resolved", leaseOwner: null, leaseUntil: null },
  });
  if (res.count === 0) return { ok: false, message: "Only failed, retrying, held or queued deliveries can be marked resolved", said: say("deliveries:actions.cannotResolve") };
  return { ok: true, count: 1 };
}

export { supersedeOlder };
