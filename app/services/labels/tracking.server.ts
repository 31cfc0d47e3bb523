// The label tracking poller: asks the label's carrier (USPS Tracking v3) about every parcel in transit and turns
// new events into Shopify fulfillment events through recordCarrierEvent, the same path inbound Intelipost and
// AfterShip events take. Each fulfilled label is a durable job like a purchase: claimed with a lease on the row,
// looked at again at trackingNextAt (sooner when out for delivery, never once delivered).
//
// Quota: tracking calls take the "tracking" permit of the shared USPS ledger, which stops a quarter of the hour
// before label purchases and half an hour before checkout rating (app/carriers/usps/quota.ts). A refused permit or
// a 429 ends the pass: the label waits for the time given, and so does every other, since they share one ledger.
//
// A "counterfeit postage" or "postage due" event is an alert for the merchant (home page), never a buyer-facing
// event on the order.
import type { LabelProvider, TrackingEventInfo } from "~/carriers/labels";
import { FIRST_POLL_AFTER_MS, GIVE_UP_AFTER_MS, latestStatus, nextPollDelayMs, shopifyStatusForTracking, trackingEventId } from "~/domain/labels/tracking";
import { logger } from "~/lib/logger.server";
import type { Label } from "~/generated/sqlite/client";
import { recordCarrierEvent } from "../tracking/fulfillment-events.server";
import { labelProviderFor, type LabelContext } from "./context.server";

export const TRACKING_LEASE_MS = 120_000;
const RETRY_MS = 15 * 60_000;
const SHOPIFY_RETRY_MS = 5 * 60_000;
const NOT_FOUND_MS = 6 * 3_600_000;
const DISCONNECTED_MS = 24 * 3_600_000;
const DONE = ["delivered", "expired"];

export interface TrackingRunOptions {
  owner: string;
  limit?: number;
  leaseMs?: number;
}

export interface TrackingRunSummary {
  polled: number;
  applied: number;
  alerts: number;
  /** Set when the USPS budget (or a 429) stopped the pass: nothing more can be polled before then. */
  waitUntil: Date | null;
}

