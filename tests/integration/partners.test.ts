// 3PL partner links end to end against the fake Admin API: invitations both ways, activation as a fulfillment
// service, the notification flow, the provider's decisions, shipment → Shopify fulfillment → tracking to Wish,
// settings versions, unlink, partner webhooks and isolation.
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { acceptInvitation, inviteProvider, inviteShop, providerInvitations } from "~/services/partners/invitations.server";
import { approvePendingLink, updateLinkSettings, updateRouting } from "~/services/partners/links.server";
import { acceptOrder, answerCancellation, handleNotification, listProviderOrders, rejectOrder, shipOrder } from "~/services/partners/orders.server";
import { endLink } from "~/services/partners/unlink.server";
import { deliverPartnerWebhooks } from "~/services/partners/webhook-delivery.server";
import { replayPartnerWebhook, SIGNATURE_HEADER } from "~/services/partners/webhooks.server";
import { runOutboxOnce } from "~/services/tracking/outbox.server";
import { verifySinkAuth } from "../fakes/webhook-sink";
import { capturingContext, createProviderRow, foAt } from "./partners-world";
import { addOrder, fulfillment, NFE_KEY, postWebhook, useTrackingWorld } from "./tracking-world";

const SHOP = "partners-shop.myshopify.com";
const world = useTrackingWorld(SHOP);
const MERCHANT_LOCATION = "gid://shopify/Location/1";

async function activeLink() {
  const { ctx, mail } = capturingContext();
  const provider = await createProviderRow();
  await inviteProvider(ctx, world.shopId, { by: "partner_id", value: provider.publicId });
  const pending = await getDb().partnerLink.findFirstOrThrow({ where: { shopId: world.shopId, providerId: provider.id } });
  const link = await approvePendingLink(ctx, { providerId: provider.id }, pending.id);
  return { ctx, mail, provider, link };
}

