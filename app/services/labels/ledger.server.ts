// The cost ledger: one row per charge USPS returned for a label (postage, extra services, fees) and one refund row
// per void that USPS refunded. Written in the same transaction as the label's state change, and only while the
// writer holds the label's lease, so a purchase is recorded exactly once however many workers saw it.
import type { BoughtLabel } from "~/carriers/labels";
import type { Label } from "~/generated/sqlite/client";
import { chargedPostage, quoteMismatch } from "~/domain/labels/reconcile";
import type { LabelContext } from "./context.server";

export async function recordPurchase(ctx: LabelContext, p: { label: Label; owner: string; bought: BoughtLabel; mailingDate: string; paymentAccount: string }): Promise<boolean> {
  const { label, bought } = p;
  const postage = chargedPostage(bought.charges);
  return ctx.db.$transaction(async (tx) => {
    const updated = await tx.label.updateMany({
      where: { id: label.id, shopId: label.shopId, leaseOwner: p.owner },
      data: {
        status: "bought",
        trackingNumber: bought.trackingNumber,
        trackingUrl: bought.trackingUrl,
        ...(bought.image.format === "ZPL" ? { labelZpl: Buffer.from(bought.image.bytes) } : { labelPdf: Buffer.from(bought.image.bytes) }),
        chargedAmount: bought.total,
        chargedPostage: postage,
        quoteMismatch: quoteMismatch({ amount: label.quotedAmount, currency: label.quotedCurrency }, { amount: postage, currency: bought.currency }),
        currency: bought.currency,
        lastError: null,
        errorKey: null,
      },
    });
    if (updated.count !== 1) return false;
    await tx.labelLedgerEntry.createMany({
      data: bought.charges.map((c, i) => ({
        shopId: label.shopId,
        labelId: label.id,
        batchId: label.batchId,
        orderId: label.orderId,
        kind: c.kind,
        description: c.name,
        amount: c.amount,
        currency: bought.currency,
        mailingDate: p.mailingDate,
        paymentAccount: p.paymentAccount,
        checkoutPaid: i === 0 ? label.checkoutPaid : null,
      })),
    });
    return true;
  });
}

/** The refund of a voided label: the negative of every charge recorded for it. */
export async function recordRefund(ctx: LabelContext, label: Label, paymentAccount: string): Promise<void> {
  const charged = await ctx.db.labelLedgerEntry.findMany({ where: { shopId: label.shopId, labelId: label.id, kind: { not: "refund" } } });
  const total = charged.reduce((n, c) => n + c.amount, 0);
  if (total === 0) return;
  await ctx.db.labelLedgerEntry.create({
    data: {
      shopId: label.shopId,
      labelId: label.id,
      batchId: label.batchId,
      orderId: label.orderId,
      kind: "refund",
      description: `Refund for voided label ${label.trackingNumber ?? ""}`.trim(),
      amount: -total,
      currency: label.currency,
      mailingDate: charged[0]?.mailingDate ?? "",
      paymentAccount,
    },
  });
}
