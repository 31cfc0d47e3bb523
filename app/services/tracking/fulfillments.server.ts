// Fulfillment webhooks → durable receipt (fast, inside acceptOnce's transaction) → planning (after the response):
// order context from the Admin API, events against the last known state, event rules, one outbox row per
// (fulfillment, channel, tracking value). Planning is durable: the receipt stays "received" until the plan's own
// transaction flips it to "processed", so a crash or an Admin API failure leaves it for the next pass.
import {
  commitSerially,
  insertOutboxRows,
  lockFulfillments,
  TRACKING_TX,
  upsertFulfillmentRecords,
  type FulfillmentRecordRow,
  type OutboxRowInsert,
} from "~/db/tracking-sql.server";
import { rowId } from "~/lib/row-id";
import { say } from "~/lib/said";
import { storeSaid } from "~/lib/stored-said";
import { EventRuleSchema, type EventRule as DomainRule, type TrackingEvent } from "~/domain/tracking/event-rules";
import { eventsPerChannel, nfeFor, plannedValue, pushesFor } from "~/domain/tracking/plan";
import { deriveEvents, type FulfillmentTopic } from "~/domain/tracking/events";
import { deliveryKey, trackingValueFor, type TrackingWant } from "~/domain/tracking/idempotency";
import type { TrackingDelivery } from "~/channels/channel";
import { receivesEveryStatus } from "~/channels/registry.server";
import { logger } from "~/lib/logger.server";
import { acceptOnce, type Acceptance, type Tx } from "~/services/webhook-receipts.server";
import { trackingContext, type TrackingContext } from "./context.server";
import { formatIssues, parseFulfillmentPayload, trackingNumbersOf, type FulfillmentPayload } from "./fulfillment-payload";
import { fetchOrderContext, fetchOrderContexts, type OrderContext } from "./order-context.server";
import { nfeSourceSaid, parseTrackingSettings, type TrackingSettings } from "~/domain/tracking/shop-tracking-settings";
import { connectionExtras } from "./connection-extras.server";
import { notifyOutbox } from "./signal.server";

const FULFILLMENT_TOPICS: readonly FulfillmentTopic[] = ["fulfillments/create", "fulfillments/update"];

/** "FULFILLMENTS_CREATE" (the library's storage form) and "fulfillments/create" are the same topic. */
function normalizeFulfillmentTopic(topic: string): FulfillmentTopic | null {
  const t = topic.trim().toLowerCase().replace(/_/, "/");
  return (FULFILLMENT_TOPICS as readonly string[]).includes(t) ? (t as FulfillmentTopic) : null;
}

interface WebhookInput {
  shop: string;
  topic: string;
  webhookId: string;
  eventId?: string;
  bodyHash?: string;
  payload: unknown;
}

interface WebhookAnswer {
  status: number;
  body: string;
  acceptance?: Acceptance;
}

/** The whole synchronous part of a fulfillment webhook: validate, store the receipt once, answer. */
export async function receiveFulfillmentWebhook(input: WebhookInput): Promise<WebhookAnswer> {
  const topic = normalizeFulfillmentTopic(input.topic);
  if (!topic) return { status: 400, body: `Unexpected topic ${input.topic}` };
  const parsed = parseFulfillmentPayload(input.payload);
  if (!parsed.success) return { status: 400, body: `Unexpected ${topic} payload: ${formatIssues(parsed.error)}` };
  const acceptance = await acceptOnce(
    { shop: input.shop, topic, webhookId: input.webhookId, eventId: input.eventId, bodyHash: input.bodyHash, orderId: parsed.data.order_id, payload: input.payload },
  );
  if (acceptance === "accepted") notifyOutbox();
  return { status: 200, body: "", acceptance };
}

// ---------------------------------------------------------------------------------------------------------------
// Planning
//
// A pass reads up to `limit` received receipts and plans them in batches of up to PLAN_BATCH receipts of one shop
// (all receipts of one order in the same batch, in arrival order). A batch costs a handful of statements whatever
// its size: lock its fulfillments (PostgreSQL), claim its receipts, read the last known states, one multi-row
// upsert of the states, one multi-row INSERT … ON CONFLICT DO NOTHING of the outbox rows, and a supersede UPDATE
// only where an older value of the same fulfillment can exist. A batch commits as one transaction; if it fails
// for any reason, each of its receipts is retried on its own, so one bad receipt never holds up the others.

