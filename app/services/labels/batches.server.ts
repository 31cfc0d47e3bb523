// Creating a batch: one Label row per picked fulfillment order, each with its idempotency key. A package that
// already has a live label (bought, or still being bought) is skipped, so a double click or a second tab never
// queues a second purchase; the unique (shopId, idempotencyKey) index is the last line of that defence.
import { z } from "zod";
import { labelIdempotencyKey, nextWorkingDay, planPackage } from "~/domain/labels/plan";
import { OpenFulfillmentOrders, type FulfillmentOrderNode } from "~/shopify/graphql/labels";
import { runOperation } from "~/shopify/admin-operations.server";
import { getShippingSetup } from "../shipping-config.server";
import { needsCustoms, customsProblemText } from "~/domain/labels/customs";
import { PackageEditSchema } from "~/domain/labels/pick";
import { labelProviderFor, type LabelContext } from "./context.server";
import { customsFor, productCustomsData, slipLines } from "./customs.server";
import { notifyLabelWorker } from "./signal.server";
import type { LabelAddress, LabelParcel, LabelProvider, LabelQuote } from "~/carriers/labels";
import { labelMessage, type LabelMessage } from "~/domain/labels/messages";
import type { Prisma } from "~/generated/sqlite/client";
import { logger } from "~/lib/logger.server";

/** Statuses in which a package counts as having its label (or having one on the way). */
export const LIVE_STATUSES = ["pending", "retrying", "bought", "fulfilled", "void_requested"];

const MAX_BATCH = 500;

// Messages are keys under labels: (the page translates them; see batchInputError).
export const CreateBatchSchema = z.object({
  fulfillmentOrderIds: z.array(z.string().regex(/^gid:\/\/shopify\/FulfillmentOrder\/\d+$/, "labels:error.invalidBatch")).min(1, "labels:error.pickOne").max(MAX_BATCH, "labels:error.tooMany"),
  /** Empty = the service the shopper chose at checkout (else Ground Advantage). */
  serviceCode: z.string().max(60).default(""),
  signature: z.boolean().default(false),
  insurance: z.boolean().default(false),
  notifyCustomer: z.boolean().default(true),
  mailingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "labels:error.mailingDate").optional(),
  /** PDF: 4×6 sheets; ZPL: thermal printers (203 dpi). */
  labelFormat: z.enum(["PDF", "ZPL"]).default("PDF"),
  /** Packages the merchant edited on the pick page (weight and box), replacing Waypost's planned ones. */
  packages: z.array(PackageEditSchema).max(MAX_BATCH).default([]),
});
export type CreateBatchInput = z.input<typeof CreateBatchSchema>;

export interface SkippedOrder {
  fulfillmentOrderId: string;
  reason: LabelMessage;
}

export type CreateBatchResult =
  | { ok: true; batchId: string; queued: number; refused: number; skipped: SkippedOrder[]; quoted: { labels: number; amount: number; currency: string } | null }
  | { ok: false; status: 400 | 404 | 409; error: LabelMessage; skipped?: SkippedOrder[] };

/** The first problem of a refused batch, as a key: ours when a check names one, else a general one (never zod's English). */
function batchInputError(issues: z.ZodIssue[]): LabelMessage {
  const first = issues[0];
  if (first?.message.startsWith("labels:")) return labelMessage(first.message.slice("labels:".length), { max: MAX_BATCH });
  return labelMessage(first?.path[0] === "packages" ? "error.invalidPackage" : "error.invalidBatch");
}

