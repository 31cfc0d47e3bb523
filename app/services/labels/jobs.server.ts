// The label batch job, on the durable-outbox pattern of tracking: each Label row is a job, claimed with a lease
// (compare-and-set on the row) and kept alive by a heartbeat while its USPS call runs. A worker that dies mid-call
// leaves the row to any other worker once the lease lapses; that worker buys with the same idempotency key, and
// USPS hands back the label already bought: no package is ever paid for twice.
//
// Per label: validate the address (flag it with USPS's suggestion and go on), buy (4xx → failed with USPS's
// words; 5xx/timeout → retried with the same key; 429 or our quota → wait), record the ledger, then fulfil on
// Shopify (fulfillmentCreate, or fulfillmentTrackingInfoUpdate when the label re-ships a voided one).
import type { CustomsForm, LabelAddress, LabelFailure, LabelParcel, PaymentAuthorization, LabelProvider } from "~/carriers/labels";
import { logger } from "~/lib/logger.server";
import { AdminApiError, formatUserErrors, runOperation } from "~/shopify/admin-operations.server";
import { FulfillmentCreate } from "~/shopify/graphql/fulfillment";
import { FulfillmentTrackingInfoUpdate } from "~/shopify/graphql/labels";
import type { Label } from "~/generated/sqlite/client";
import { labelProviderFor, trackingCompanyOf, type LabelContext } from "./context.server";
import { recordPurchase } from "./ledger.server";

export const LABEL_LEASE_MS = 15_000;
export const LABEL_HEARTBEAT_MS = 4_000;
export const MAX_LABEL_ATTEMPTS = 8;
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 30 * 60_000;

const CLAIMABLE = ["pending", "retrying", "bought"];

export interface LabelRunOptions {
  owner: string;
  limit?: number;
  leaseMs?: number;
  heartbeatMs?: number;
  /** Delay before a retried label is due again, by attempt (tests pass () => 0). */
  retryDelayMs?: (attempt: number) => number;
  /** Payment authorizations by batch id, kept by the worker across passes. */
  auths?: Map<string, PaymentAuthorization>;
}

export const defaultRetryDelay = (attempt: number) => Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));

