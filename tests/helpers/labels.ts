// Shared setup for the label tests: a shop with a USPS connection that can pay (CRID, MID, EPS account) pointed
// at the USPS fake, open fulfillment orders in the Shopify Admin fake, and a LabelContext wired to both.
import { getDb, type Db } from "~/db.server";
import { carrierRegistry } from "~/carriers/registry.server";
import type { CarrierStateStore } from "~/carriers/connector";
import type { AdminClient } from "~/shopify/admin-operations.server";
import { upsertCarrierConnection } from "~/services/carrier-connections.server";
import type { LabelContext } from "~/services/labels/context.server";
import type { FakeFulfillmentOrder, ShopifyAdminFake } from "../fakes/shopify-admin";

/** An Admin client speaking straight to the fake (no session): what a worker process in a test uses. */
export function directAdmin(url: string): AdminClient {
  return {
    graphql: (query, options) =>
      fetch(`${url}/admin/api/2025-10/graphql.json`, { method: "POST", headers: { "content-type": "application/json", "x-shopify-access-token": "shpat_test" }, body: JSON.stringify({ query, variables: options?.variables ?? {} }) }),
  };
}

/** Carrier state (quota ledger, token) for one test: the process-wide default would carry a 429 pause across tests. */
export function memoryCarrierState(): CarrierStateStore {
  const rows = new Map<string, unknown>();
  return {
    async update(key, fn) {
      const { value, result } = fn(rows.get(key) ?? null);
      rows.set(key, value);
      return result;
    },
    async read(key) {
      return rows.get(key) ?? null;
    },
  };
}

export function labelTestContext(opts: { db?: Db; adminUrl: string; uspsUrl: string; now?: () => Date; sharedState?: CarrierStateStore }): LabelContext {
  const now = opts.now ?? (() => new Date());
  return {
    db: opts.db ?? getDb(),
    adminFor: async () => directAdmin(opts.adminUrl),
    carriers: carrierRegistry,
    carrierDeps: { fetch: (...a) => fetch(...a), now: () => now().getTime(), baseUrls: { usps: opts.uspsUrl }, sharedState: opts.sharedState ?? memoryCarrierState() },
    now,
  };
}

export async function seedLabelShop(domain: string, usps: { clientId: string; clientSecret: string }, settings: Record<string, unknown> = {}, db: Db = getDb()) {
  const shop = await db.shop.create({ data: { domain } });
  await connectUspsLabels(shop.id, usps, settings, db);
  return { id: shop.id, domain };
}

/** A USPS connection that can pay for labels (CRID, MID, EPS account), on an existing shop. */
export async function connectUspsLabels(shopId: string, usps: { clientId: string; clientSecret: string }, settings: Record<string, unknown> = {}, db: Db = getDb()) {
  await upsertCarrierConnection(db, shopId, {
    carrierId: "usps",
    mode: "test",
    status: "connected",
    settings: { mode: "test", crid: "56982563", mid: "902345678", paymentAccount: { type: "EPS", number: "1000000001" }, hourlyQuota: 1000, ...settings },
    secrets: { consumerKey: usps.clientId, consumerSecret: usps.clientSecret },
  });
}

let next = 5000;
export function fulfillmentOrder(over: { street?: string; zip?: string; pounds?: number; shippingCode?: string; paid?: string } = {}): FakeFulfillmentOrder {
  const n = next++;
  return {
    id: `gid://shopify/FulfillmentOrder/${n}`,
    status: "OPEN",
    requestStatus: "UNSUBMITTED",
    order: { id: `gid://shopify/Order/${n}`, name: `#${n}`, sourceName: "web", shippingLine: { code: over.shippingCode ?? "PRIORITY_MAIL", title: "Priority Mail", originalPriceSet: { shopMoney: { amount: over.paid ?? "12.00", currencyCode: "USD" } } } },
    destination: { firstName: "Ada", lastName: `Buyer${n}`, company: null, address1: over.street ?? `${n} Russell Blvd`, address2: null, city: "St Louis", province: "MO", zip: over.zip ?? "63110", countryCode: "US", phone: null, email: "ada@example.com" },
    assignedLocation: { name: "Warehouse", address1: "1 Main St", address2: null, city: "Fredericksburg", province: "VA", zip: "22407", countryCode: "US", phone: null },
    lineItems: { nodes: [{ id: `gid://shopify/FulfillmentOrderLineItem/${n}`, sku: "MUG", productTitle: "Mug", remainingQuantity: 1, weight: { unit: "POUNDS", value: 1.5 } }] },
  };
}

export function addOpenOrders(admin: ShopifyAdminFake, orders: FakeFulfillmentOrder[]) {
  admin.state.fulfillmentOrders.push(...orders);
  return orders;
}

/** An open fulfillment order to a foreign address whose lines carry variant ids and unit prices (customs). */
export function abroadOrder(o: { country: string; city: string; zip: string; province?: string; lines: { variantId: string; title: string; sku: string; quantity: number; price: string; pounds: number }[] }): FakeFulfillmentOrder {
  const base = fulfillmentOrder({ shippingCode: "PRIORITY_MAIL_INTERNATIONAL", paid: "45.00" });
  const n = base.id.split("/").pop();
  return {
    ...base,
    destination: { ...base.destination, address1: `${n} Rue de la Paix`, city: o.city, province: o.province ?? null, zip: o.zip, countryCode: o.country, phone: "+33144270000" },
    lineItems: {
      nodes: o.lines.map((l, i) => ({
        id: `gid://shopify/FulfillmentOrderLineItem/${n}${i}`,
        sku: l.sku,
        productTitle: l.title,
        remainingQuantity: l.quantity,
        weight: { unit: "POUNDS", value: l.pounds },
        variant: { id: l.variantId, inventoryItem: { harmonizedSystemCode: null, countryCodeOfOrigin: null } },
        originalUnitPriceSet: { shopMoney: { amount: l.price, currencyCode: "USD" } },
      })),
    },
  };
}
