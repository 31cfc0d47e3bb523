// Fulfillment webhooks → durable receipt (fast, inside acceptOnce's transaction) → planning (after the response):
// order context from the Admin API, events against the last known state, event rules, one outbox row per
// (fulfillment, channel, tracking value). Planning is durable: the receipt stays "received" until the plan's own
// transaction flips it to "processed", so a crash or an Admin API failure leaves it for the next pass.
import { commitSerially, lockFulfillment } from "~/db/tracking-sql.server";
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
import { describeNfeSource, parseTrackingSettings, type TrackingSettings } from "~/domain/tracking/shop-tracking-settings";
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
    async () => undefined,
  );
  if (acceptance === "accepted") notifyOutbox();
  return { status: 200, body: "", acceptance };
}

// ---------------------------------------------------------------------------------------------------------------
// Planning

export interface OutboxPayload {
  delivery: TrackingDelivery;
  channelType: string;
  wants: TrackingWant;
  /** Set when the tracking value could not be computed: the worker re-reads the order before sending. */
  replan?: boolean;
}

const MAX_PLAN_FAILURES = 10;
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

export async function planPendingReceipts(
  opts: { now?: Date; limit?: number; concurrency?: number; backoff?: PlanBackoff; ctx?: TrackingContext } = {},
): Promise<PlanSummary> {
  const ctx = opts.ctx ?? trackingContext();
  const db = ctx.db;
  const planBackoff: PlanBackoff = opts.backoff ?? new Map();
  const now = opts.now ?? new Date();
  const receipts = await db.webhookReceipt.findMany({
    where: { status: "received", topic: { in: [...FULFILLMENT_TOPICS] } },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    take: opts.limit ?? 100,
    select: { id: true, shopDomain: true, orderId: true },
  });
  const summary: PlanSummary = { planned: 0, deferred: 0, failed: 0 };
  // Receipts of one order are planned in arrival order (after one is deferred, the later ones wait too);
  // different orders are planned side by side.
  const groups = new Map<string, typeof receipts>();
  for (const r of receipts) {
    const key = `${r.shopDomain}|${r.orderId ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const queue = [...groups.values()];
  const cache: PlanCache = new Map();
  const contexts = prefetchOrderContexts(ctx, receipts.filter((r) => !((planBackoff.get(r.id)?.nextAt ?? 0) > now.getTime())), cache);
  const planGroup = async (group: typeof receipts) => {
    for (const [index, r] of group.entries()) {
      const backoff = planBackoff.get(r.id);
      if (backoff && backoff.nextAt > now.getTime()) {
        summary.deferred += group.length - index;
        return;
      }
      const result = await planReceipt(ctx, r.id, now, cache, contexts.get(`${r.shopDomain}|${r.orderId ?? ""}`)).catch((error: unknown) => ({ kind: "retry" as const, error: String(error) }));
      if (result.kind === "done") {
        planBackoff.delete(r.id);
        summary.planned++;
        continue;
      }
      const failures = (backoff?.failures ?? 0) + 1;
      logger.warn("tracking plan deferred", { receiptId: r.id, error: result.error });
      if (failures >= MAX_PLAN_FAILURES) {
        planBackoff.delete(r.id);
        await db.webhookReceipt.updateMany({
          where: { id: r.id, status: "received" },
          data: { status: "failed", error: `Planning gave up after ${failures} attempts: ${result.error}` },
        });
        summary.failed++;
        summary.deferred += group.length - index - 1;
      } else {
        planBackoff.set(r.id, { failures, nextAt: now.getTime() + Math.min(300_000, 1000 * 2 ** failures) });
        await db.webhookReceipt.updateMany({ where: { id: r.id, status: "received" }, data: { error: result.error } });
        summary.deferred += group.length - index;
      }
      return;
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(opts.concurrency ?? 8, queue.length) }, async () => {
      for (let g = queue.shift(); g; g = queue.shift()) await planGroup(g);
    }),
  );
  return summary;
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

/**
 * Reads the order context of every order in the pass up front, one nodes(ids:) query per batch of orders of a
 * shop (fetchOrderContexts paces them by the shop's query cost budget), instead of one read per receipt. A
 * receipt whose order is missing here (or whose batch failed) is read on its own, or retried, as before.
 */
function prefetchOrderContexts(tc: TrackingContext, receipts: Array<{ shopDomain: string; orderId: string | null }>, cache: PlanCache) {
  const out = new Map<string, Promise<OrderContext | null>>();
  const perShop = new Map<string, Set<string>>();
  for (const r of receipts) if (r.orderId) perShop.set(r.shopDomain, (perShop.get(r.shopDomain) ?? new Set()).add(r.orderId));
  for (const [domain, orderIds] of perShop) {
    if (orderIds.size < 2) continue;
    const batch = shopAndRules(tc, domain, cache).then(async ({ shop, rules }) => {
      if (!shop || !shop.active || rules.length === 0) return new Map<string, OrderContext | null>();
      const settings = parseTrackingSettings(shop.trackingSettings);
      return fetchOrderContexts(await tc.adminFor(shop.domain), [...orderIds], { nfe: settings.nfeSource, channelOrderId: settings.channelOrderId }, { shop: shop.domain });
    });
    for (const orderId of orderIds) {
      const one = batch.then((m) => {
        if (!m.has(orderId)) throw new NotPrefetched();
        return m.get(orderId) ?? null;
      });
      one.catch(() => undefined);
      out.set(`${domain}|${orderId}`, one);
    }
  }
  return out;
}

class NotPrefetched extends Error {}

type PlanResult = { kind: "done" } | { kind: "retry"; error: string };

class NeedsContext extends Error {}

interface RuleRow {
  id: string;
  rule: DomainRule;
  channel: { id: string; type: string; name: string; settings: unknown };
}

/** Shop, rules and admin client per shop, shared by the receipts of one planning pass. */
type PlanCache = Map<string, Promise<{ shop: Awaited<ReturnType<typeof loadShop>>; rules: RuleRow[] }>>;

const loadShop = (ctx: TrackingContext, domain: string) => ctx.db.shop.findUnique({ where: { domain } });

async function planReceipt(tc: TrackingContext, receiptId: string, now: Date, cache: PlanCache, prefetched?: Promise<OrderContext | null>): Promise<PlanResult> {
  const db = tc.db;
  const receipt = await db.webhookReceipt.findUnique({ where: { id: receiptId } });
  if (!receipt || receipt.status !== "received") return { kind: "done" };
  const topic = normalizeFulfillmentTopic(receipt.topic);
  const parsed = parseFulfillmentPayload(receipt.payload);
  if (!topic || !parsed.success) {
    await finishReceipt(db, receiptId, "failed", topic ? `Payload is not a fulfillment: ${formatIssues(parsed.error!)}` : "Not a fulfillment topic");
    return { kind: "done" };
  }
  const f = parsed.data;
  const { shop, rules } = await shopAndRules(tc, receipt.shopDomain, cache);
  if (!shop || !shop.active) {
    await finishReceipt(db, receiptId, "failed", `Shop ${receipt.shopDomain} is not installed`);
    return { kind: "done" };
  }
  const settings = parseTrackingSettings(shop.trackingSettings);
  const next = { status: f.status, trackingNumbers: trackingNumbersOf(f), shipmentStatus: f.shipment_status };

  // Only call the Admin API when something could be sent.
  let ctx: OrderContext | null = null;
  let missingOrder = false;
  const needContext = async () => {
    if (rules.length === 0) return false;
    const prev = await db.fulfillmentRecord.findUnique({ where: { shopId_fulfillmentId: { shopId: shop.id, fulfillmentId: f.id } } });
    return deriveEvents(prev ? knownState(prev) : null, next, topic).length > 0;
  };
  if (await needContext()) {
    try {
      const readOne = async () => fetchOrderContext(await tc.adminFor(shop.domain), f.order_id, { nfe: settings.nfeSource, channelOrderId: settings.channelOrderId });
      ctx = prefetched && String(receipt.orderId) === String(f.order_id) ? await prefetched.catch((e: unknown) => (e instanceof NotPrefetched ? readOne() : Promise.reject(e))) : await readOne();
      missingOrder = ctx === null;
    } catch (error) {
      return { kind: "retry", error: error instanceof Error ? error.message : String(error) };
    }
  }

  const origin = settings.originCountry ?? originFromShippingConfig(shop.shippingConfig) ?? "";
  try {
    await commitSerially(() => db.$transaction(async (tx) => {
      const claimed = await tx.webhookReceipt.updateMany({
        where: { id: receiptId, status: "received" },
        data: { status: "processed", processedAt: now, error: missingOrder ? `Order ${f.order_id} was not found in Shopify` : null },
      });
      if (claimed.count === 0) return;
      await lockFulfillment(tx, `${shop.id}:${f.id}`);
      const prev = await tx.fulfillmentRecord.findUnique({ where: { shopId_fulfillmentId: { shopId: shop.id, fulfillmentId: f.id } } });
      const events = deriveEvents(prev ? knownState(prev) : null, next, topic);
      const record = {
        orderId: f.order_id,
        status: f.status,
        shipmentStatus: f.shipment_status,
        trackingNumbers: next.trackingNumbers,
        trackingCompany: f.tracking_company,
      };
      await tx.fulfillmentRecord.upsert({
        where: { shopId_fulfillmentId: { shopId: shop.id, fulfillmentId: f.id } },
        create: { shopId: shop.id, fulfillmentId: f.id, ...record },
        update: record,
      });
      if (events.length === 0 || rules.length === 0 || missingOrder) return;
      if (!ctx) throw new NeedsContext("events appeared between the context read and the plan");
      await insertDeliveries(tx, { shop: shop.domain, shopId: shop.id, settings, rules, events, f, ctx, origin, now });
    }));
  } catch (error) {
    if (error instanceof NeedsContext) return { kind: "retry", error: error.message };
    throw error;
  }
  return { kind: "done" };
}

async function finishReceipt(db: TrackingContext["db"], id: string, status: "processed" | "failed", error: string | null) {
  await db.webhookReceipt.updateMany({ where: { id, status: "received" }, data: { status, processedAt: new Date(), error } });
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

interface InsertInput {
  shop: string;
  shopId: string;
  settings: TrackingSettings;
  rules: RuleRow[];
  events: TrackingEvent[];
  f: FulfillmentPayload;
  ctx: OrderContext;
  origin: string;
  now: Date;
}

async function insertDeliveries(tx: Tx, input: InsertInput) {
  const { f, ctx, now } = input;
  const trackingNumbers = trackingNumbersOf(f);
  const shippingCountry = ctx.shippingCountry ?? f.destination?.country_code?.toUpperCase() ?? null;
  const perChannel = eventsPerChannel(input.rules, input.events, { originCountry: input.origin || null, shippingCountry, orderTags: ctx.tags, salesChannels: ctx.salesChannels });
  if (perChannel.length === 0) return;

  const nfe = nfeFor(input.settings, ctx.nfeRaw, trackingNumbers, now);
  let seq = 0;
  for (const { channel, events } of perChannel) {
    const extras = connectionExtras(channel.settings);
    const everyStatus = receivesEveryStatus(channel.type);
    const tv = trackingValueFor(
      { wants: extras.wants },
      { orderName: ctx.name, trackingNumbers, nfe: nfe.nfe, nfeError: nfe.nfeError, nfeSource: describeNfeSource(input.settings.nfeSource) },
    );
    const value = plannedValue(tv, extras.wants, everyStatus, trackingNumbers);
    if (value === "skip") continue;

    for (const send of pushesFor(events, everyStatus)) {
      const key = deliveryKey({
        shop: input.shop,
        fulfillmentId: f.id,
        channelConnectionId: channel.id,
        trackingValue: value ?? "",
        ...(send.keyEvent ? { event: send.keyEvent } : {}),
      });
      const exists = await tx.outboxMessage.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
      if (exists) continue;
      const delivery: TrackingDelivery = {
        shop: input.shop,
        orderId: f.order_id,
        orderName: ctx.name,
        ...(ctx.channelOrderId ? { channelOrderId: ctx.channelOrderId } : {}),
        fulfillmentId: f.id,
        trackingValue: value ?? "",
        trackingNumbers,
        ...(f.tracking_company ? { trackingCompany: f.tracking_company } : {}),
        ...(f.tracking_url || f.tracking_urls?.[0] ? { trackingUrl: (f.tracking_url ?? f.tracking_urls?.[0])! } : {}),
        ...(f.service ? { service: f.service } : {}),
        originCountry: input.origin,
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
      const createdAt = new Date(now.getTime() + seq++);
      const created = await tx.outboxMessage.create({
        data: {
          shopId: input.shopId,
          channelId: channel.id,
          idempotencyKey: key,
          fulfillmentId: f.id,
          orderId: f.order_id,
          orderName: ctx.name,
          trackingValue: value ?? "",
          payload: payload as never,
          status: value === null ? "needs_attention" : "pending",
          lastError: tv.ok ? null : tv.needsAttention,
          nextAttemptAt: now,
          createdAt,
        },
        select: { id: true },
      });
      if (value !== null && !everyStatus) await supersedeOlder(tx, channel.id, f.id, created.id, value);
    }
  }
}

/** A newer value for the same (fulfillment, channel) replaces queued older ones; one already in flight finishes. */
export async function supersedeOlder(tx: Tx, channelId: string, fulfillmentId: string, newId: string, value: string) {
  await tx.outboxMessage.updateMany({
    where: {
      channelId,
      fulfillmentId,
      id: { not: newId },
      status: { in: ["pending", "retrying", "needs_attention"] },
      trackingValue: { not: value },
    },
    data: { status: "superseded", lastError: `Superseded by the newer tracking value ${value}`, leaseOwner: null, leaseUntil: null },
  });
}