/** All open, merchant-fulfilled fulfillment orders (bounded: MAX_BATCH). */
export async function openFulfillmentOrders(ctx: LabelContext, shopDomain: string): Promise<FulfillmentOrderNode[]> {
  const admin = await ctx.adminFor(shopDomain);
  const out: FulfillmentOrderNode[] = [];
  let after: string | null = null;
  do {
    const vars: { first: number; after: string | null; query: string } = { first: 50, after, query: "status:open" };
    const result: { fulfillmentOrders: { nodes: FulfillmentOrderNode[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } } = await runOperation(admin, OpenFulfillmentOrders, vars);
    const page = result.fulfillmentOrders;
    out.push(...page.nodes);
    const next: string | null = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
    after = next;
  } while (after && out.length < MAX_BATCH);
  return out;
}

/** The shop's checkout service code → the carrier's service, from the shipping setup (e.g. usps-priority → PRIORITY_MAIL). */
export async function checkoutCarrierServices(shopDomain: string, carrierId: string): Promise<Map<string, string>> {
  const setup = await getShippingSetup(shopDomain);
  const map = new Map<string, string>();
  for (const zone of setup?.config.zones ?? []) {
    for (const s of zone.services) if (s.source === carrierId && s.carrierService) map.set(s.code, s.carrierService);
  }
  return map;
}

/** The checkout's own choice when it names the carrier's service (directly or through the setup), else the carrier's default. */
export function defaultService(checkoutCode: string | null, classes: Map<string, string>, carrier: { services: readonly { code: string }[]; defaults: { service: string } }): string {
  if (checkoutCode && carrier.services.some((s) => s.code === checkoutCode)) return checkoutCode;
  return (checkoutCode && classes.get(checkoutCode)) || carrier.defaults.service;
}

/** A package abroad keeps a chosen service only when it goes abroad; otherwise the carrier's international default. */
export function serviceFor(code: string, abroad: boolean, carrier: { services: readonly { code: string; scope: string }[]; defaults: { internationalService?: string } }): string {
  const scope = carrier.services.find((s) => s.code === code)?.scope;
  if (abroad && scope === "domestic") return carrier.defaults.internationalService ?? code;
  if (!abroad && scope === "international") return carrier.services.find((s) => s.scope !== "international")?.code ?? code;
  return code;
}

type LabelDraft = Omit<Prisma.LabelUncheckedCreateInput, "batchId" | "shopId"> & { refused: boolean };

export async function createLabelBatch(ctx: LabelContext, shop: { id: string; domain: string }, raw: unknown): Promise<CreateBatchResult> {
  const parsed = CreateBatchSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, error: batchInputError(parsed.error.issues) };
  const input = parsed.data;
  const open = await labelProviderFor(ctx, shop);
  if (!open) return { ok: false, status: 409, error: labelMessage("error.noLabelCarrier") };
  if (input.serviceCode && !open.services.some((s) => s.code === input.serviceCode)) return { ok: false, status: 400, error: labelMessage("error.unknownService", { carrier: open.carrierName, service: input.serviceCode }) };
  const wanted = new Set(input.fulfillmentOrderIds);
  const orders = (await openFulfillmentOrders(ctx, shop.domain)).filter((fo) => wanted.has(fo.id));
  const skipped: SkippedOrder[] = [...wanted].filter((id) => !orders.some((o) => o.id === id)).map((id) => ({ fulfillmentOrderId: id, reason: labelMessage("skip.notOpen") }));
  if (orders.length === 0) return { ok: false, status: 404, error: labelMessage("error.noneOpen") };
  const classes = await checkoutCarrierServices(shop.domain, open.carrierId);
  const mailingDate = input.mailingDate ?? nextWorkingDay(ctx.now());

  const products = await productCustomsData(ctx, shop.id, orders);
  const edited = new Map(input.packages.map((p) => [p.fulfillmentOrderId, p]));

  const drafts: LabelDraft[] = [];
  for (const fo of orders) {
    const planned = planPackage({ ...fo, lineItems: fo.lineItems.nodes, shippingLine: fo.order.shippingLine });
    if (!planned.ok) {
      skipped.push({ fulfillmentOrderId: fo.id, reason: planned.reason });
      continue;
    }
    const edit = edited.get(fo.id);
    if (edit) planned.parcel = { ...planned.parcel, grams: edit.grams, dimensionsMm: edit.dimensionsMm };
    const abroad = needsCustoms(planned.from.country, planned.to.country);
    // Customs data missing: the label is kept as refused (which product, which field), the batch goes on.
    const customs = abroad ? customsFor(fo, products) : null;
    const refusal = customs && !customs.ok ? { refusalKey: "customs", refusalParams: { problems: customs.problems } as never, lastError: customs.problems.map(customsProblemText).join("; ").slice(0, 500) } : null;
    if (customs?.ok) planned.parcel.value = customs.customs.items.reduce((n, i) => n + i.unitValue * i.quantity, 0);
    const packageKey = fo.id.split("/").pop()!;
    const live = await ctx.db.label.findFirst({ where: { shopId: shop.id, orderId: fo.order.id, packageKey, status: { in: LIVE_STATUSES } }, select: { id: true } });
    if (live) {
      skipped.push({ fulfillmentOrderId: fo.id, reason: labelMessage("skip.hasLabel") });
      continue;
    }
    const generation = await ctx.db.label.count({ where: { shopId: shop.id, orderId: fo.order.id, packageKey } });
    drafts.push({
      refused: Boolean(refusal),
      orderId: fo.order.id,
      orderName: fo.order.name,
      fulfillmentOrderId: fo.id,
      packageKey,
      generation,
      idempotencyKey: labelIdempotencyKey({ shopId: shop.id, orderId: fo.order.id, packageKey, generation }),
      serviceCode: serviceFor(input.serviceCode || defaultService(planned.checkoutServiceCode, classes, open), abroad, open),
      options: { signature: input.signature, insurance: input.insurance },
      toAddress: planned.to,
      fromAddress: planned.from,
      parcel: planned.parcel,
      checkoutPaid: planned.checkoutPaid,
      currency: planned.currency,
      lines: slipLines(fo) as never,
      ...(customs?.ok ? { customs: customs.customs as never } : {}),
      ...(refusal ? { ...refusal, status: "failed" } : {}),
    });
  }
  if (drafts.length === 0) return { ok: false, status: 409, error: labelMessage("error.nothingToBuy"), skipped };

  const quotes = await quoteDrafts(open.provider, drafts);
  const batch = await ctx.db.labelBatch.create({ data: { shopId: shop.id, carrierId: open.carrierId, connectionId: open.connectionId, mailingDate, notifyCustomer: input.notifyCustomer, labelFormat: input.labelFormat } });
  let queued = 0;
  let refused = 0;
  for (const [i, { refused: isRefused, ...draft }] of drafts.entries()) {
    const quote = quotes[i];
    try {
      await ctx.db.label.create({ data: { ...draft, shopId: shop.id, batchId: batch.id, ...(quote ? { quotedAmount: quote.amount, quotedCurrency: quote.currency } : {}) } });
      if (isRefused) refused++;
      else queued++;
    } catch (e) {
      // A concurrent request queued the same package first (unique idempotency key): that one buys it.
      if ((e as { code?: string }).code === "P2002") skipped.push({ fulfillmentOrderId: draft.fulfillmentOrderId, reason: labelMessage("skip.hasLabel") });
      else throw e;
    }
  }
  if (queued === 0 && refused === 0) {
    await ctx.db.labelBatch.deleteMany({ where: { id: batch.id, shopId: shop.id } });
    return { ok: false, status: 409, error: labelMessage("error.nothingToBuy"), skipped };
  }
  if (queued > 0) notifyLabelWorker();
  return { ok: true, batchId: batch.id, queued, refused, skipped, quoted: quoteTotal(quotes.filter((q, i) => q && !drafts[i].refused)) };
}

