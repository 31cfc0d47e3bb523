// The labels half of `npm run demo`: three unfulfilled Wish orders to the US in the fake Admin API, each with an
// open fulfillment order at the demo's US warehouse, so Admin → Labels can buy, print and fulfil them; and a relay
// that plays Shopify's part after fulfillmentCreate / fulfillmentTrackingInfoUpdate: it sends the app the signed
// fulfillments/create or fulfillments/update webhook, so the tracking outbox pushes each USPS number to Wish (the
// "Wish US (demo)" connection), and a re-shipped label's new number replaces the old one. Development tooling only.
import type { ShopifyAdminFake } from "../../tests/fakes/shopify-admin";
import type { WishFake } from "../../tests/fakes/wish";
import { signedWebhookHeaders } from "./demo-tracking";

const WAREHOUSE = { name: "US warehouse", address1: "1 Main St", address2: null, city: "Fredericksburg", province: "VA", zip: "22407", countryCode: "US", phone: null };
const BUYERS = [
  { n: 2001, firstName: "Ada", lastName: "Lovelace", address1: "4401 Russell Blvd", city: "St Louis", province: "MO", zip: "63110", pounds: 1.5, paid: "12.00", service: "PRIORITY_MAIL" },
  { n: 2002, firstName: "Grace", lastName: "Hopper", address1: "1600 Pennsylvania Ave NW", city: "Washington", province: "DC", zip: "20500", pounds: 0.8, paid: "8.95", service: "USPS_GROUND_ADVANTAGE" },
  { n: 2003, firstName: "Katherine", lastName: "Johnson", address1: "350 Fifth Ave", city: "New York", province: "NY", zip: "10118", pounds: 2.2, paid: "11.95", service: "PRIORITY_MAIL" },
];
export const DEMO_LABEL_ORDERS = BUYERS.map((b) => `#${b.n}`);

/** Idempotent: the fake Admin API is in memory, so the orders are added at every start; labels already bought close theirs. */
export async function seedDemoLabels(shopDomain: string, admin: ShopifyAdminFake, wish: WishFake): Promise<string> {
  const { getDb } = await import("../../app/db.server");
  const db = getDb();
  const shop = await db.shop.findUnique({ where: { domain: shopDomain }, select: { id: true } });
  if (!shop) throw new Error(`demo shop ${shopDomain} is missing`);
  const labelled = new Set((await db.label.findMany({ where: { shopId: shop.id, status: { in: ["bought", "fulfilled"] } }, select: { fulfillmentOrderId: true } })).map((l) => l.fulfillmentOrderId));
  for (const b of BUYERS) {
    const orderId = `gid://shopify/Order/${b.n}`;
    const wishOrderId = `wish-demo-${b.n}`;
    admin.state.orders[orderId] = {
      id: orderId,
      name: `#${b.n}`,
      sourceName: "wish",
      tags: [],
      channelInformation: null,
      shippingAddress: { countryCodeV2: "US" },
      customAttributes: [{ key: "channel_order_id", value: wishOrderId }],
      nfe: null,
      channelOrderRef: null,
      lineItems: { nodes: [{ sku: "MUG-1", title: "Enamel Mug", quantity: 1 }] },
    };
    if (!wish.state.orders.has(wishOrderId)) wish.state.addOrder(wishOrderId);
    const foId = `gid://shopify/FulfillmentOrder/${b.n}`;
    admin.state.fulfillmentOrders.push({
      id: foId,
      status: labelled.has(foId) ? "CLOSED" : "OPEN",
      requestStatus: "UNSUBMITTED",
      order: { id: orderId, name: `#${b.n}`, sourceName: "wish", shippingLine: { code: b.service, title: b.service === "PRIORITY_MAIL" ? "USPS Priority Mail" : "USPS Ground Advantage", originalPriceSet: { shopMoney: { amount: b.paid, currencyCode: "USD" } } } },
      destination: { firstName: b.firstName, lastName: b.lastName, company: null, address1: b.address1, address2: null, city: b.city, province: b.province, zip: b.zip, countryCode: "US", phone: null, email: null },
      assignedLocation: WAREHOUSE,
      lineItems: { nodes: [{ id: `gid://shopify/FulfillmentOrderLineItem/${b.n}`, sku: "MUG-1", productTitle: "Enamel Mug", remainingQuantity: 1, weight: { unit: "POUNDS", value: b.pounds } }] },
    });
  }
  const open = BUYERS.length - labelled.size;
  return `${open} unfulfilled order(s) for labels (${DEMO_LABEL_ORDERS.join(", ")})`;
}

/**
 * Plays Shopify's webhook delivery for fulfillments the app creates or changes in the fake Admin API. The webhook
 * id is derived from the fulfillment and its tracking number, so a restart re-sending one is a duplicate.
 */
export function relayFulfillmentWebhooks(opts: { admin: ShopifyAdminFake; appUrl: string; shop: string; secret: string; log: (line: string) => void }): { close(): Promise<void> } {
  const seen = new Map<string, string>();
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      for (const f of opts.admin.state.fulfillments) {
        const tracking = f.trackingInfo[0];
        if (!tracking?.number || f.status !== "SUCCESS" || seen.get(f.id) === tracking.number) continue;
        const fo = opts.admin.state.fulfillmentOrders.find((x) => x.id === f.fulfillmentOrderId);
        if (!fo) continue;
        const topic = seen.has(f.id) ? "fulfillments/update" : "fulfillments/create";
        const fid = Number(f.id.split("/").pop());
        const orderId = Number(fo.order.id.split("/").pop());
        const body = JSON.stringify({
          id: fid,
          order_id: orderId,
          status: "success",
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
          service: "manual",
          name: `${fo.order.name}.1`,
          tracking_company: tracking.company,
          tracking_number: tracking.number,
          tracking_numbers: [tracking.number],
          tracking_url: tracking.url,
          tracking_urls: [tracking.url],
          shipment_status: null,
          line_items: fo.lineItems.nodes.map((l, i) => ({ id: i + 1, sku: l.sku, title: l.productTitle, quantity: l.remainingQuantity })),
          admin_graphql_api_id: f.id,
        });
        const res = await fetch(`${opts.appUrl}/webhooks/${topic}`, {
          method: "POST",
          headers: signedWebhookHeaders(opts.shop, topic, body, opts.secret, `demo-label-${fid}-${tracking.number}`),
          body,
        });
        if (res.ok) {
          seen.set(f.id, tracking.number);
          opts.log(`Shopify (fake) sent ${topic} for ${fo.order.name}: USPS ${tracking.number}`);
        }
      }
    } catch (error) {
      opts.log(`The fulfillment webhook relay failed once: ${String(error)}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), 500);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
    },
  };
}
