// Ending a link (deactivate or delete). Every fulfillment order the provider has not started goes back to the
// merchant: submitted requests are rejected on the provider's behalf (Shopify's way to cancel an unaccepted
// request from the service side), then `fulfillmentOrderMove` takes them to the merchant's location. Accepted
// (in-progress) orders stay with the provider until they close. The fulfillment service is deleted with the
// merchant's inventory action only when nothing is left at its location; otherwise the link stays "inactive"
// with the service kept, and calling this again finishes the job.
import { AdminApiError, formatUserErrors, runOperation } from "~/shopify/admin-operations.server";
import { FulfillmentOrderMove, FulfillmentServiceDelete, RejectFulfillmentRequest, ShopLocations, type InventoryAction } from "~/shopify/graphql/fulfillment-service";
import { PartnerError, type PartnersContext } from "./context.server";
import { assignedFulfillmentOrdersFor } from "./orders.server";
import { enqueuePartnerEvent } from "./webhooks.server";
import { say } from "~/lib/said";
import { storeSaid } from "~/lib/stored-said";

export interface UnlinkInput {
  mode: "deactivate" | "delete";
  inventoryAction: InventoryAction;
  /** The merchant location unstarted orders (and, for TRANSFER, inventory) go to. */
  returnLocationId: string;
}

export interface UnlinkResult {
  returned: string[];
  refused: { fulfillmentOrderId: string; reason: string }[];
  inProgress: string[];
  serviceDeleted: boolean;
  linkDeleted: boolean;
}

