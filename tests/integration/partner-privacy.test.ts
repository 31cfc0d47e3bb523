// Privacy of 3PL links: a merchant's shop/redact (the real, signed webhook) removes the shop from every provider's
// view, invitations included; a provider deleting its account ends its links on Shopify first (unstarted orders go
// back to the merchant) and then removes everything that names it, and refuses while orders are in progress.
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { deleteProviderAccount } from "~/services/partners/account-deletion.server";
import { acceptInvitation, inviteProvider, inviteShop, providerInvitations } from "~/services/partners/invitations.server";
import { recordShopEmails } from "~/services/partners/shop-emails.server";
import { approvePendingLink, providerLinks, updateLinkSettings } from "~/services/partners/links.server";
import { acceptOrder, handleNotification, listProviderOrders } from "~/services/partners/orders.server";
import { deliverPartnerWebhooks } from "~/services/partners/webhook-delivery.server";
import { webhookRequest } from "../helpers/shopify";
import { capturingContext, createProviderRow, foAt } from "./partners-world";
import { useTrackingWorld } from "./tracking-world";

const SHOP = "partner-privacy.myshopify.com";
const world = useTrackingWorld(SHOP);
const MERCHANT_LOCATION = "gid://shopify/Location/1";

async function linkedProvider(email?: string) {
  const { ctx } = capturingContext();
  const provider = await createProviderRow("Private 3PL", email);
  await inviteProvider(ctx, world.shopId, { by: "partner_id", value: provider.publicId });
  const pending = await getDb().partnerLink.findFirstOrThrow({ where: { shopId: world.shopId, providerId: provider.id } });
  const link = await approvePendingLink(ctx, { providerId: provider.id }, pending.id);
  await updateLinkSettings(ctx, provider.id, link.id, { webhookUrl: `${world.sink.url}${world.sink.path}` });
  foAt(world, link.locationId!);
  await handleNotification(ctx, link.id, "FULFILLMENT_REQUEST");
  // One delivery, so the message has an entry in its attempt log.
  world.sink.state.auth = { kind: "none" };
  await deliverPartnerWebhooks(ctx);
  return { ctx, provider, link };
}

async function providerView(ctx: ReturnType<typeof capturingContext>["ctx"], providerId: string) {
  const invitations = await providerInvitations(ctx, providerId);
  return {
    links: (await providerLinks(ctx, providerId)).length,
    orders: (await listProviderOrders(ctx, providerId)).length,
    received: invitations.received.length,
    sent: invitations.sent.length,
    webhooks: await getDb().partnerWebhookMessage.count({ where: { link: { providerId } } }),
    attempts: await getDb().partnerWebhookAttempt.count({ where: { message: { link: { providerId } } } }),
  };
}

describe("shop/redact and 3PL providers", () => {
  it("removes the shop's links, orders, webhooks and invitations from the provider's view, and only that shop's", async () => {
    const { ctx, provider } = await linkedProvider();
    // Pending invitations both ways: the shop invited the provider again by email, the provider invited the shop.
    await inviteProvider(ctx, world.shopId, { by: "email", value: provider.email });
    await inviteShop(ctx, provider.id, { by: "shop_domain", value: SHOP });
    await inviteShop(ctx, provider.id, { by: "shop_domain", value: "someone-else.myshopify.com" });
    expect(await providerView(ctx, provider.id)).toEqual({ links: 1, orders: 1, received: 1, sent: 2, webhooks: 1, attempts: 1 });

    const request = webhookRequest("/webhooks/shop/redact", { topic: "shop/redact", shop: SHOP, body: { shop_id: 1, shop_domain: SHOP } });
    expect((await shopRedact({ request, params: {}, context: {} })).status).toBe(200);

    // The invitation to another shop is the provider's own business and stays.
    expect(await providerView(ctx, provider.id)).toEqual({ links: 0, orders: 0, received: 0, sent: 1, webhooks: 0, attempts: 0 });
    expect(await getDb().partnerWebhookAttempt.count({ where: { shopId: world.shopId } })).toBe(0);
    expect(await getDb().invitation.count({ where: { OR: [{ shopId: world.shopId }, { targetValue: SHOP }] } })).toBe(0);
    expect(await getDb().provider.count({ where: { id: provider.id } })).toBe(1);
  });
});

