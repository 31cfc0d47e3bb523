// Voiding a label before it is used (DELETE /labels/v3/label/{trackingNumber}). USPS answers CANCELED (refunded at
// once: the ledger records the refund and the Shopify fulfillment is cancelled) or DISPUTED (a refund request
// with a dispute id, tracked until USPS settles). A used label is refused with USPS's reason. "Void and re-ship"
// keeps the Shopify fulfillment and queues a new label for the same package (next generation, new key); when it
// is bought its tracking number replaces the old one on that fulfillment, and the tracking outbox supersedes the
// old number at every channel.
import { runOperation, formatUserErrors } from "~/shopify/admin-operations.server";
import { FulfillmentCancel } from "~/shopify/graphql/labels";
import { labelIdempotencyKey } from "~/domain/labels/plan";
import { labelMessage, type LabelMessage } from "~/domain/labels/messages";
import { labelProviderFor, type LabelContext } from "./context.server";
import { recordRefund } from "./ledger.server";
import { notifyLabelWorker } from "./signal.server";

export type VoidResult =
  | { ok: true; status: "voided" | "void_requested"; disputeId?: string; newLabelId?: string; note?: LabelMessage }
  | { ok: false; status: 400 | 404 | 409 | 503; error: LabelMessage };

const VOIDABLE = ["bought", "fulfilled"];

export async function voidLabel(ctx: LabelContext, shop: { id: string; domain: string }, labelId: string, opts: { reship?: boolean } = {}): Promise<VoidResult> {
  const label = await ctx.db.label.findFirst({ where: { id: labelId, shopId: shop.id } });
  if (!label) return { ok: false, status: 404, error: labelMessage("error.noSuchLabel") };
  if (!VOIDABLE.includes(label.status) || !label.trackingNumber) return { ok: false, status: 409, error: labelMessage("error.notVoidable") };
  const batch = await ctx.db.labelBatch.findFirst({ where: { id: label.batchId, shopId: shop.id }, select: { carrierId: true } });
  const open = await labelProviderFor(ctx, shop, batch?.carrierId ?? "");
  if (!open) return { ok: false, status: 409, error: labelMessage("error.sellerGone") };
  const carrier = { carrier: open.carrierName };
  const signal = AbortSignal.timeout(30_000);
  const auth = await open.provider.authorizePayment(signal);
  // The carrier's own words travel as the detail: USPS's reason a used label cannot be voided, for one.
  if (!auth.ok) return { ok: false, status: auth.failure.kind === "refused" ? 400 : 503, error: labelMessage(auth.failure.kind === "refused" ? "error.voidRefused" : "error.voidUnavailable", carrier, auth.failure.carrierText) };
  const r = await open.provider.voidLabel(label.trackingNumber, auth.value, signal);
  if (!r.ok) return { ok: false, status: r.failure.kind === "refused" ? 400 : 503, error: labelMessage(r.failure.kind === "refused" ? "error.voidRefused" : "error.voidUnavailable", carrier, r.failure.carrierText) };

  const claimed = await ctx.db.label.updateMany({
    where: { id: label.id, shopId: shop.id, status: { in: VOIDABLE } },
    data: r.value.status === "refunded" ? { status: "voided", lastError: null } : { status: "void_requested", disputeId: r.value.disputeId ?? null },
  });
  if (claimed.count !== 1) return { ok: false, status: 409, error: labelMessage("error.changedWhileVoiding") };
  if (r.value.status === "refunded") await recordRefund(ctx, label, auth.value.account);

  let note: LabelMessage | undefined;
  let newLabelId: string | undefined;
  if (opts.reship) {
    const generation = label.generation + 1;
    const created = await ctx.db.label.create({
      data: {
        shopId: shop.id,
        batchId: label.batchId,
        orderId: label.orderId,
        orderName: label.orderName,
        fulfillmentOrderId: label.fulfillmentOrderId,
        packageKey: label.packageKey,
        generation,
        idempotencyKey: labelIdempotencyKey({ shopId: shop.id, orderId: label.orderId, packageKey: label.packageKey, generation }),
        serviceCode: label.serviceCode,
        options: label.options as never,
        toAddress: label.toAddress as never,
        fromAddress: label.fromAddress as never,
        parcel: label.parcel as never,
        checkoutPaid: label.checkoutPaid,
        // The same package and service: the quote shown for the first label stands for the new one.
        quotedAmount: label.quotedAmount,
        quotedCurrency: label.quotedCurrency,
        currency: label.currency,
        supersedesLabelId: label.id,
        addressSuggestion: label.addressSuggestion as never,
      },
    });
    newLabelId = created.id;
    notifyLabelWorker();
  } else if (label.fulfillmentId && r.value.status === "refunded") {
    const admin = await ctx.adminFor(shop.domain);
    const c = await runOperation(admin, FulfillmentCancel, { id: label.fulfillmentId });
    if (c.fulfillmentCancel.userErrors.length) note = labelMessage("done.cancelRefused", undefined, formatUserErrors(c.fulfillmentCancel.userErrors));
  }
  return r.value.status === "refunded"
    ? { ok: true, status: "voided", ...(newLabelId ? { newLabelId } : {}), ...(note ? { note } : {}) }
    : { ok: true, status: "void_requested", ...(r.value.disputeId ? { disputeId: r.value.disputeId } : {}), ...(newLabelId ? { newLabelId } : {}) };
}