const QUOTE_TIMEOUT_MS = 20_000;

/**
 * The quote each package is bought against, asked before anything is bought. The provider reuses known prices, so
 * packages of one shape cost one call; a refused package is not quoted at all. A failure leaves labels unquoted
 * (not reconciled) rather than holding up the batch.
 */
async function quoteDrafts(provider: LabelProvider, drafts: LabelDraft[]): Promise<(LabelQuote | null)[]> {
  const wanted = drafts.map((d, i) => ({ d, i })).filter(({ d }) => !d.refused);
  const out: (LabelQuote | null)[] = drafts.map(() => null);
  if (!provider.quote || wanted.length === 0) return out;
  try {
    const quotes = await provider.quote(
      wanted.map(({ d }) => ({ serviceCode: d.serviceCode, from: d.fromAddress as LabelAddress, to: d.toAddress as LabelAddress, parcel: d.parcel as LabelParcel })),
      AbortSignal.timeout(QUOTE_TIMEOUT_MS),
    );
    wanted.forEach(({ i }, n) => (out[i] = quotes[n] ?? null));
  } catch (e) {
    logger.warn("label quotes failed; the batch is bought unquoted", { reason: (e as Error).message });
  }
  return out;
}

/** The batch's quoted postage, when every quote is in one currency. */
function quoteTotal(quotes: (LabelQuote | null)[]): { labels: number; amount: number; currency: string } | null {
  const known = quotes.filter((q): q is LabelQuote => q !== null);
  if (known.length === 0 || known.some((q) => q.currency !== known[0].currency)) return null;
  return { labels: known.length, amount: known.reduce((n, q) => n + q.amount, 0), currency: known[0].currency };
}

export interface BatchProgress {
  id: string;
  createdAt: string;
  mailingDate: string;
  labelFormat: string;
  total: number;
  bought: number;
  failed: number;
  pending: number;
  /** The postage quoted before buying, over the labels that have a quote (minor units); null when none was quoted. */
  quoted: { labels: number; amount: number; currency: string } | null;
  /** When the remaining labels are expected to be bought at the current quota pace (ISO), if known. */
  nextAttemptAt: string | null;
}

export async function batchProgress(ctx: LabelContext, shopId: string, batchId: string): Promise<BatchProgress | null> {
  const batch = await ctx.db.labelBatch.findFirst({ where: { id: batchId, shopId } });
  if (!batch) return null;
  const labels = await ctx.db.label.findMany({ where: { shopId, batchId }, select: { status: true, nextAttemptAt: true, quotedAmount: true, quotedCurrency: true } });
  const pending = labels.filter((l) => l.status === "pending" || l.status === "retrying");
  const latest = pending.reduce<Date | null>((m, l) => (!m || l.nextAttemptAt > m ? l.nextAttemptAt : m), null);
  return {
    id: batch.id,
    createdAt: batch.createdAt.toISOString(),
    mailingDate: batch.mailingDate,
    labelFormat: batch.labelFormat,
    total: labels.length,
    bought: labels.filter((l) => ["bought", "fulfilled", "voided", "void_requested"].includes(l.status)).length,
    failed: labels.filter((l) => l.status === "failed" || l.status === "address_failed").length,
    pending: pending.length,
    quoted: quoteTotal(labels.filter((l) => l.quotedAmount !== null).map((l) => ({ amount: l.quotedAmount!, currency: l.quotedCurrency ?? "USD" }))),
    nextAttemptAt: latest ? latest.toISOString() : null,
  };
}
