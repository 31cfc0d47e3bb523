// The 3PL half of `npm run demo`: a provider account "Demo 3PL" (portal login printed by the demo) actively linked
// to the demo shop, its fulfillment service and location in the fake Admin API, and two orders Shopify routed to it
// (#1002 sold on Wish, #1003 a US web order). When the provider ships, the fake does what Shopify does after
// fulfillmentCreate: it sends the app a signed fulfillments/create webhook, so tracking sync pushes the shipment to
// Wish. Idempotent across restarts: the database keeps the link and orders, the fake (empty at every start) is
// given them again in the state the database says. Development tooling only.
import { randomBytes } from "node:crypto";
import { addFulfillmentOrder, type FakeFulfillmentOrder } from "../../tests/fakes/shopify-fulfillment";
import type { ShopifyAdminFake } from "../../tests/fakes/shopify-admin";
import type { WishFake } from "../../tests/fakes/wish";
import { DEMO_NFE_KEY, signedWebhookHeaders } from "./demo-tracking";

export const DEMO_3PL = { name: "Demo 3PL", email: "3pl@waypost-demo.test", password: "demo-3pl-password", publicId: "P-DEMO3PL1" };
const SERVICE_ID = "gid://shopify/FulfillmentService/900";
const LOCATION_ID = "gid://shopify/Location/900";

const DEMO_ORDERS = [
  { n: 1002, wishOrderId: "wish-demo-1002", sku: "MUG", title: "Ceramic Mug", quantity: 1, country: "BR", city: "São Paulo", zip: "01310-100", province: "SP", name: ["Ana", "Souza"] },
  { n: 1003, wishOrderId: null, sku: "COAT-L", title: "Winter Coat", quantity: 1, country: "US", city: "Denver", zip: "80202", province: "CO", name: ["Sam", "Lee"] },
] as const;

const foId = (n: number) => `gid://shopify/FulfillmentOrder/9${n}`;

export interface DemoPartnersInput {
  shopDomain: string;
  admin: ShopifyAdminFake;
  wish: WishFake;
  appUrl: string;
  apiSecret: string;
  /** Where the running server answers (known only once it listens); the fake's webhooks go there. */
  serverUrl: () => string | null;
  log: (line: string) => void;
}

export async function seedDemoPartners(input: DemoPartnersInput): Promise<string> {
  const { getDb } = await import("../../app/db.server");
  const { hashPassword } = await import("../../app/services/partners/portal-auth.server");
  const { sealLinkSecret } = await import("../../app/services/partners/links.server");
  const { LinkSettingsSchema } = await import("../../app/domain/partners/link-settings");
  const db = getDb();
  const shop = await db.shop.findUniqueOrThrow({ where: { domain: input.shopDomain }, select: { id: true } });

  const provider = await db.provider.upsert({ where: { email: DEMO_3PL.email }, create: { name: DEMO_3PL.name, email: DEMO_3PL.email, publicId: DEMO_3PL.publicId }, update: {} });
  if (!(await db.providerUser.findUnique({ where: { email: DEMO_3PL.email } }))) {
    await db.providerUser.create({ data: { providerId: provider.id, email: DEMO_3PL.email, passwordHash: await hashPassword(DEMO_3PL.password) } });
  }
  const existing = await db.partnerLink.findUnique({ where: { shopId_providerId: { shopId: shop.id, providerId: provider.id } } });
  // The demo always starts with the link active on its service (a merchant who ended it in a previous run gets it back).
  const active = { status: "active", pendingOn: null, fulfillmentServiceId: SERVICE_ID, locationId: LOCATION_ID, lastError: null };
  const link = existing
    ? (await db.partnerLink.updateMany({ where: { id: existing.id, shopId: shop.id }, data: active }), existing)
    : await db.partnerLink.create({
        data: { shopId: shop.id, providerId: provider.id, settings: LinkSettingsSchema.parse({ carriers: ["UPS", "DHL Express"] }), routing: { kind: "all" }, webhookSecret: sealLinkSecret(randomBytes(32).toString("base64url")), ...active },
      });

  const fake = input.admin.state.fulfillment;
  fake.services.push({ id: SERVICE_ID, serviceName: `${DEMO_3PL.name} (Waypost)`, callbackUrl: `${input.appUrl}/fulfillment_service/${link.id}`, locationId: LOCATION_ID });
  fake.locations.push({ id: LOCATION_ID, name: `${DEMO_3PL.name} (Waypost)` });

  for (const o of DEMO_ORDERS) {
    const orderGid = `gid://shopify/Order/${o.n}`;
    input.admin.state.orders[orderGid] = {
      id: orderGid,
      name: `#${o.n}`,
      sourceName: o.wishOrderId ? "wish" : "web",
      tags: [],
      channelInformation: null,
      shippingAddress: { countryCodeV2: o.country },
      customAttributes: o.wishOrderId ? [{ key: "channel_order_id", value: o.wishOrderId }] : [],
      nfe: o.wishOrderId ? { value: DEMO_NFE_KEY } : null,
      channelOrderRef: null,
      lineItems: { nodes: [{ sku: o.sku, title: o.title, quantity: o.quantity }] },
    };
    if (o.wishOrderId) input.wish.state.addOrder(o.wishOrderId);
    const stored = await db.partnerOrder.findUnique({ where: { shopId_fulfillmentOrderId: { shopId: shop.id, fulfillmentOrderId: foId(o.n) } } });
    const fo = addFulfillmentOrder(fake, LOCATION_ID, {
      id: foId(o.n),
      orderId: orderGid,
      orderName: `#${o.n}`,
      destination: { firstName: o.name[0], lastName: o.name[1], company: null, address1: "1 Demo Street", address2: null, city: o.city, province: o.province, zip: o.zip, countryCode: o.country, phone: null, email: null },
      lineItems: [{ id: `gid://shopify/FulfillmentOrderLineItem/9${o.n}`, sku: o.sku, productTitle: o.title, totalQuantity: o.quantity, remainingQuantity: o.quantity }],
      ...fakeStateFor(stored?.status),
    });
    if (!stored) {
      await db.partnerOrder.create({
        data: {
          shopId: shop.id,
          providerId: provider.id,
          linkId: link.id,
          fulfillmentOrderId: fo.id,
          orderId: orderGid,
          orderName: `#${o.n}`,
          settingsVersion: link.settingsVersion,
          details: { lines: [{ id: fo.lineItems[0]!.id, sku: o.sku, title: o.title, quantity: o.quantity }], destination: fo.destination, service: "Standard" } as never,
        },
      });
    }
  }
  sendFulfillmentWebhooks(input);
  return `provider "${DEMO_3PL.name}" linked, ${DEMO_ORDERS.length} orders routed to it`;
}