describe("partner invitations", () => {
  it("links a provider invited by partner id once the provider accepts, creating the fulfillment service", async () => {
    const { ctx, mail } = capturingContext();
    const provider = await createProviderRow();
    await inviteProvider(ctx, world.shopId, { by: "partner_id", value: provider.publicId });
    expect(mail[0]!.to).toBe(provider.email);
    const pending = await getDb().partnerLink.findFirstOrThrow({ where: { shopId: world.shopId } });
    expect(pending).toMatchObject({ status: "pending", pendingOn: "provider" });
    // The merchant cannot approve on the provider's behalf.
    await expect(approvePendingLink(ctx, { shopId: world.shopId }, pending.id)).rejects.toThrow(/other side/);
    expect((await providerInvitations(ctx, provider.id)).received).toHaveLength(1);
    const link = await approvePendingLink(ctx, { providerId: provider.id }, pending.id);
    expect(link).toMatchObject({ status: "active", pendingOn: null });
    // The invitation that made the link pending is spent: it no longer waits in the provider's inbox.
    expect((await providerInvitations(ctx, provider.id)).received).toEqual([]);
    const [create] = world.admin.callsTo("FulfillmentServiceCreate");
    expect(create!.variables.callbackUrl).toBe(`${ctx.appUrl}/fulfillment_service/${link.id}`);
    expect(link.locationId).toBe(world.admin.state.fulfillment.services[0]!.locationId);
  });

  it("links a shop invited by a provider when that shop accepts, and only that shop, only once, only in time", async () => {
    const { ctx } = capturingContext();
    const provider = await createProviderRow();
    const inv = await inviteShop(ctx, provider.id, { by: "shop_domain", value: SHOP });
    await expect(acceptInvitation(ctx, inv.token, { kind: "shop", shopId: "other", domain: "other.myshopify.com" })).rejects.toThrow(/another shop/);
    await expect(acceptInvitation(ctx, inv.token, { kind: "provider", providerId: provider.id, email: provider.email })).rejects.toThrow(/for a shop/);
    const link = await acceptInvitation(ctx, inv.token, { kind: "shop", shopId: world.shopId, domain: SHOP });
    expect(link.status).toBe("active");
    await expect(acceptInvitation(ctx, inv.token, { kind: "shop", shopId: world.shopId, domain: SHOP })).rejects.toThrow(/already used/);

    const later = await inviteShop(ctx, provider.id, { by: "email", value: "owner@shop.test" });
    const expired = capturingContext({ now: () => new Date(Date.now() + 8 * 24 * 3_600_000) }).ctx;
    await expect(acceptInvitation(expired, later.token, { kind: "shop", shopId: world.shopId, domain: SHOP, email: "owner@shop.test" })).rejects.toThrow(/expired/);
  });

  it("binds an emailed invitation to the invited provider's email", async () => {
    const { ctx } = capturingContext();
    const invited = await createProviderRow("Right 3PL", "ops@right.test");
    const other = await createProviderRow("Other 3PL", "ops@other.test");
    const inv = await inviteProvider(ctx, world.shopId, { by: "email", value: "OPS@right.test" });
    await expect(acceptInvitation(ctx, inv.token, { kind: "provider", providerId: other.id, email: other.email })).rejects.toThrow(/another provider/);
    const link = await acceptInvitation(ctx, inv.token, { kind: "provider", providerId: invited.id, email: invited.email });
    expect(link.providerId).toBe(invited.id);
  });

  it("leaves the link pending on the merchant with Shopify's reason when the service is refused", async () => {
    world.admin.handlers.FulfillmentServiceCreate = () => ({ fulfillmentServiceCreate: { fulfillmentService: null, userErrors: [{ field: ["name"], message: "Plan does not allow it" }] } });
    const { ctx } = capturingContext();
    const provider = await createProviderRow();
    await inviteProvider(ctx, world.shopId, { by: "partner_id", value: provider.publicId });
    const pending = await getDb().partnerLink.findFirstOrThrow({ where: { shopId: world.shopId } });
    await expect(approvePendingLink(ctx, { providerId: provider.id }, pending.id)).rejects.toThrow(/Plan does not allow it/);
    expect(await getDb().partnerLink.findFirstOrThrow({ where: { id: pending.id } })).toMatchObject({ status: "pending", pendingOn: "merchant", lastError: "name: Plan does not allow it" });
  });
});

