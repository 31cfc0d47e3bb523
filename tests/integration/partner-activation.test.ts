// Activating a link when fulfillment orders already wait at its location: Shopify routed (and pinged) while the
// link was not active yet, or a reactivated link's kept location still holds requests. Activation reads them.
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { inviteProvider } from "~/services/partners/invitations.server";
import { activateLink, approvePendingLink } from "~/services/partners/links.server";
import { acceptOrder, handleNotification, listProviderOrders } from "~/services/partners/orders.server";
import { endLink } from "~/services/partners/unlink.server";
import { capturingContext, createProviderRow, foAt } from "./partners-world";
import { useTrackingWorld } from "./tracking-world";
import { storedSaid } from "~/lib/stored-said";
import { sayIn } from "../helpers/said";

const SHOP = "partner-activation.myshopify.com";
const world = useTrackingWorld(SHOP);
const MERCHANT_LOCATION = "gid://shopify/Location/1";

async function pendingLink() {
  const { ctx } = capturingContext();
  const provider = await createProviderRow();
  await inviteProvider(ctx, world.shopId, { by: "partner_id", value: provider.publicId });
  const pending = await getDb().partnerLink.findFirstOrThrow({ where: { shopId: world.shopId, providerId: provider.id } });
  return { ctx, provider, pending };
}

/** Shopify routes an order to the new location as soon as the service exists, before Waypost records it active. */
function routeOnCreate() {
  const create = world.admin.handlers.FulfillmentServiceCreate!;
  const routed: string[] = [];
  world.admin.handlers.FulfillmentServiceCreate = (v, st) => {
    const out = create(v, st) as { fulfillmentServiceCreate: { fulfillmentService: { location: { id: string } } | null } };
    const locationId = out.fulfillmentServiceCreate.fulfillmentService?.location.id;
    if (locationId) routed.push(foAt(world, locationId).id);
    return out;
  };
  return routed;
}

describe("activation with fulfillment orders already at the location", () => {
  it("records requests that reached the new location before the link was active", async () => {
    const routed = routeOnCreate();
    const { ctx, provider, pending } = await pendingLink();
    await approvePendingLink(ctx, { providerId: provider.id }, pending.id);
    const orders = await listProviderOrders(ctx, provider.id);
    expect(orders.map((o) => o.fulfillmentOrderId)).toEqual(routed);
    expect(orders[0]).toMatchObject({ status: "requested", settingsVersion: 1 });
    expect(world.admin.callsTo("AssignedFulfillmentOrders").map((c) => c.variables.assignmentStatus)).toEqual(["FULFILLMENT_REQUESTED", "CANCELLATION_REQUESTED"]);
  });

  it("reactivates an ended link on its kept service and reads the requests waiting there", async () => {
    const { ctx, provider, pending } = await pendingLink();
    const link = await approvePendingLink(ctx, { providerId: provider.id }, pending.id);
    foAt(world, link.locationId!);
    await handleNotification(ctx, link.id, "FULFILLMENT_REQUEST");
    const [inProgress] = await listProviderOrders(ctx, provider.id);
    await acceptOrder(ctx, provider.id, inProgress!.id);
    // Ending keeps the service: an order is in progress.
    const ended = await endLink(ctx, { shopId: world.shopId }, link.id, { mode: "deactivate", inventoryAction: "TRANSFER", returnLocationId: MERCHANT_LOCATION });
    expect(ended.serviceDeleted).toBe(false);
    const waiting = foAt(world, link.locationId!);

    const again = await activateLink(ctx, { shopId: world.shopId, linkId: link.id });
    expect(again).toMatchObject({ status: "active", fulfillmentServiceId: link.fulfillmentServiceId, locationId: link.locationId });
    expect(world.admin.callsTo("FulfillmentServiceCreate")).toHaveLength(1);
    expect((await listProviderOrders(ctx, provider.id)).map((o) => o.fulfillmentOrderId).sort()).toEqual([inProgress!.fulfillmentOrderId, waiting.id].sort());
  });

  it("stays active and says so when Shopify cannot list the waiting requests", async () => {
    const { ctx, provider, pending } = await pendingLink();
    const create = world.admin.handlers.FulfillmentServiceCreate!;
    world.admin.handlers.FulfillmentServiceCreate = (v, st) => {
      world.admin.failNext(503, 5);
      return create(v, st);
    };
    const link = await approvePendingLink(ctx, { providerId: provider.id }, pending.id);
    expect(link.status).toBe("active");
    // Waypost's own sentence in the reader's language, with Shopify's answer inside as it came.
    expect((await sayIn("fr"))(storedSaid(link.lastError!))).toMatch(/^Actif\u00a0; les demandes déjà en attente n'ont pas encore été lues \(.+\)$/);
  });
});