describe("shop/redact and invitations sent by email", () => {
  const OWNER = "owner@partner-privacy.test";
  const redact = async () => {
    const request = webhookRequest("/webhooks/shop/redact", { topic: "shop/redact", shop: SHOP, body: { shop_id: 1, shop_domain: SHOP } });
    expect((await shopRedact({ request, params: {}, context: {} })).status).toBe(200);
  };
  const invitationsTo = (email: string) => getDb().invitation.count({ where: { targetKind: "email", targetValue: email } });

  it("deletes a provider's invitation to the owner's email Waypost read from Shopify at install, and no one else's", async () => {
    const { ctx } = capturingContext();
    world.admin.state.shop.email = OWNER;
    await recordShopEmails(getDb(), SHOP, await ctx.adminFor(SHOP));
    const provider = await createProviderRow("Mailing 3PL");
    await inviteShop(ctx, provider.id, { by: "email", value: OWNER });
    await inviteShop(ctx, provider.id, { by: "email", value: "owner@another-shop.test" });

    await redact();

    expect(await invitationsTo(OWNER)).toBe(0);
    expect(await invitationsTo("owner@another-shop.test")).toBe(1);
    expect(await getDb().shopEmail.count({ where: { email: OWNER } })).toBe(0);
  });

  it("keeps it while another shop still installed knows the same owner email", async () => {
    const { ctx } = capturingContext();
    world.admin.state.shop.email = OWNER;
    await recordShopEmails(getDb(), SHOP, await ctx.adminFor(SHOP));
    const sibling = await getDb().shop.create({ data: { domain: "partner-privacy-sibling.myshopify.com", emails: { create: { email: OWNER, source: "shop" } } } });
    const provider = await createProviderRow("Patient 3PL");
    await inviteShop(ctx, provider.id, { by: "email", value: OWNER });

    await redact();

    expect(await invitationsTo(OWNER)).toBe(1);
    await getDb().shop.deleteMany({ where: { id: sibling.id } });
  });

  it("deletes an emailed invitation the shop accepted, by the shop it was accepted for", async () => {
    const { ctx } = capturingContext();
    const provider = await createProviderRow("Accepted 3PL");
    const inv = await inviteShop(ctx, provider.id, { by: "email", value: "staff@partner-privacy.test" });
    await acceptInvitation(ctx, inv.token, { kind: "shop", shopId: world.shopId, domain: SHOP, email: "staff@partner-privacy.test" });
    expect(await getDb().invitation.findUniqueOrThrow({ where: { id: inv.id } })).toMatchObject({ shopId: world.shopId });

    await redact();

    expect(await getDb().invitation.count({ where: { id: inv.id } })).toBe(0);
  });
});

describe("a provider deleting its account", () => {
  it("insists on the account email as confirmation and deletes nothing without it", async () => {
    const { ctx, provider } = await linkedProvider("ops@careful.test");
    await expect(deleteProviderAccount(ctx, provider.id, { confirmEmail: "ops@other.test", signedInEmail: provider.email })).rejects.toMatchObject({ status: 422 });
    expect(await getDb().partnerLink.count({ where: { providerId: provider.id } })).toBe(1);
    expect(world.admin.callsTo("FulfillmentServiceDelete")).toHaveLength(0);
  });

  it("returns unstarted orders to the merchant, removes the fulfillment service, then every row that names the provider", async () => {
    const { ctx, provider, link } = await linkedProvider("ops@leaving.test");
    const other = await createProviderRow("Staying 3PL");
    await inviteShop(ctx, provider.id, { by: "email", value: "owner@shop.test" });
    await inviteProvider(ctx, world.shopId, { by: "email", value: "ops@leaving.test" });
    await getDb().partnerLink.updateMany({ where: { id: link.id, shopId: world.shopId }, data: { returnLocationId: MERCHANT_LOCATION } });
    const [order] = await listProviderOrders(ctx, provider.id);

    await deleteProviderAccount(ctx, provider.id, { confirmEmail: " OPS@leaving.test ", signedInEmail: provider.email });

    expect(world.admin.state.fulfillment.fulfillmentOrders[order!.fulfillmentOrderId]).toMatchObject({ locationId: MERCHANT_LOCATION, requestStatus: "UNSUBMITTED" });
    expect(world.admin.callsTo("FulfillmentServiceDelete")).toHaveLength(1);
    const db = getDb();
    expect(await db.provider.count({ where: { id: provider.id } })).toBe(0);
    expect(await db.partnerLink.count({ where: { providerId: provider.id } })).toBe(0);
    expect(await db.partnerOrder.count({ where: { providerId: provider.id } })).toBe(0);
    expect(await db.partnerWebhookMessage.count({ where: { linkId: link.id } })).toBe(0);
    expect(await db.partnerWebhookAttempt.count({ where: { message: { linkId: link.id } } })).toBe(0);
    expect(await db.partnerWebhookAttempt.count({ where: { shopId: world.shopId } })).toBe(0);
    expect(await db.providerUser.count({ where: { providerId: provider.id } })).toBe(0);
    expect(await db.invitation.count({ where: { OR: [{ providerId: provider.id }, { targetValue: "ops@leaving.test" }] } })).toBe(0);
    expect(await db.provider.count({ where: { id: other.id } })).toBe(1);
  });

  it("refuses while a shop still has orders in progress with the provider, naming the shop, and keeps everything", async () => {
    const { ctx, provider, link } = await linkedProvider("ops@busy.test");
    await getDb().partnerLink.updateMany({ where: { id: link.id, shopId: world.shopId }, data: { returnLocationId: MERCHANT_LOCATION } });
    const [order] = await listProviderOrders(ctx, provider.id);
    await acceptOrder(ctx, provider.id, order!.id);
    await expect(deleteProviderAccount(ctx, provider.id, { confirmEmail: "ops@busy.test", signedInEmail: provider.email })).rejects.toThrow(
      new RegExp(`not deleted.*${SHOP}: 1 order\\(s\\) in progress`),
    );
    expect(await getDb().provider.count({ where: { id: provider.id } })).toBe(1);
    expect(await getDb().partnerOrder.count({ where: { providerId: provider.id } })).toBe(1);
    expect(world.admin.callsTo("FulfillmentServiceDelete")).toHaveLength(0);
  });

  it("deletes links to an uninstalled shop without calling Shopify", async () => {
    const { ctx, provider } = await linkedProvider("ops@quiet.test");
    await getDb().shop.updateMany({ where: { id: world.shopId }, data: { active: false } });
    const before = world.admin.calls.length;
    await deleteProviderAccount(ctx, provider.id, { confirmEmail: "ops@quiet.test", signedInEmail: provider.email });
    expect(world.admin.calls.length).toBe(before);
    expect(await getDb().partnerLink.count({ where: { shopId: world.shopId } })).toBe(0);
  });
});
