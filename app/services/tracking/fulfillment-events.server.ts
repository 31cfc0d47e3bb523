// One carrier tracking event → one Shopify fulfillmentEventCreate, whoever heard it: an inbound webhook
// (Intelipost, AfterShip) or the label tracking poller (USPS). The event is claimed by (source, externalId)
// first, so a re-delivery or a second poll of the same history applies it once; it is always recorded, also when
// it names no fulfillment we know or has no Shopify equivalent. Only the fields Waypost uses are stored.
import type { InboundEvent } from "~/channels/inbound";
import type { Db } from "~/db.server";
import { AdminApiError, formatUserErrors, runOperation, type AdminClient } from "~/shopify/admin-operations.server";
import { FulfillmentEventCreate } from "~/shopify/graphql/fulfillment-event";
import { isUniqueViolation } from "~/services/webhook-receipts.server";

export type CarrierEventResult = "applied" | "unknown_fulfillment" | "ignored" | "failed";

export type CarrierEventOutcome =
  | { result: "duplicate"; previous: CarrierEventResult }
  | { result: "applied" | "unknown_fulfillment" | "ignored" }
  /** `retryable`: Shopify was unreachable or failing; `userErrors`: Shopify refused the event itself. */
  | { result: "failed"; error: string; retryable: boolean; userErrors: boolean };

export interface CarrierEventInput {
  shop: { id: string; domain: string };
  source: string;
  event: InboundEvent;
  /** The fulfillment the event belongs to (a REST id or a gid), or null when none is known. */
  locate(): Promise<string | null>;
  /** Why a status-less event records nothing on Shopify, when the caller knows better than "unknown state". */
  ignoredReason?: string;
}

/** What is kept of an event: what matching and erasure read. */
export function storedFields(e: InboundEvent) {
  return { state: e.state, trackingNumbers: e.trackingNumbers, orderNumbers: e.orderNumbers, orderIds: e.orderIds, ...(e.happenedAt ? { happenedAt: e.happenedAt } : {}) };
}

const toGid = (id: string) => (id.startsWith("gid://") ? id : `gid://shopify/Fulfillment/${id}`);

export async function recordCarrierEvent(ctx: { db: Db; adminFor(shop: string): Promise<AdminClient> }, input: CarrierEventInput): Promise<CarrierEventOutcome> {
  const { db } = ctx;
  const { shop, source, event } = input;
  // Claim the (source, externalId) slot; a re-delivery of a finished event is a duplicate, of a failed one a retry.
  let rowId: string;
  try {
    const created = await db.inboundTrackingEvent.create({
      data: { shopId: shop.id, source, externalId: event.externalId, status: event.state, result: "failed", detail: "processing", payload: storedFields(event) },
    });
    rowId = created.id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.inboundTrackingEvent.findUnique({ where: { source_externalId: { source, externalId: event.externalId } } });
    if (!existing) throw error;
    if (existing.result !== "failed") return { result: "duplicate", previous: existing.result as CarrierEventResult };
    rowId = existing.id;
  }
  const finish = (result: CarrierEventResult, detail: string | null, fulfillmentId: string | null = null) =>
    db.inboundTrackingEvent.updateMany({ where: { id: rowId, shopId: shop.id }, data: { result, detail, fulfillmentId } });

  if (!event.status) {
    await finish("ignored", input.ignoredReason ?? (event.known ? `State ${event.state} creates no Shopify fulfillment event` : `Unknown state ${event.state}`));
    return { result: "ignored" };
  }
  const fulfillmentId = await input.locate();
  if (!fulfillmentId) {
    await finish(
      "unknown_fulfillment",
      `No fulfillment found for tracking ${event.trackingNumbers.join(", ") || "-"} / order ${[...event.orderNumbers, ...event.orderIds].join(", ") || "-"}`,
    );
    return { result: "unknown_fulfillment" };
  }
  try {
    const admin = await ctx.adminFor(shop.domain);
    const res = await runOperation(admin, FulfillmentEventCreate, {
      fulfillmentEvent: {
        fulfillmentId: toGid(fulfillmentId),
        status: event.status,
        ...(event.happenedAt ? { happenedAt: event.happenedAt } : {}),
        ...(event.message ? { message: event.message.slice(0, 255) } : {}),
      },
    });
    const errors = res.fulfillmentEventCreate.userErrors;
    if (errors.length > 0) {
      const error = formatUserErrors(errors);
      await finish("failed", `Shopify refused the event: ${error}`, fulfillmentId);
      return { result: "failed", error, retryable: false, userErrors: true };
    }
    await finish("applied", `${event.state} → ${event.status}`, fulfillmentId);
    return { result: "applied" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finish("failed", message, fulfillmentId);
    return { result: "failed", error: message, retryable: !(error instanceof AdminApiError) || error.retryable, userErrors: false };
  }
}