describe("fulfillment orders for a provider", () => {
  it("records requests from a notification under the current settings version and hands back what routing excludes", async () => {
    const { ctx, provider, link } = await activeLink();
    await updateRouting(ctx, world.shopId, link.id, { kind: "skus", values: ["SKU-1"] });
    const mine = foAt(world, link.locationId!);
    const notMine = foAt(world, link.locationId!, { lineItems: [{ id: "gid://shopify/FulfillmentOrderLineItem/9", sku: "OTHER", productTitle: "Lamp", totalQuantity: 1, remainingQuantity: 1 }] });
    const summary = await handleNotification(ctx, link.id, "FULFILLMENT_REQUEST");
    expect(summary).toEqual({ received: 1, routedAway: 1, cancellationsRecorded: 0 });
    expect(world.admin.state.fulfillment.fulfillmentOrders[notMine.id]!.requestStatus).toBe("REJECTED");
    const orders = await listProviderOrders(ctx, provider.id);
    expect(orders.map((o) => o.fulfillmentOrderId)).toEqual([mine.id]);
    expect(orders[0]!.settingsVersion).toBe(2);
    // A second ping does not duplicate the order.
    expect((await handleNotification(ctx, link.id, "FULFILLMENT_REQUEST")).received).toBe(0);
  });

  it("applies a settings change to new orders only", async () => {
    const { ctx, provider, link } = await activeLink();
    foAt(world, link.locationId!);
    await handleNotification(ctx, link.id, "FULFILLMENT_REQUEST");
    const v = await updateLinkSettings(ctx, provider.id, link.id, { settings: { carriers: ["DHL"], shippingRules: "", payer: "merchant", supportHandledBy: "provider", clientId: "C-42" } });
    foAt(world, link.locationId!);
    await handleNotification(ctx, link.id, "FULFILLMENT_REQUEST");
    const versions = (await listProviderOrders(ctx, provider.id)).map((o) => o.settingsVersion).sort();
    expect(versions).toEqual([1, v]);
  });

  it("accepts, rejects with a reason and answers cancellation requests on Shopify", async () => {
    const { ctx, provider, link } = await activeLink();
    const a = foAt(world, link.locationId!);
    const b = foAt(world, link.locationId!);
    await handleNotification(ctx, link.id, "FULFILLMENT_REQUEST");
    const orders = await listProviderOrders(ctx, provider.id);
    const byFo = (id: string) => orders.find((o) => o.fulfillmentOrderId === id)!.id;
    await acceptOrder(ctx, provider.id, byFo(a.id));
    await rejectOrder(ctx, provider.id, byFo(b.id), "INVENTORY_OUT_OF_STOCK", "No stock of blue mugs");
    expect(world.admin.state.fulfillment.fulfillmentOrders[a.id]!.requestStatus).toBe("ACCEPTED");
    expect(world.admin.callsTo("RejectFulfillmentRequest")[0]!.variables).toMatchObject({ reason: "INVENTORY_OUT_OF_STOCK", message: "No stock of blue mugs" });
    await expect(acceptOrder(ctx, provider.id, byFo(b.id))).rejects.toThrow(/rejected order cannot be accepted/);

    world.admin.state.fulfillment.fulfillmentOrders[a.id]!.requestStatus = "CANCELLATION_REQUESTED";
    expect((await handleNotification(ctx, link.id, "CANCELLATION_REQUEST")).cancellationsRecorded).toBe(1);
    await answerCancellation(ctx, provider.id, byFo(a.id), true, "Not packed yet");
    expect(world.admin.state.fulfillment.fulfillmentOrders[a.id]!.requestStatus).toBe("CANCELLATION_ACCEPTED");
  });

  it("turns the provider's shipment into a Shopify fulfillment whose tracking reaches Wish", async () => {
    const { ctx, provider, link } = await activeLink();
    addOrder(world, { id: "4100", nfe: NFE_KEY, channelOrderId: "wish-3pl" });
    const fo = foAt(world, link.locationId!, { orderId: "gid://shopify/Order/4100", orderName: "#4100" });
    await handleNotification(ctx, link.id, "FULFILLMENT_REQUEST");
    const [order] = await listProviderOrders(ctx, provider.id);
    await expect(shipOrder(ctx, provider.id, order!.id, { number: "1Z999", company: "UPS" })).rejects.toThrow(/Accept the order/);
    await acceptOrder(ctx, provider.id, order!.id);
    const fulfillmentId = await shipOrder(ctx, provider.id, order!.id, { number: "1Z999", company: "UPS" });
    expect(world.admin.callsTo("FulfillmentCreate")[0]!.variables.fulfillment).toMatchObject({
      lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }],
      trackingInfo: { number: "1Z999", company: "UPS" },
    });
    // Shopify then sends fulfillments/create; tracking sync takes it from there.
    const numericId = Number(fulfillmentId.split("/").pop());
    const res = await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: numericId, orderId: 4100, tracking: ["1Z999"], company: "UPS" }));
    expect(res.status).toBe(200);
    await runOutboxOnce();
    expect(world.wish.state.orders.get("wish-3pl")!.trackingUpdates).toBe(1);
  });
});