export interface OutboxPayload {
  delivery: TrackingDelivery;
  channelType: string;
  wants: TrackingWant;
  /** Set when the tracking value could not be computed: the worker re-reads the order before sending. */
  replan?: boolean;
}

const MAX_PLAN_FAILURES = 10;
/** Receipts planned in one transaction. */
export const PLAN_BATCH = 50;
/**
 * Backoff for receipts whose planning failed (Admin API down), kept by whoever plans repeatedly (the worker);
 * a one-off pass starts with none, as does a restart, and simply retries at once.
 */
export type PlanBackoff = Map<string, { failures: number; nextAt: number }>;

export interface PlanSummary {
  planned: number;
  deferred: number;
  failed: number;
}

interface ReceiptRow {
  id: string;
  shopDomain: string;
  orderId: string | null;
  topic: string;
  payload: unknown;
}

/** Test seam: runs inside each batch's transaction after its receipts are claimed (a crash mid-batch). */
export type PlanFault = (receiptIds: readonly string[]) => void | Promise<void>;

export async function planPendingReceipts(
  opts: { now?: Date; limit?: number; concurrency?: number; batchSize?: number; backoff?: PlanBackoff; ctx?: TrackingContext; fault?: PlanFault } = {},
): Promise<PlanSummary> {
  const ctx = opts.ctx ?? trackingContext();
  const planBackoff: PlanBackoff = opts.backoff ?? new Map();
  const now = opts.now ?? new Date();
  const receipts: ReceiptRow[] = await ctx.db.webhookReceipt.findMany({
    where: { status: "received", topic: { in: [...FULFILLMENT_TOPICS] } },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    take: opts.limit ?? 100,
    select: { id: true, shopDomain: true, orderId: true, topic: true, payload: true },
  });
  const summary: PlanSummary = { planned: 0, deferred: 0, failed: 0 };
  // Receipts of one order are planned in arrival order: after one is deferred, the later ones wait too.
  const groups = new Map<string, ReceiptRow[]>();
  const held = new Set<string>();
  for (const r of receipts) {
    const key = orderKey(r);
    if (held.has(key) || (planBackoff.get(r.id)?.nextAt ?? 0) > now.getTime()) {
      held.add(key);
      summary.deferred++;
      continue;
    }
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const batches = packBatches([...groups.values()], opts.batchSize ?? PLAN_BATCH);
  const run: BatchRun = { ctx, now, cache: new Map(), backoff: planBackoff, summary, fault: opts.fault };
  await Promise.all(
    Array.from({ length: Math.min(opts.concurrency ?? 4, batches.length) }, async () => {
      for (let b = batches.shift(); b; b = batches.shift()) await planBatch(run, b);
    }),
  );
  return summary;
}

const orderKey = (r: { shopDomain: string; orderId: string | null }) => `${r.shopDomain}|${r.orderId ?? ""}`;

/** Packs whole order groups into batches of one shop, up to `size` receipts each (a larger group is one batch). */
function packBatches(groups: ReceiptRow[][], size: number): ReceiptRow[][] {
  const open = new Map<string, ReceiptRow[]>();
  const out: ReceiptRow[][] = [];
  for (const g of groups) {
    const shop = g[0].shopDomain;
    let batch = open.get(shop);
    if (batch && batch.length + g.length > size) {
      out.push(batch);
      batch = undefined;
    }
    batch = [...(batch ?? []), ...g];
    open.set(shop, batch);
  }
  return [...out, ...open.values()];
}

interface BatchRun {
  ctx: TrackingContext;
  now: Date;
  cache: PlanCache;
  backoff: PlanBackoff;
  summary: PlanSummary;
  fault?: PlanFault;
}

/** One receipt ready to commit: its parsed payload, and the order context when something could be sent. */
interface Prepared {
  receipt: ReceiptRow;
  topic: FulfillmentTopic;
  f: FulfillmentPayload;
  next: FulfillmentState;
  ctx: OrderContext | null;
  missingOrder: boolean;
}

interface FulfillmentState {
  status: string;
  trackingNumbers: string[];
  shipmentStatus: string | null;
}

type KnownState = ReturnType<typeof knownState>;

async function planBatch(run: BatchRun, batch: ReceiptRow[]) {
  const { ctx: tc, summary } = run;
  const domain = batch[0].shopDomain;
  const { shop, rules } = await shopAndRules(tc, domain, run.cache);
  const parsed: Array<{ receipt: ReceiptRow; topic: FulfillmentTopic; f: FulfillmentPayload }> = [];
  for (const receipt of batch) {
    const topic = normalizeFulfillmentTopic(receipt.topic);
    const p = parseFulfillmentPayload(receipt.payload);
    if (!topic || !p.success) {
      await finishReceipt(tc.db, receipt, "failed", topic ? `Payload is not a fulfillment: ${formatIssues(p.error!)}` : "Not a fulfillment topic");
      summary.failed++;
    } else if (!shop || !shop.active) {
      await finishReceipt(tc.db, receipt, "failed", `Shop ${domain} is not installed`);
      summary.failed++;
    } else parsed.push({ receipt, topic, f: p.data });
  }
  if (!shop || parsed.length === 0) return;
  const settings = parseTrackingSettings(shop.trackingSettings);
  const sources = { nfe: settings.nfeSource, channelOrderId: settings.channelOrderId };

  // Only call the Admin API when something could be sent: walk the batch against the last known states.
  const known = await knownStates(tc.db, shop.id, parsed.map((p) => p.f.id));
  const needsContext = new Set<string>();
  for (const p of parsed) {
    const next = stateOf(p.f);
    if (rules.length > 0 && deriveEvents(known.get(p.f.id) ?? null, next, p.topic).length > 0) needsContext.add(String(p.f.order_id));
    known.set(p.f.id, next);
  }
  const contexts = await readContexts(tc, shop.domain, [...needsContext], sources);

  const ready: Prepared[] = [];
  const failedOrders = new Map<string, string>();
  for (const p of parsed) {
    const orderId = String(p.f.order_id);
    const read = contexts.get(orderId);
    const error = failedOrders.get(orderKey(p.receipt)) ?? (read && "error" in read ? read.error : undefined);
    if (error !== undefined) {
      failedOrders.set(orderKey(p.receipt), error);
      await deferReceipt(run, p.receipt, error);
      continue;
    }
    const ctx = read && "ctx" in read ? read.ctx : null;
    ready.push({ ...p, next: stateOf(p.f), ctx, missingOrder: needsContext.has(orderId) && ctx === null });
  }
  if (ready.length === 0) return;

  const plan = { shop: shop.domain, shopId: shop.id, settings, rules, origin: settings.originCountry ?? originFromShippingConfig(shop.shippingConfig) ?? "" };
  try {
    summary.planned += await commitPlans(run, plan, ready);
    for (const p of ready) run.backoff.delete(p.receipt.id);
    return;
  } catch (error) {
    if (ready.length === 1) {
      await deferReceipt(run, ready[0].receipt, errorText(error));
      return;
    }
    logger.warn("tracking plan batch failed; planning its receipts one by one", { receipts: ready.length, error: errorText(error) });
  }
  // One by one, in order; a receipt that fails holds the later ones of its order (they are retried next pass).
  const stopped = new Set<string>();
  for (const p of ready) {
    if (stopped.has(orderKey(p.receipt))) {
      summary.deferred++;
      continue;
    }
    try {
      summary.planned += await commitPlans(run, plan, [p]);
      run.backoff.delete(p.receipt.id);
    } catch (error) {
      stopped.add(orderKey(p.receipt));
      await deferReceipt(run, p.receipt, errorText(error));
    }
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

type ContextRead = { ctx: OrderContext | null } | { error: string };

/** Order contexts for these orders: one nodes(ids:) query per batch of orders, single reads for what it missed. */
async function readContexts(tc: TrackingContext, domain: string, orderIds: string[], sources: Parameters<typeof fetchOrderContext>[2]): Promise<Map<string, ContextRead>> {
  const out = new Map<string, ContextRead>();
  if (orderIds.length === 0) return out;
  const admin = await tc.adminFor(domain);
  let batch = new Map<string, OrderContext | null>();
  if (orderIds.length >= 2) {
    try {
      batch = await fetchOrderContexts(admin, orderIds, sources, { shop: domain });
    } catch (error) {
      for (const id of orderIds) out.set(id, { error: errorText(error) });
      return out;
    }
  }
  await Promise.all(
    orderIds.map(async (id) => {
      if (batch.has(id)) return out.set(id, { ctx: batch.get(id) ?? null });
      try {
        out.set(id, { ctx: await fetchOrderContext(admin, id, sources) });
      } catch (error) {
        out.set(id, { error: errorText(error) });
      }
    }),
  );
  return out;
}

async function knownStates(db: TrackingContext["db"], shopId: string, fulfillmentIds: string[]) {
  const rows = await db.fulfillmentRecord.findMany({ where: { shopId, fulfillmentId: { in: [...new Set(fulfillmentIds)] } } });
  return new Map<string, KnownState>(rows.map((r) => [r.fulfillmentId, knownState(r)]));
}

const stateOf = (f: FulfillmentPayload): FulfillmentState => ({ status: f.status, trackingNumbers: trackingNumbersOf(f), shipmentStatus: f.shipment_status });

/** A receipt whose planning failed stays "received" and is retried later, with backoff; after 10 failures it fails. */
async function deferReceipt(run: BatchRun, receipt: ReceiptRow, error: string) {
  const db = run.ctx.db;
  const backoff = run.backoff.get(receipt.id);
  const failures = (backoff?.failures ?? 0) + 1;
  logger.warn("tracking plan deferred", { receiptId: receipt.id, error });
  const where = { id: receipt.id, shopDomain: receipt.shopDomain, status: "received" };
  if (failures >= MAX_PLAN_FAILURES) {
    run.backoff.delete(receipt.id);
    await db.webhookReceipt.updateMany({ where, data: { status: "failed", error: `Planning gave up after ${failures} attempts: ${error}` } });
    run.summary.failed++;
  } else {
    run.backoff.set(receipt.id, { failures, nextAt: run.now.getTime() + Math.min(300_000, 1000 * 2 ** failures) });
    await db.webhookReceipt.updateMany({ where, data: { error } });
    run.summary.deferred++;
  }
}

/** The shop's cached row and rules for this pass (one read per shop). */
function shopAndRules(tc: TrackingContext, domain: string, cache: PlanCache) {
  let cached = cache.get(domain);
  if (!cached) {
    cached = loadShop(tc, domain).then(async (shop) => ({ shop, rules: shop ? await loadRules(tc.db, shop.id) : [] }));
    cache.set(domain, cached);
  }
  return cached;
}

class NeedsContext extends Error {}

interface RuleRow {
  id: string;
  rule: DomainRule;
  channel: { id: string; type: string; name: string; settings: unknown };
}

/** Shop and rules per shop, shared by the batches of one planning pass. */
type PlanCache = Map<string, Promise<{ shop: Awaited<ReturnType<typeof loadShop>>; rules: RuleRow[] }>>;

const loadShop = (ctx: TrackingContext, domain: string) => ctx.db.shop.findUnique({ where: { domain } });

interface ShopPlan {
  shop: string;
  shopId: string;
  settings: TrackingSettings;
  rules: RuleRow[];
  origin: string;
}

/**
 * Commits the plans of these receipts (one shop, arrival order) in one transaction; returns how many it planned.
 * Receipts another worker planned meanwhile are skipped. Throws NeedsContext when the states changed under us so
 * that a receipt now has events but no order context (the receipt is retried).
 */
async function commitPlans(run: BatchRun, plan: ShopPlan, ready: Prepared[]): Promise<number> {
  const db = run.ctx.db;
  const now = run.now;
  return commitSerially(() =>
    db.$transaction(async (tx) => {
      await lockFulfillments(tx, [...new Set(ready.map((p) => `${plan.shopId}:${p.f.id}`))]);
      const claimed = new Set(
        (
          await tx.webhookReceipt.updateManyAndReturn({
            where: { id: { in: ready.map((p) => p.receipt.id) }, shopDomain: plan.shop, status: "received" },
            data: { status: "processed", processedAt: now, error: null },
            select: { id: true },
          })
        ).map((r) => r.id),
      );
      const mine = ready.filter((p) => claimed.has(p.receipt.id));
      if (mine.length === 0) return 0;
      for (const p of mine.filter((m) => m.missingOrder)) {
        await tx.webhookReceipt.updateMany({
          where: { id: p.receipt.id, shopDomain: plan.shop },
          data: { error: `Order ${p.f.order_id} was not found in Shopify` },
        });
      }
      await run.fault?.(mine.map((p) => p.receipt.id));

      const known = await knownStates(tx as unknown as TrackingContext["db"], plan.shopId, mine.map((p) => p.f.id));
      const hadHistory = new Set(known.keys());
      const records = new Map<string, FulfillmentRecordRow>();
      const rows: Array<OutboxRowInsert & { supersedes: boolean }> = [];
      let seq = 0;
      for (const p of mine) {
        const events = deriveEvents(known.get(p.f.id) ?? null, p.next, p.topic);
        known.set(p.f.id, p.next);
        records.set(p.f.id, {
          id: rowId(),
          shopId: plan.shopId,
          fulfillmentId: p.f.id,
          orderId: p.f.order_id,
          status: p.f.status ?? null,
          shipmentStatus: p.f.shipment_status ?? null,
          trackingNumbers: p.next.trackingNumbers,
          trackingCompany: p.f.tracking_company ?? null,
        });
        if (events.length === 0 || plan.rules.length === 0 || p.missingOrder) continue;
        if (!p.ctx) throw new NeedsContext("events appeared between the context read and the plan");
        // Only a fulfillment with an earlier state (or earlier rows in this batch) can have an older value queued.
        const older = hadHistory.has(p.f.id);
        for (const row of deliveryRows(plan, events, p.f, p.ctx, now, () => seq++)) rows.push({ ...row, supersedes: row.supersedes && older });
        hadHistory.add(p.f.id);
      }
      await upsertFulfillmentRecords(tx, [...records.values()], now);
      // Two updates of one fulfillment in a batch may queue the same key: the first one wins, as it would in two passes.
      const seen = new Set<string>();
      const firstPerKey = rows.filter((r) => !seen.has(r.idempotencyKey) && seen.add(r.idempotencyKey));
      const inserted = await insertOutboxRows(tx, firstPerKey, now);
      // As if each row were inserted on its own: a row supersedes what existed before it, not the newer rows of
      // its (fulfillment, channel) that this same statement inserted after it.
      const added = firstPerKey.filter((r) => inserted.has(r.id));
      for (const [i, r] of added.entries()) {
        if (!r.supersedes) continue;
        const newer = added.slice(i + 1).filter((o) => o.channelId === r.channelId && o.fulfillmentId === r.fulfillmentId).map((o) => o.id);
        await supersedeOlder(tx, { shopId: plan.shopId, channelId: r.channelId, fulfillmentId: r.fulfillmentId, keep: [r.id, ...newer], value: r.trackingValue });
      }
      return mine.length;
    }, TRACKING_TX),
  );
}

async function finishReceipt(db: TrackingContext["db"], receipt: { id: string; shopDomain: string }, status: "processed" | "failed", error: string | null) {
  await db.webhookReceipt.updateMany({ where: { id: receipt.id, shopDomain: receipt.shopDomain, status: "received" }, data: { status, processedAt: new Date(), error } });
}

function knownState(r: { trackingNumbers: unknown; shipmentStatus: string | null }) {
  return { trackingNumbers: Array.isArray(r.trackingNumbers) ? (r.trackingNumbers as string[]) : [], shipmentStatus: r.shipmentStatus };
}

function originFromShippingConfig(config: unknown): string | null {
  const c = (config as { origin?: { country?: unknown } } | null)?.origin?.country;
  return typeof c === "string" && /^[A-Z]{2}$/.test(c) ? c : null;
}

async function loadRules(db: TrackingContext["db"], shopId: string): Promise<RuleRow[]> {
  const rows = await db.eventRule.findMany({
    where: { shopId, enabled: true, channel: { status: { not: "disconnected" } } },
    include: { channel: { select: { id: true, type: true, name: true, settings: true } } },
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });
  const out: RuleRow[] = [];
  for (const r of rows) {
    const rule = EventRuleSchema.safeParse({
      id: r.id,
      name: r.name,
      enabled: r.enabled,
      position: r.position,
      orderType: r.orderType,
      events: r.events,
      salesChannel: r.salesChannel,
      channelConnectionId: r.channelId,
    });
    if (rule.success) out.push({ id: r.id, rule: rule.data, channel: r.channel });
    else logger.warn("event rule skipped: invalid", { ruleId: r.id });
  }
  return out;
}

/** The outbox rows one fulfillment update queues: per matching channel, per push, keyed for idempotency. */
function deliveryRows(plan: ShopPlan, events: TrackingEvent[], f: FulfillmentPayload, ctx: OrderContext, now: Date, nextSeq: () => number) {
  const trackingNumbers = trackingNumbersOf(f);
  const shippingCountry = ctx.shippingCountry ?? f.destination?.country_code?.toUpperCase() ?? null;
  const perChannel = eventsPerChannel(plan.rules, events, { originCountry: plan.origin || null, shippingCountry, orderTags: ctx.tags, salesChannels: ctx.salesChannels });
  const out: Array<OutboxRowInsert & { supersedes: boolean }> = [];
  if (perChannel.length === 0) return out;

  const nfe = nfeFor(plan.settings, ctx.nfeRaw, trackingNumbers, now);
  for (const { channel, events: channelEvents } of perChannel) {
    const extras = connectionExtras(channel.settings);
    const everyStatus = receivesEveryStatus(channel.type);
    const tv = trackingValueFor(
      { wants: extras.wants },
      { orderName: ctx.name, trackingNumbers, nfe: nfe.nfe, nfeError: nfe.nfeError, nfeSource: nfeSourceSaid(plan.settings.nfeSource) },
    );
    const value = plannedValue(tv, extras.wants, everyStatus, trackingNumbers);
    if (value === "skip") continue;

    for (const send of pushesFor(channelEvents, everyStatus)) {
      const key = deliveryKey({
        shop: plan.shop,
        fulfillmentId: f.id,
        channelConnectionId: channel.id,
        trackingValue: value ?? "",
        ...(send.keyEvent ? { event: send.keyEvent } : {}),
      });
      const delivery: TrackingDelivery = {
        shop: plan.shop,
        orderId: f.order_id,
        orderName: ctx.name,
        ...(ctx.channelOrderId ? { channelOrderId: ctx.channelOrderId } : {}),
        fulfillmentId: f.id,
        trackingValue: value ?? "",
        trackingNumbers,
        ...(f.tracking_company ? { trackingCompany: f.tracking_company } : {}),
        ...(f.tracking_url || f.tracking_urls?.[0] ? { trackingUrl: (f.tracking_url ?? f.tracking_urls?.[0])! } : {}),
        ...(f.service ? { service: f.service } : {}),
        originCountry: plan.origin,
        destinationCountry: ctx.shippingCountry ?? f.destination?.country_code?.toUpperCase() ?? "",
        ...(nfe.nfe
          ? {
              nfe:
                nfe.nfe.kind === "key"
                  ? { key: nfe.nfe.key.digits, number: nfe.nfe.number, series: nfe.nfe.series }
                  : { number: nfe.nfe.number },
            }
          : {}),
        ...(f.shipment_status ? { status: f.shipment_status } : {}),
        event: send.event,
        deliveryKey: key,
        occurredAt: f.updated_at ?? f.created_at ?? now.toISOString(),
        lineItems: ctx.lineItems.length > 0 ? ctx.lineItems : f.line_items.map((l) => ({ ...(l.sku ? { sku: l.sku } : {}), title: l.title ?? l.name ?? "", quantity: l.quantity })),
      };
      const payload: OutboxPayload = { delivery, channelType: channel.type, wants: extras.wants, ...(value === null ? { replan: true } : {}) };
      out.push({
        id: rowId(),
        shopId: plan.shopId,
        channelId: channel.id,
        idempotencyKey: key,
        fulfillmentId: f.id,
        orderId: f.order_id,
        orderName: ctx.name,
        trackingValue: value ?? "",
        payload,
        status: value === null ? "needs_attention" : "pending",
        lastError: tv.ok ? null : storeSaid(tv.needsAttention),
        nextAttemptAt: now,
        createdAt: new Date(now.getTime() + nextSeq()),
        supersedes: value !== null && !everyStatus,
      });
    }
  }
  return out;
}

/**
 * A newer value for the same (fulfillment, channel) replaces queued older ones (all but `keep`: the new row and
 * rows queued after it); one already in flight finishes. Scoped to the shop as well as the channel.
 */
export async function supersedeOlder(tx: Tx, row: { shopId: string; channelId: string; fulfillmentId: string; keep: string[]; value: string }) {
  await tx.outboxMessage.updateMany({
    where: {
      shopId: row.shopId,
      channelId: row.channelId,
      fulfillmentId: row.fulfillmentId,
      id: { notIn: row.keep },
      status: { in: ["pending", "retrying", "needs_attention"] },
      trackingValue: { not: row.value },
    },
    data: { status: "superseded", lastError: storeSaid(say("deliveries:stored.superseded", { value: row.value })), leaseOwner: null, leaseUntil: null },
  });
}
