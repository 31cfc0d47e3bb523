// What the Labels page shows: open fulfillment orders to pick (filtered), recent batches with progress, recent
// labels (which can still be voided), reports and reconciliation flags; and the merged PDF for printing.
import { PDFDocument } from "pdf-lib";
import type { CustomsProblem } from "~/domain/labels/customs";
import { labelMessage, type LabelMessage } from "~/domain/labels/messages";
import { verbatim } from "~/lib/said";
import { labelAlerts, type LabelAlert } from "./alerts.server";
import { keeps, type PickFilter } from "~/domain/labels/pick";
import { DEFAULT_BOX, nextWorkingDay, planPackage } from "~/domain/labels/plan";
import { AdminApiError } from "~/shopify/admin-operations.server";
import { batchProgress, openFulfillmentOrders, type BatchProgress } from "./batches.server";
import { labelProviderFor, type LabelContext } from "./context.server";
import { labelReport, reconciliationFlags, type ReportPeriod } from "./reports.server";

const RECENT = 50;

export interface LabelsPageData {
  orders: {
    id: string;
    orderName: string;
    destination: string;
    country: string;
    service: string;
    channel: string;
    items: number;
    /** Waypost's planned package (lines + default box), editable before buying; null when it cannot be weighed. */
    grams: number | null;
    dimensionsMm: { l: number; w: number; h: number };
  }[];
  /** The distinct checkout services and channels among the open orders: the filter's choices. */
  filterChoices: { services: string[]; channels: string[] };
  ordersError: LabelMessage | null;
  batches: BatchProgress[];
  labels: {
    id: string;
    orderName: string;
    status: string;
    trackingNumber: string | null;
    serviceCode: string;
    charged: number | null;
    /** The postage quoted before buying (minor units, `quotedCurrency`); null when none was recorded. */
    quoted: number | null;
    quotedCurrency: string | null;
    /** Charged differently from the quote (reconciliation). */
    flagged: boolean;
    /** Why the last attempt failed, in Waypost's words (translated by the page) and the carrier's or Shopify's own. */
    error: LabelMessage | null;
    /** Why Waypost refused the label before buying (customs data), as translatable problems. */
    refusal: CustomsProblem[] | null;
    voidable: boolean;
    disputeId: string | null;
    format: string;
  }[];
  report: Awaited<ReturnType<typeof labelReport>>;
  flags: Awaited<ReturnType<typeof reconciliationFlags>>;
  /** Carrier alerts on this shop's parcels (counterfeit postage, postage due), as the home page shows them. */
  alerts: { count: number; latest: LabelAlert[] };
  defaultMailingDate: string;
  /** The connected label carrier's domestic services (the buy form's choices); empty when none is connected. */
  services: { code: string; name: string }[];
}

export async function labelsPage(ctx: LabelContext, shop: { id: string; domain: string }, f: PickFilter & { report: ReportPeriod }): Promise<LabelsPageData> {
  let orders: LabelsPageData["orders"] = [];
  let ordersError: LabelMessage | null = null;
  let filterChoices: LabelsPageData["filterChoices"] = { services: [], channels: [] };
  try {
    const all = (await openFulfillmentOrders(ctx, shop.domain)).map((fo) => {
      const planned = planPackage({ ...fo, lineItems: fo.lineItems.nodes, shippingLine: fo.order.shippingLine });
      return {
        id: fo.id,
        orderName: fo.order.name,
        destination: [fo.destination?.city, fo.destination?.province, fo.destination?.zip].filter(Boolean).join(" "),
        country: fo.destination?.countryCode ?? "",
        service: fo.order.shippingLine?.code || fo.order.shippingLine?.title || "",
        channel: fo.order.sourceName ?? "",
        items: fo.lineItems.nodes.reduce((n, l) => n + l.remainingQuantity, 0),
        grams: planned.ok ? planned.parcel.grams : null,
        dimensionsMm: planned.ok ? planned.parcel.dimensionsMm : DEFAULT_BOX.dimensionsMm,
      };
    });
    const distinct = (xs: string[]) => [...new Set(xs.filter(Boolean))].sort();
    filterChoices = { services: distinct(all.map((o) => o.service)), channels: distinct(all.map((o) => o.channel)) };
    orders = all.filter((o) => keeps(o, f));
  } catch (e) {
    ordersError = labelMessage("error.ordersUnavailable", undefined, e instanceof AdminApiError ? e.message : undefined);
  }
  const batchRows = await ctx.db.labelBatch.findMany({ where: { shopId: shop.id }, orderBy: { createdAt: "desc" }, take: 10, select: { id: true } });
  const batches = (await Promise.all(batchRows.map((b) => batchProgress(ctx, shop.id, b.id)))).filter((b): b is BatchProgress => b !== null);
  const labels = await ctx.db.label.findMany({
    where: { shopId: shop.id },
    orderBy: { createdAt: "desc" },
    take: RECENT,
    select: { id: true, orderName: true, status: true, trackingNumber: true, serviceCode: true, chargedAmount: true, quotedAmount: true, quotedCurrency: true, quoteMismatch: true, lastError: true, errorKey: true, errorParams: true, disputeId: true, refusalKey: true, refusalParams: true, batch: { select: { labelFormat: true } } },
  });
  return {
    orders,
    ordersError,
    filterChoices,
    batches,
    labels: labels.map((l) => ({
      id: l.id,
      orderName: l.orderName,
      status: l.status,
      trackingNumber: l.trackingNumber,
      serviceCode: l.serviceCode,
      charged: l.chargedAmount,
      quoted: l.quotedAmount,
      quotedCurrency: l.quotedCurrency,
      flagged: l.quoteMismatch,
      error: l.errorKey ? labelMessage(l.errorKey, (l.errorParams as Record<string, string | number> | null) ?? undefined, l.lastError) : l.lastError ? verbatim(l.lastError) : null,
      refusal: l.refusalKey === "customs" ? ((l.refusalParams as { problems?: CustomsProblem[] } | null)?.problems ?? null) : null,
      voidable: l.status === "bought" || l.status === "fulfilled",
      disputeId: l.disputeId,
      format: l.batch.labelFormat,
    })),
    report: await labelReport(ctx, shop.id, f.report),
    flags: await reconciliationFlags(ctx, shop.id),
    alerts: await labelAlerts(ctx.db, shop.id, ctx.now()),
    defaultMailingDate: nextWorkingDay(ctx.now()),
    services: ((await labelProviderFor(ctx, shop))?.services ?? []).filter((s) => s.scope !== "international").map((s) => ({ code: s.code, name: s.name })),
  };
}

/** One PDF with every bought label of the batch (or the one label), in purchase order; null when there is none. */
export async function mergedLabelPdf(ctx: LabelContext, shopId: string, which: { batchId?: string; labelId?: string }): Promise<Uint8Array | null> {
  if (!which.batchId && !which.labelId) return null;
  const labels = await ctx.db.label.findMany({
    where: { shopId, ...(which.batchId ? { batchId: which.batchId } : {}), ...(which.labelId ? { id: which.labelId } : {}), status: { in: ["bought", "fulfilled"] }, labelPdf: { not: null } },
    orderBy: { createdAt: "asc" },
    take: 500,
    select: { labelPdf: true },
  });
  if (labels.length === 0) return null;
  const out = await PDFDocument.create();
  for (const l of labels) {
    const src = await PDFDocument.load(l.labelPdf!);
    for (const page of await out.copyPages(src, src.getPageIndices())) out.addPage(page);
  }
  return out.save();
}