function dueWhere(now: Date) {
  return {
    status: "fulfilled",
    trackingNumber: { not: null },
    OR: [{ trackingStatus: null }, { trackingStatus: { notIn: DONE } }],
    AND: [
      { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      { OR: [{ trackingNextAt: { lte: now } }, { trackingNextAt: null, createdAt: { lte: new Date(now.getTime() - FIRST_POLL_AFTER_MS) } }] },
    ],
  };
}

/** One pass: claim up to `limit` due labels, oldest look first, and poll them one at a time. */
export async function runLabelTrackingOnce(ctx: LabelContext, opts: TrackingRunOptions): Promise<TrackingRunSummary> {
  const leaseMs = opts.leaseMs ?? TRACKING_LEASE_MS;
  const now = ctx.now();
  const due = await ctx.db.label.findMany({
    where: dueWhere(now),
    orderBy: [{ trackingNextAt: "asc" }, { createdAt: "asc" }],
    take: opts.limit ?? 20,
    select: { id: true, shopId: true },
  });
  const summary: TrackingRunSummary = { polled: 0, applied: 0, alerts: 0, waitUntil: null };
  const providers = new Map<string, LabelProvider | null>();
  for (const row of due) {
    const t = ctx.now();
    const claimed = await ctx.db.label.updateMany({ where: { id: row.id, shopId: row.shopId, ...dueWhere(t) }, data: { leaseOwner: opts.owner, leaseUntil: new Date(t.getTime() + leaseMs) } });
    if (claimed.count !== 1) continue;
    try {
      const r = await pollOne(ctx, row, opts.owner, providers);
      summary.polled++;
      summary.applied += r.applied;
      summary.alerts += r.alert ? 1 : 0;
      if (r.waitUntil) {
        summary.waitUntil = r.waitUntil;
        break;
      }
    } catch (e) {
      // Unexpected (database down): the lease lapses and a later pass polls the label again.
      logger.error("label tracking poll failed unexpectedly", { label: row.id, reason: (e as Error).message });
    }
  }
  return summary;
}

interface PollResult {
  applied: number;
  alert: boolean;
  waitUntil?: Date;
}

async function pollOne(ctx: LabelContext, row: { id: string; shopId: string }, owner: string, providers: Map<string, LabelProvider | null>): Promise<PollResult> {
  const settle = (data: Record<string, unknown>) =>
    ctx.db.label.updateMany({ where: { id: row.id, shopId: row.shopId, leaseOwner: owner }, data: { ...data, leaseOwner: null, leaseUntil: null } });
  const later = (ms: number) => new Date(ctx.now().getTime() + ms);
  const label = await ctx.db.label.findFirst({ where: { id: row.id, shopId: row.shopId } });
  const shop = await ctx.db.shop.findFirst({ where: { id: row.shopId } });
  if (!label || !shop || !label.trackingNumber) return { applied: 0, alert: false };
  if (ctx.now().getTime() - label.createdAt.getTime() > GIVE_UP_AFTER_MS) {
    await settle({ trackingStatus: "expired", trackingNextAt: null });
    return { applied: 0, alert: false };
  }
  const batch = await ctx.db.labelBatch.findFirst({ where: { id: label.batchId, shopId: label.shopId }, select: { carrierId: true } });
  const carrierId = batch?.carrierId ?? "";
  const key = `${shop.id}:${carrierId}`;
  if (!providers.has(key)) providers.set(key, (await labelProviderFor(ctx, shop, carrierId))?.provider ?? null);
  const provider = providers.get(key);
  if (!provider) {
    await settle({ trackingNextAt: later(DISCONNECTED_MS) });
    return { applied: 0, alert: false };
  }

  const r = await provider.track(label.trackingNumber, AbortSignal.timeout(30_000));
  if (!r.ok) {
    const f = r.failure;
    if (f.kind === "rate_limited") {
      const until = later((f.retryAfterSeconds ?? 60) * 1000);
      await settle({ trackingNextAt: until });
      return { applied: 0, alert: false, waitUntil: until };
    }
    // Not found yet (USPS knows a label only once it is in its files), refused or reconnect: look much later.
    await settle({ trackingNextAt: later(f.kind === "retry" ? RETRY_MS : f.kind === "reconnect" ? DISCONNECTED_MS : NOT_FOUND_MS) });
    return { applied: 0, alert: false };
  }

  const events = r.value;
  const applied = await applyEvents(ctx, shop, label, carrierId, events);
  const alertEvent = events.find((e) => e.status === "alert");
  const raise = alertEvent && !label.trackingAlert;
  if (raise) logger.warn("carrier tracking alert on a label", { shop: shop.domain, label: label.id, order: label.orderName, message: alertEvent.message });
  const status = latestStatus(events);
  const delay = nextPollDelayMs(status);
  await settle({
    trackingStatus: status,
    trackingNextAt: applied.shopifyDown ? later(SHOPIFY_RETRY_MS) : delay === null ? null : later(delay),
    ...(raise ? { trackingAlert: alertEvent.message.slice(0, 255) || "Carrier alert", trackingAlertAt: new Date(alertEvent.happenedAt) } : {}),
  });
  return { applied: applied.count, alert: Boolean(raise) };
}

/** In order; stops at the first event Shopify could not take, so later ones never overtake it. */
async function applyEvents(ctx: LabelContext, shop: { id: string; domain: string }, label: Label, carrierId: string, events: TrackingEventInfo[]) {
  let count = 0;
  for (const e of events) {
    if (e.status === "label_created") continue;
    const status = shopifyStatusForTracking(e.status);
    const outcome = await recordCarrierEvent(ctx, {
      shop,
      source: carrierId,
      event: {
        externalId: trackingEventId(carrierId, label.trackingNumber!, e),
        state: e.status,
        status,
        known: true,
        trackingNumbers: [label.trackingNumber!],
        orderNumbers: label.orderName ? [label.orderName] : [],
        orderIds: [label.orderId.replace(/^gid:\/\/shopify\/Order\//, "")],
        happenedAt: e.happenedAt,
        message: e.message,
      },
      locate: async () => label.fulfillmentId,
      ...(e.status === "alert" ? { ignoredReason: `Carrier alert for the merchant, not shown to the buyer: ${e.message}` } : {}),
    });
    if (outcome.result === "applied") count++;
    if (outcome.result === "failed" && outcome.retryable) return { count, shopifyDown: true };
  }
  return { count, shopifyDown: false };
}