/** The fake's fulfillment order in the state the stored partner order says (the fake starts empty every run). */
function fakeStateFor(status: string | undefined): Partial<FakeFulfillmentOrder> {
  if (status === "accepted") return { status: "IN_PROGRESS", requestStatus: "ACCEPTED" };
  if (status === "shipped" || status === "cancelled") return { status: "CLOSED", requestStatus: "CLOSED" };
  if (status === "rejected" || status === "returned") return { requestStatus: "REJECTED" };
  return {};
}

/** After a fulfillment is created, Shopify sends fulfillments/create; the fake does the same for the demo. */
function sendFulfillmentWebhooks(input: DemoPartnersInput) {
  const create = input.admin.handlers.FulfillmentCreate!;
  input.admin.handlers.FulfillmentCreate = (variables, state) => {
    const out = create(variables, state) as { fulfillmentCreate: { fulfillment: { id: string } | null } };
    const created = out.fulfillmentCreate.fulfillment;
    const base = input.serverUrl();
    const foIds = ((variables.fulfillment?.lineItemsByFulfillmentOrder ?? []) as { fulfillmentOrderId: string }[]).map((x) => x.fulfillmentOrderId);
    const fo = foIds.length ? state.fulfillment.fulfillmentOrders[foIds[0]!] : undefined;
    if (created && base && fo) {
      const tracking = (variables.fulfillment?.trackingInfo ?? {}) as { number?: string; company?: string; url?: string };
      const id = Number(created.id.split("/").pop());
      const body = JSON.stringify({
        id,
        order_id: Number(fo.orderId.split("/").pop()),
        status: "success",
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
        service: "manual",
        name: `${fo.orderName}.1`,
        tracking_company: tracking.company ?? null,
        tracking_number: tracking.number ?? null,
        tracking_numbers: tracking.number ? [tracking.number] : [],
        tracking_url: tracking.url ?? null,
        tracking_urls: [],
        shipment_status: null,
        line_items: fo.lineItems.map((l, i) => ({ id: i + 1, sku: l.sku, title: l.productTitle, quantity: l.totalQuantity })),
        admin_graphql_api_id: created.id,
      });
      // Shopify sends it after answering the mutation, not inside it.
      setTimeout(() => {
        fetch(`${base}/webhooks/fulfillments/create`, { method: "POST", headers: signedWebhookHeaders(input.shopDomain, "fulfillments/create", body, input.apiSecret, `demo-3pl-${id}`), body })
          .then((r) => input.log(`Shopify (fake) sent fulfillments/create for ${fo.orderName}: HTTP ${r.status}`))
          .catch((error: unknown) => input.log(`The fulfillments/create webhook for ${fo.orderName} failed: ${String(error)}`));
      }, 50).unref();
    }
    return out;
  };
}