describe("ending a link", () => {
  it("returns unstarted orders to the merchant, keeps in-progress ones, and deletes the service once they close", async () => {
    const { ctx, provider, link } = await activeLink();
    const requested = foAt(world, link.locationId!);
    const unsubmitted = foAt(world, link.locationId!, { requestStatus: "UNSUBMITTED" });
    const inProgress = foAt(world, link.locationId!);
    await handleNotification(ctx, link.id, "FULFILLMENT_REQUEST");
    const ip = (await listProviderOrders(ctx, provider.id)).find((o) => o.fulfillmentOrderId === inProgress.id)!;
    await acceptOrder(ctx, provider.id, ip.id);

    const first = await endLink(ctx, { shopId: world.shopId }, link.id, { mode: "delete", inventoryAction: "TRANSFER", returnLocationId: MERCHANT_LOCATION });
    expect(first.returned.sort()).toEqual([requested.id, unsubmitted.id].sort());
    expect(first.inProgress).toEqual([inProgress.id]);
    expect(first).toMatchObject({ refused: [], serviceDeleted: false, linkDeleted: false });
    const fos = world.admin.state.fulfillment.fulfillmentOrders;
    expect(fos[requested.id]!.locationId).toBe(MERCHANT_LOCATION);
    expect(fos[unsubmitted.id]!.locationId).toBe(MERCHANT_LOCATION);
    expect(fos[inProgress.id]!.locationId).toBe(link.locationId);
    expect(world.admin.callsTo("FulfillmentServiceDelete")).toHaveLength(0);
    // The provider still sees (and can ship) the in-progress order, and only that one.
    const visible = await listProviderOrders(ctx, provider.id);
    expect(visible.map((o) => o.fulfillmentOrderId)).toEqual([inProgress.id]);
    await shipOrder(ctx, provider.id, ip.id, { number: "TRK1", company: "DHL Express" });

    const second = await endLink(ctx, { shopId: world.shopId }, link.id, { mode: "delete", inventoryAction: "KEEP", returnLocationId: MERCHANT_LOCATION });
    expect(second).toMatchObject({ serviceDeleted: true, linkDeleted: true, inProgress: [] });
    expect(world.admin.callsTo("FulfillmentServiceDelete")[0]!.variables).toEqual({ id: link.fulfillmentServiceId, inventoryAction: "KEEP" });
    expect(await getDb().partnerLink.count({ where: { id: link.id } })).toBe(0);
  });

  it("keeps the service and names the order when Shopify refuses a move", async () => {
    const { ctx, link } = await activeLink();
    const fo = foAt(world, link.locationId!, { requestStatus: "UNSUBMITTED" });
    world.admin.state.fulfillment.refuseMoveTo.add(MERCHANT_LOCATION);
    const result = await endLink(ctx, { shopId: world.shopId }, link.id, { mode: "deactivate", inventoryAction: "TRANSFER", returnLocationId: MERCHANT_LOCATION });
    expect(result.refused).toEqual([{ fulfillmentOrderId: fo.id, reason: "id: The destination location does not stock the items." }]);
    expect(result.serviceDeleted).toBe(false);
    const row = await getDb().partnerLink.findFirstOrThrow({ where: { id: link.id } });
    expect(row.status).toBe("inactive");
    expect(row.lastError).toContain(fo.id);
    expect(world.admin.callsTo("FulfillmentServiceDelete")).toHaveLength(0);
  });

  it("reports an Admin API outage mid-unlink as retryable and leaves the link inactive", async () => {
    const { ctx, link } = await activeLink();
    world.admin.failNext(503, 5);
    await expect(endLink(ctx, { shopId: world.shopId }, link.id, { mode: "deactivate", inventoryAction: "TRANSFER", returnLocationId: MERCHANT_LOCATION })).rejects.toThrow(/run it again/);
    expect((await getDb().partnerLink.findFirstOrThrow({ where: { id: link.id } })).status).toBe("inactive");
  });
});