/** Claims one due label for `owner`: true when this worker now holds it. */
async function claim(ctx: LabelContext, row: { id: string; shopId: string }, owner: string, leaseMs: number): Promise<boolean> {
  const now = ctx.now();
  const r = await ctx.db.label.updateMany({
    where: { id: row.id, shopId: row.shopId, status: { in: CLAIMABLE }, nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return r.count === 1;
}

/** Renews the lease every heartbeat while `work` runs. */
async function withHeartbeat<T>(ctx: LabelContext, row: { id: string; shopId: string }, owner: string, o: { leaseMs: number; heartbeatMs: number }, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    ctx.db.label
      .updateMany({ where: { id: row.id, shopId: row.shopId, leaseOwner: owner }, data: { leaseUntil: new Date(ctx.now().getTime() + o.leaseMs) } })
      .catch((e: unknown) => logger.warn("label lease renewal failed", { label: row.id, reason: (e as Error).message }));
  }, o.heartbeatMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Writes `data` only while this worker still holds the row; false when the lease was lost. */
async function settle(ctx: LabelContext, row: { id: string; shopId: string }, owner: string, data: Record<string, unknown>): Promise<boolean> {
  const r = await ctx.db.label.updateMany({ where: { id: row.id, shopId: row.shopId, leaseOwner: owner }, data: { ...data, leaseOwner: null, leaseUntil: null } });
  return r.count === 1;
}

/** Refusals the connector raises itself before USPS is asked: what the merchant fixes, not "the carrier refused". */
const OWN_REFUSALS: Record<string, string> = { no_payment_account: "error.noPaymentAccount", invalid_settings: "error.invalidSettings", unsupported: "error.unsupported" };

/** Why a label failed, in Waypost's words (a key under labels:error) beside the carrier's own text in lastError. */
function failureKey(kind: LabelFailure["kind"] | "gave_up", code: string): string {
  if (kind === "refused" && OWN_REFUSALS[code]) return OWN_REFUSALS[code];
  return { rate_limited: "error.quotaWait", retry: "error.retrying", gave_up: "error.gaveUp", refused: "error.refused", reconnect: "error.reconnect" }[kind];
}

function afterFailure(label: Label, f: LabelFailure, now: Date, delay: (attempt: number) => number, carrier: string): Record<string, unknown> {
  // Only the carrier's own words are kept for the page; our English for the same failure goes to the log.
  logger.info("label attempt failed", { label: label.id, kind: f.kind, code: f.code, reason: f.message });
  const said = (kind: LabelFailure["kind"] | "gave_up", params: Record<string, string | number> = {}) => ({ lastError: f.carrierText?.slice(0, 500) ?? null, errorKey: failureKey(kind, f.code), errorParams: { carrier, ...params } });
  if (f.kind === "rate_limited") return { status: "retrying", ...said(f.kind), nextAttemptAt: new Date(now.getTime() + (f.retryAfterSeconds ?? 60) * 1000) };
  if (f.kind === "retry") {
    const attempts = label.attempts + 1;
    if (attempts >= MAX_LABEL_ATTEMPTS) return { status: "failed", attempts, ...said("gave_up", { attempts }) };
    const wait = Math.max(delay(attempts), (f.retryAfterSeconds ?? 0) * 1000);
    return { status: "retrying", attempts, ...said(f.kind), nextAttemptAt: new Date(now.getTime() + wait) };
  }
  return { status: "failed", attempts: label.attempts + 1, ...said(f.kind) };
}

export interface RunSummary {
  claimed: number;
  outcomes: Record<string, number>;
}

/** One pass: claim up to `limit` due labels and work them one at a time (USPS's quota is the bottleneck). */
export async function runLabelJobsOnce(ctx: LabelContext, opts: LabelRunOptions): Promise<RunSummary> {
  const o = { leaseMs: opts.leaseMs ?? LABEL_LEASE_MS, heartbeatMs: opts.heartbeatMs ?? LABEL_HEARTBEAT_MS, delay: opts.retryDelayMs ?? defaultRetryDelay, auths: opts.auths ?? new Map() };
  const now = ctx.now();
  const due = await ctx.db.label.findMany({
    where: { status: { in: CLAIMABLE }, nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }], NOT: { status: "bought", fulfillmentId: { not: null } } },
    orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
    take: opts.limit ?? 20,
    select: { id: true, shopId: true },
  });
  const outcomes: Record<string, number> = {};
  const providers = new Map<string, LabelProvider | null>();
  let claimed = 0;
  for (const row of due) {
    if (!(await claim(ctx, row, opts.owner, o.leaseMs))) continue;
    claimed++;
    let outcome: string;
    try {
      outcome = await withHeartbeat(ctx, row, opts.owner, o, () => work(ctx, row, opts.owner, o, providers));
    } catch (e) {
      // Unexpected (database down): the lease lapses and any worker retries the row.
      logger.error("label job failed unexpectedly", { label: row.id, reason: (e as Error).message });
      outcome = "error";
    }
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  return { claimed, outcomes };
}

async function work(
  ctx: LabelContext,
  row: { id: string; shopId: string },
  owner: string,
  o: { delay: (attempt: number) => number; auths: Map<string, PaymentAuthorization> },
  providers: Map<string, LabelProvider | null>,
): Promise<string> {
  const label = await ctx.db.label.findFirst({ where: { id: row.id, shopId: row.shopId } });
  const shop = await ctx.db.shop.findFirst({ where: { id: row.shopId } });
  if (!label || !shop) return "gone";
  if (label.status === "bought") return fulfil(ctx, label, shop.domain, owner, o.delay);

  const batch = await ctx.db.labelBatch.findFirst({ where: { id: label.batchId, shopId: label.shopId } });
  const carrierId = batch?.carrierId ?? "";
  const providerKey = `${shop.id}:${carrierId}`;
  if (!providers.has(providerKey)) providers.set(providerKey, (await labelProviderFor(ctx, shop, carrierId))?.provider ?? null);
  const provider = providers.get(providerKey);
  const carrier = trackingCompanyOf(ctx, carrierId);
  if (!provider) {
    await settle(ctx, row, owner, { status: "failed", lastError: null, errorKey: "error.carrierGone", errorParams: { carrier } });
    return "failed";
  }
  const signal = AbortSignal.timeout(30_000);
  const to = label.toAddress as unknown as LabelAddress;

  if (label.attempts === 0 && !label.addressSuggestion) {
    const check = await provider.validateAddress(to, signal);
    if (!check.ok) {
      await settle(ctx, row, owner, afterFailure(label, check.failure, ctx.now(), o.delay, carrier));
      return check.failure.kind;
    }
    if (!check.value.deliverable) {
      await settle(ctx, row, owner, { status: "address_failed", lastError: check.value.message ?? null, errorKey: "error.addressUnconfirmed", errorParams: { carrier }, addressSuggestion: (check.value.suggestion ?? null) as never });
      return "address_failed";
    }
    // Remember the check (the suggestion, even when deliverable), so a retry does not spend quota on it again.
    await ctx.db.label.updateMany({ where: { id: row.id, shopId: row.shopId, leaseOwner: owner }, data: { addressSuggestion: (check.value.suggestion ?? { checked: true }) as never } });
  }

  let auth = o.auths.get(label.batchId);
  if (!auth) {
    const a = await provider.authorizePayment(signal);
    if (!a.ok) {
      await settle(ctx, row, owner, afterFailure(label, a.failure, ctx.now(), o.delay, carrier));
      return a.failure.kind;
    }
    auth = a.value;
    o.auths.set(label.batchId, auth);
  }
  const bought = await provider.buyLabel(
    {
      idempotencyKey: label.idempotencyKey,
      serviceCode: label.serviceCode,
      mailingDate: batch?.mailingDate ?? ctx.now().toISOString().slice(0, 10),
      from: label.fromAddress as unknown as LabelAddress,
      to,
      parcel: label.parcel as unknown as LabelParcel,
      options: label.options as unknown as { signature: boolean; insurance: boolean },
      ...(label.customs ? { customs: label.customs as unknown as CustomsForm } : {}),
      imageFormat: batch?.labelFormat === "ZPL" ? "ZPL" : "PDF",
      reference: label.orderName,
    },
    auth,
    signal,
  );
  if (!bought.ok) {
    // A payment token USPS no longer accepts is dropped, so the retry authorizes again.
    if (bought.failure.kind === "reconnect" || /payment authorization/i.test(bought.failure.message)) o.auths.delete(label.batchId);
    const retryable = /payment authorization/i.test(bought.failure.message) ? { ...bought.failure, kind: "retry" as const } : bought.failure;
    await settle(ctx, row, owner, afterFailure(label, retryable, ctx.now(), o.delay, carrier));
    return bought.failure.kind;
  }
  const ok = await recordPurchase(ctx, { label, owner, bought: bought.value, mailingDate: batch?.mailingDate ?? "", paymentAccount: auth.account });
  if (!ok) return "lost_lease";
  const fresh = await ctx.db.label.findFirst({ where: { id: row.id, shopId: row.shopId } });
  return fresh ? fulfil(ctx, fresh, shop.domain, owner, o.delay, batch?.notifyCustomer ?? false) : "gone";
}

/** Creates the Shopify fulfillment for a bought label (or moves the voided label's fulfillment to the new number). */
async function fulfil(ctx: LabelContext, label: Label, shopDomain: string, owner: string, delay: (attempt: number) => number, notify?: boolean): Promise<string> {
  const batch = await ctx.db.labelBatch.findFirst({ where: { id: label.batchId, shopId: label.shopId } });
  const notifyCustomer = notify ?? batch?.notifyCustomer ?? false;
  const row = { id: label.id, shopId: label.shopId };
  const tracking = { number: label.trackingNumber!, url: label.trackingUrl ?? "", company: trackingCompanyOf(ctx, batch?.carrierId ?? "") };
  try {
    const admin = await ctx.adminFor(shopDomain);
    const previous = label.supersedesLabelId ? await ctx.db.label.findFirst({ where: { id: label.supersedesLabelId, shopId: label.shopId } }) : null;
    if (previous?.fulfillmentId) {
      const r = await runOperation(admin, FulfillmentTrackingInfoUpdate, { fulfillmentId: previous.fulfillmentId, trackingInfoInput: tracking, notifyCustomer });
      const errors = r.fulfillmentTrackingInfoUpdate.userErrors;
      if (errors.length || !r.fulfillmentTrackingInfoUpdate.fulfillment) {
        await settle(ctx, row, owner, { lastError: formatUserErrors(errors), errorKey: "error.fulfilRefused", nextAttemptAt: new Date(ctx.now().getTime() + 86_400_000) });
        return "fulfil_refused";
      }
      await settle(ctx, row, owner, { status: "fulfilled", fulfillmentId: previous.fulfillmentId, lastError: null, errorKey: null });
      return "fulfilled";
    }
    const r = await runOperation(admin, FulfillmentCreate, {
      fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: label.fulfillmentOrderId }], trackingInfo: tracking, notifyCustomer },
    });
    const created = r.fulfillmentCreate.fulfillment;
    if (!created) {
      // The label is bought: keep it, show why Shopify refused; the merchant can fulfil by hand or retry.
      await settle(ctx, row, owner, { lastError: formatUserErrors(r.fulfillmentCreate.userErrors), errorKey: "error.fulfilRefused", nextAttemptAt: new Date(ctx.now().getTime() + 86_400_000) });
      return "fulfil_refused";
    }
    await settle(ctx, row, owner, { status: "fulfilled", fulfillmentId: created.id, lastError: null, errorKey: null });
    return "fulfilled";
  } catch (e) {
    const retryable = e instanceof AdminApiError ? e.retryable : true;
    const attempts = label.attempts + 1;
    await settle(ctx, row, owner, { attempts, lastError: (e as Error).message.slice(0, 500), errorKey: retryable ? "error.fulfilRetry" : "error.fulfilRefused", nextAttemptAt: new Date(ctx.now().getTime() + (retryable ? delay(attempts) : 86_400_000)) });
    return "fulfil_retry";
  }
}
