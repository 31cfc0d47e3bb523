// Label reports per day, batch or month from the ledger: labels bought, postage spent, voided and refunded, and the
// shipping margin (what shoppers paid at checkout minus net postage), and how many labels reconciliation flagged
// (charged postage more than a cent away from the quote recorded before purchase: Label.quoteMismatch, set when
// the purchase is recorded). Bounded: one shop, the last MAX_ROWS ledger rows.
import type { LabelContext } from "./context.server";

export type ReportPeriod = "day" | "batch" | "month";

export interface ReportRow {
  key: string;
  labels: number;
  voided: number;
  /** Labels charged differently from their quote. */
  flagged: number;
  /** Minor units, USD. */
  postage: number;
  refunded: number;
  collected: number;
  margin: number;
}

const MAX_ROWS = 50_000;

export async function labelReport(ctx: LabelContext, shopId: string, period: ReportPeriod): Promise<ReportRow[]> {
  const entries = await ctx.db.labelLedgerEntry.findMany({ where: { shopId }, orderBy: { createdAt: "desc" }, take: MAX_ROWS });
  const flaggedIds = new Set((await ctx.db.label.findMany({ where: { shopId, quoteMismatch: true }, select: { id: true }, take: MAX_ROWS })).map((l) => l.id));
  const rows = new Map<string, ReportRow & { labelIds: Set<string>; voidedIds: Set<string> }>();
  for (const e of entries) {
    const key = period === "batch" ? e.batchId : period === "month" ? e.mailingDate.slice(0, 7) : e.mailingDate;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { key, labels: 0, voided: 0, flagged: 0, postage: 0, refunded: 0, collected: 0, margin: 0, labelIds: new Set(), voidedIds: new Set() }));
    if (e.kind === "refund") {
      r.refunded += -e.amount;
      r.voidedIds.add(e.labelId);
    } else {
      r.postage += e.amount;
      r.labelIds.add(e.labelId);
      if (e.checkoutPaid !== null) r.collected += e.checkoutPaid;
    }
  }
  return [...rows.values()]
    .map(({ labelIds, voidedIds, ...r }) => ({ ...r, labels: labelIds.size, voided: voidedIds.size, flagged: [...labelIds].filter((id) => flaggedIds.has(id)).length, margin: r.collected - (r.postage - r.refunded) }))
    .sort((a, b) => b.key.localeCompare(a.key));
}

const money = (minor: number) => (minor / 100).toFixed(2);

export function reportCsv(rows: ReportRow[], period: ReportPeriod): string {
  const head = [period, "labels", "voided", "flagged", "postage_usd", "refunded_usd", "collected_usd", "margin_usd"].join(",");
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [head, ...rows.map((r) => [quote(r.key), r.labels, r.voided, r.flagged, money(r.postage), money(r.refunded), money(r.collected), money(r.margin)].join(","))].join("\n") + "\n";
}

/** Labels charged differently from the quote recorded before purchase, newest first (bounded). */
export async function reconciliationFlags(ctx: LabelContext, shopId: string) {
  const rows = await ctx.db.label.findMany({
    where: { shopId, quoteMismatch: true },
    select: { id: true, orderName: true, trackingNumber: true, quotedAmount: true, quotedCurrency: true, chargedPostage: true, currency: true },
    take: 200,
    orderBy: { createdAt: "desc" },
  });
  return rows.map((l) => ({ id: l.id, orderName: l.orderName, trackingNumber: l.trackingNumber, quoted: l.quotedAmount ?? 0, quotedCurrency: l.quotedCurrency ?? l.currency, charged: l.chargedPostage ?? 0, currency: l.currency }));
}