describe("partner webhooks", () => {
  it("signs order events with the link's secret and retries a failing receiver until it answers", async () => {
    const { ctx, provider, link } = await activeLink();
    world.sink.state.auth = { kind: "hmac", secret: "unused" };
    await updateLinkSettings(ctx, provider.id, link.id, { webhookUrl: `${world.sink.url}${world.sink.path}` });
    foAt(world, link.locationId!);
    await handleNotification(ctx, link.id, "FULFILLMENT_REQUEST");
    world.sink.state.auth = { kind: "none" };
    world.sink.faults.next({ kind: "status", status: 503 });
    expect(await deliverPartnerWebhooks(ctx)).toEqual({ retrying: 1 });
    const msg = await getDb().partnerWebhookMessage.findFirstOrThrow({ where: { linkId: link.id } });
    expect(msg).toMatchObject({ status: "retrying", attempts: 1, lastError: "HTTP 503" });
    // Not due yet: nothing sent.
    expect(await deliverPartnerWebhooks(ctx)).toEqual({});
    const later = capturingContext({ now: () => new Date(Date.now() + 2 * 3_600_000) }).ctx;
    expect(await deliverPartnerWebhooks(later)).toEqual({ delivered: 1 });
    const delivered = world.sink.state.received.at(-1)!;
    const { unseal } = await import("~/lib/secrets.server");
    const row = await getDb().partnerLink.findFirstOrThrow({ where: { id: link.id } });
    const secret = unseal(row.webhookSecret, "partner-link-webhook");
    expect(verifySinkAuth({ kind: "hmac", secret, header: SIGNATURE_HEADER }, delivered.headers, delivered.bodyText)).toBe(true);
    expect(verifySinkAuth({ kind: "hmac", secret: "wrong", header: SIGNATURE_HEADER }, delivered.headers, delivered.bodyText)).toBe(false);
    expect(delivered.body).toMatchObject({ event: "order.created", data: { shop: SHOP, status: "requested", settingsVersion: 2 } });
  });

  it("dead-letters a permanent refusal and replays it on the provider's request", async () => {
    const { ctx, provider, link } = await activeLink();
    await updateLinkSettings(ctx, provider.id, link.id, { webhookUrl: `${world.sink.url}${world.sink.path}` });
    world.sink.state.auth = { kind: "none" };
    foAt(world, link.locationId!);
    await handleNotification(ctx, link.id, "FULFILLMENT_REQUEST");
    world.sink.faults.next({ kind: "status", status: 410 });
    expect(await deliverPartnerWebhooks(ctx)).toEqual({ dead: 1 });
    const msg = await getDb().partnerWebhookMessage.findFirstOrThrow({ where: { linkId: link.id } });
    const stranger = await createProviderRow("Stranger");
    await expect(replayPartnerWebhook(ctx, stranger.id, msg.id)).rejects.toThrow(/not found/);
    await replayPartnerWebhook(ctx, provider.id, msg.id);
    expect(await deliverPartnerWebhooks(ctx)).toEqual({ delivered: 1 });
  });
});

describe("isolation", () => {
  it("never lets another provider or shop see or act on a link's orders", async () => {
    const { ctx, provider, link } = await activeLink();
    foAt(world, link.locationId!);
    await handleNotification(ctx, link.id, "FULFILLMENT_REQUEST");
    const [order] = await listProviderOrders(ctx, provider.id);
    const intruder = await createProviderRow("Intruder");
    expect(await listProviderOrders(ctx, intruder.id)).toEqual([]);
    await expect(acceptOrder(ctx, intruder.id, order!.id)).rejects.toThrow(/not found/);
    await expect(shipOrder(ctx, intruder.id, order!.id, { number: "X", company: "UPS" })).rejects.toThrow(/not found/);
    await expect(updateLinkSettings(ctx, intruder.id, link.id, { webhookUrl: "https://evil.test/h" })).rejects.toThrow(/not found/);
    await expect(endLink(ctx, { shopId: "another-shop-id" }, link.id, { mode: "delete", inventoryAction: "DELETE", returnLocationId: MERCHANT_LOCATION })).rejects.toThrow(/not found/);
    await expect(updateRouting(ctx, "another-shop-id", link.id, { kind: "all" })).rejects.toThrow(/not found/);
    expect(world.admin.callsTo("AcceptFulfillmentRequest")).toHaveLength(0);
  });

  it("shows a provider nothing from a deactivated link except in-progress orders", async () => {
    const { ctx, provider, link } = await activeLink();
    foAt(world, link.locationId!);
    await handleNotification(ctx, link.id, "FULFILLMENT_REQUEST");
    await getDb().partnerLink.updateMany({ where: { id: link.id, shopId: world.shopId }, data: { status: "inactive" } });
    expect(await listProviderOrders(ctx, provider.id)).toEqual([]);
  });
});