export async function endLink(ctx: PartnersContext, side: { shopId: string } | { providerId: string }, linkId: string, input: UnlinkInput): Promise<UnlinkResult> {
  const link = await ctx.db.partnerLink.findFirst({ where: { id: linkId, ...side }, include: { shop: true } });
  if (!link) throw new PartnerError("Link not found", 404, "errors.linkNotFound");
  const shopId = link.shopId;
  // From now on the provider gets no new orders and sees only in-progress ones.
  await ctx.db.partnerLink.updateMany({ where: { id: link.id, shopId }, data: { status: "inactive", pendingOn: null, returnLocationId: input.returnLocationId } });
  const result: UnlinkResult = { returned: [], refused: [], inProgress: [], serviceDeleted: false, linkDeleted: false };
  if (!link.fulfillmentServiceId || !link.locationId) {
    if (input.mode === "delete") {
      await ctx.db.partnerLink.deleteMany({ where: { id: link.id, shopId } });
      result.linkDeleted = true;
    }
    return result;
  }
  try {
    const admin = await ctx.adminFor(link.shop.domain);
    const requested = await assignedFulfillmentOrdersFor(ctx, link, "FULFILLMENT_REQUESTED");
    for (const fo of requested) {
      const res = await runOperation(admin, RejectFulfillmentRequest, { id: fo.id, reason: "OTHER", message: "The merchant ended the fulfillment partnership" });
      const errors = res.fulfillmentOrderRejectFulfillmentRequest.userErrors;
      if (errors.length) result.refused.push({ fulfillmentOrderId: fo.id, reason: formatUserErrors(errors) });
    }
    const unsubmitted = await assignedFulfillmentOrdersFor(ctx, link, "FULFILLMENT_UNSUBMITTED");
    const toMove = [...requested.filter((fo) => !result.refused.some((r) => r.fulfillmentOrderId === fo.id)), ...unsubmitted];
    for (const fo of toMove) {
      const res = await runOperation(admin, FulfillmentOrderMove, { id: fo.id, newLocationId: input.returnLocationId });
      const errors = res.fulfillmentOrderMove.userErrors;
      if (errors.length || !res.fulfillmentOrderMove.movedFulfillmentOrder) {
        result.refused.push({ fulfillmentOrderId: fo.id, reason: formatUserErrors(errors) || "not moved" });
        continue;
      }
      result.returned.push(fo.id);
      const updated = await ctx.db.partnerOrder.updateMany({ where: { shopId, linkId: link.id, fulfillmentOrderId: fo.id }, data: { status: "returned" } });
      if (updated.count) {
        const order = await ctx.db.partnerOrder.findFirst({ where: { shopId, fulfillmentOrderId: fo.id }, select: { id: true } });
        if (order) await enqueuePartnerEvent(ctx, link, "order.updated", order.id);
      }
    }
    const accepted = await assignedFulfillmentOrdersFor(ctx, link, "FULFILLMENT_ACCEPTED");
    const cancelling = await assignedFulfillmentOrdersFor(ctx, link, "CANCELLATION_REQUESTED");
    result.inProgress = [...accepted, ...cancelling].map((fo) => fo.id);

    if (result.refused.length === 0 && result.inProgress.length === 0) {
      const del = await runOperation(admin, FulfillmentServiceDelete, {
        id: link.fulfillmentServiceId,
        inventoryAction: input.inventoryAction,
        ...(input.inventoryAction === "TRANSFER" ? { destinationLocationId: input.returnLocationId } : {}),
      });
      if (del.fulfillmentServiceDelete.userErrors.length) {
        result.refused.push({ fulfillmentOrderId: "", reason: `Service not deleted: ${formatUserErrors(del.fulfillmentServiceDelete.userErrors)}` });
      } else {
        result.serviceDeleted = true;
      }
    }
  } catch (error) {
    const message = error instanceof AdminApiError ? error.message : String(error);
    await ctx.db.partnerLink.updateMany({ where: { id: link.id, shopId }, data: { lastError: message } });
    throw new PartnerError(`Shopify could not finish ending the link (run it again): ${message}`, 502, "errors.endUnfinished", { detail: message.slice(0, 500) });
  }
  const lastError = result.refused.length
    ? storeSaid(say("portal:stored.notReturned", { orders: result.refused.map((r) => `${r.fulfillmentOrderId} (${r.reason})`).join("; ").slice(0, 900) }))
    : result.inProgress.length
      ? storeSaid(say("portal:stored.inProgress", { orders: result.inProgress.length }))
      : null;
  if (result.serviceDeleted) {
    if (input.mode === "delete") {
      await ctx.db.partnerLink.deleteMany({ where: { id: link.id, shopId } });
      result.linkDeleted = true;
    } else {
      await ctx.db.partnerLink.updateMany({ where: { id: link.id, shopId }, data: { fulfillmentServiceId: null, locationId: null, lastError } });
    }
  } else {
    await ctx.db.partnerLink.updateMany({ where: { id: link.id, shopId }, data: { lastError } });
  }
  return result;
}

/** The shop's merchant-managed locations (where unstarted orders can go back to). */
export async function merchantLocations(ctx: PartnersContext, shopDomain: string) {
  const res = await runOperation(await ctx.adminFor(shopDomain), ShopLocations, {});
  return res.locations.nodes.filter((l) => l.isActive && !l.fulfillmentService).map((l) => ({ id: l.id, name: l.name }));
}

/** A provider ends a link: orders go back to the merchant's first active location, inventory is transferred there. */
export async function endLinkAsProvider(ctx: PartnersContext, providerId: string, linkId: string) {
  const link = await ctx.db.partnerLink.findFirst({ where: { id: linkId, providerId }, include: { shop: true } });
  if (!link) throw new PartnerError("Link not found", 404, "errors.linkNotFound");
  let returnLocationId = link.returnLocationId;
  if (!returnLocationId && link.fulfillmentServiceId) {
    try {
      returnLocationId = (await merchantLocations(ctx, link.shop.domain))[0]?.id ?? null;
    } catch (error) {
      throw new PartnerError(`Shopify could not be reached: ${(error as Error).message}`, 502, "errors.shopifyUnreachable");
    }
    if (!returnLocationId) throw new PartnerError("The shop has no location of its own to take the orders back; ask the merchant to end the link", 409, "errors.noReturnLocation");
  }
  return endLink(ctx, { providerId }, linkId, { mode: "deactivate", inventoryAction: "TRANSFER", returnLocationId: returnLocationId ?? "" });
}
