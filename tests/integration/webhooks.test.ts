import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { offlineSession, TEST_SHOP, webhookRequest } from "../helpers/shopify";
import { getDb } from "~/db.server";
import { sessionStorage } from "~/shopify.server";
import { action as uninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { action as customersRedact } from "~/routes/webhooks.customers.redact";
import { action as dataRequest } from "~/routes/webhooks.customers.data_request";
import { action as scopesUpdate } from "~/routes/webhooks.app.scopes_update";

const db = useTestDatabase();
const shopBody = { id: 1, name: "Waypost Test", domain: "shop.example.com", myshopify_domain: TEST_SHOP };

type Action = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>;

async function deliver(action: Action, request: Request): Promise<number> {
  try {
    return (await action({ request, params: {}, context: {} })).status;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status; // the library throws Responses for 400/401
    throw thrown;
  }
}

async function seedShop() {
  const shop = await getDb().shop.create({ data: { domain: TEST_SHOP } });
  await sessionStorage.storeSession(offlineSession());
  return shop;
}

beforeAll(async () => {
  await db.ready();
});
beforeEach(async () => {
  await db.reset();
});

const topics: [string, Action, string, unknown][] = [
  ["APP_UNINSTALLED", uninstalled, "/webhooks/app/uninstalled", { id: 1, myshopify_domain: TEST_SHOP }],
  ["SHOP_REDACT", shopRedact, "/webhooks/shop/redact", { shop_id: 1, shop_domain: TEST_SHOP }],
  ["CUSTOMERS_REDACT", customersRedact, "/webhooks/customers/redact", { shop_id: 1, shop_domain: TEST_SHOP, customer: { id: 7 }, orders_to_redact: [] }],
  ["CUSTOMERS_DATA_REQUEST", dataRequest, "/webhooks/customers/data_request", { shop_id: 1, shop_domain: TEST_SHOP, customer: { id: 7 }, orders_requested: [] }],
];

describe("every webhook, including the compliance topics", () => {
  for (const [topic, action, path, body] of topics) {
    it(`answers 401 to ${topic} with a bad HMAC or a tampered body, and changes nothing`, async () => {
      await seedShop();
      expect(await deliver(action, webhookRequest(path, { topic, body, secret: "wrong-secret" }))).toBe(401);
      expect(await deliver(action, webhookRequest(path, { topic, body, tamper: true }))).toBe(401);
      expect(await getDb().webhookReceipt.count()).toBe(0);
      expect(await getDb().shop.count({ where: { active: true } })).toBe(1);
    });

    it(`answers 400 to ${topic} when a required Shopify header is missing`, async () => {
      expect(await deliver(action, webhookRequest(path, { topic, body, omit: ["X-Shopify-Webhook-Id"] }))).toBe(400);
      expect(await deliver(action, webhookRequest(path, { topic, body, omit: ["X-Shopify-Topic"] }))).toBe(400);
    });
  }
});

describe("app/uninstalled", () => {
  it("deactivates the shop and removes its sessions", async () => {
    await seedShop();
    expect(await deliver(uninstalled, webhookRequest("/webhooks/app/uninstalled", { topic: "APP_UNINSTALLED", body: shopBody }))).toBe(200);
    const shop = await getDb().shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
    expect(shop.active).toBe(false);
    expect(shop.uninstalledAt).not.toBeNull();
    expect(await getDb().session.count({ where: { shop: TEST_SHOP } })).toBe(0);
  });

  it("does its work once when Shopify delivers the same webhook twice", async () => {
    await seedShop();
    const first = webhookRequest("/webhooks/app/uninstalled", { topic: "APP_UNINSTALLED", body: shopBody, webhookId: "wh-1" });
    expect(await deliver(uninstalled, first)).toBe(200);
    // The merchant reinstalls; a late retry of the old uninstall must not deactivate the new install.
    await getDb().shop.update({ where: { domain: TEST_SHOP }, data: { active: true, uninstalledAt: null } });
    const retry = webhookRequest("/webhooks/app/uninstalled", { topic: "APP_UNINSTALLED", body: shopBody, webhookId: "wh-1" });
    expect(await deliver(uninstalled, retry)).toBe(200);
    expect((await getDb().shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } })).active).toBe(true);
    expect(await getDb().webhookReceipt.count()).toBe(1);
  });

  it("treats the same event delivered under another webhook id as a duplicate", async () => {
    await seedShop();
    await deliver(uninstalled, webhookRequest("/webhooks/app/uninstalled", { topic: "APP_UNINSTALLED", body: shopBody, webhookId: "a", eventId: "ev-1" }));
    await getDb().shop.update({ where: { domain: TEST_SHOP }, data: { active: true } });
    await deliver(uninstalled, webhookRequest("/webhooks/app/uninstalled", { topic: "APP_UNINSTALLED", body: shopBody, webhookId: "b", eventId: "ev-1" }));
    expect((await getDb().shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } })).active).toBe(true);
  });
});

describe("shop/redact", () => {
  it("deletes every row the shop owns", async () => {
    const shop = await seedShop();
    await getDb().quoteLog.create({ data: { shopId: shop.id, fingerprint: "f", destination: "US", sources: [], rates: [], latencyMs: 3 } });
    await getDb().channelConnection.create({ data: { shopId: shop.id, type: "webhook", name: "Hook", settings: {}, secrets: "x" } });
    await getDb().productShippingData.create({ data: { shopId: shop.id, productId: "1", variantId: "2" } });
    await getDb().complianceRequest.create({ data: { shopDomain: TEST_SHOP, topic: "customers/data_request", payload: {}, summary: {} } });
    expect(await deliver(shopRedact, webhookRequest("/webhooks/shop/redact", { topic: "SHOP_REDACT", body: { shop_id: 1, shop_domain: TEST_SHOP } }))).toBe(200);
    const db = getDb();
    const counts = await Promise.all([db.shop.count(), db.session.count(), db.quoteLog.count(), db.channelConnection.count(), db.productShippingData.count(), db.complianceRequest.count()]);
    expect(counts).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe("customers/redact and customers/data_request", () => {
  it("erases the personal data held for the customer's orders and records the request", async () => {
    const shop = await seedShop();
    const channel = await getDb().channelConnection.create({ data: { shopId: shop.id, type: "webhook", name: "Hook", settings: {}, secrets: "x" } });
    await getDb().webhookReceipt.create({ data: { shopDomain: TEST_SHOP, topic: "FULFILLMENTS_CREATE", webhookId: "f1", orderId: "555", payload: { destination: { name: "Jane Doe", address1: "1 Main St" }, email: "jane@example.com" } } });
    await getDb().outboxMessage.create({ data: { shopId: shop.id, channelId: channel.id, idempotencyKey: "k1", fulfillmentId: "9", orderId: "555", trackingValue: "1Z", payload: { email: "jane@example.com" } } });
    const body = { shop_id: 1, shop_domain: TEST_SHOP, customer: { id: 7, email: "jane@example.com" }, orders_to_redact: [555] };
    expect(await deliver(customersRedact, webhookRequest("/webhooks/customers/redact", { topic: "CUSTOMERS_REDACT", body }))).toBe(200);

    const receipt = await getDb().webhookReceipt.findUniqueOrThrow({ where: { webhookId: "f1" } });
    expect(JSON.stringify(receipt.payload)).not.toContain("jane");
    const message = await getDb().outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "k1" } });
    expect(JSON.stringify(message.payload)).not.toContain("jane");
    expect(message.trackingValue).toBe("1Z"); // what the merchant still needs stays
    const record = await getDb().complianceRequest.findFirstOrThrow({ where: { topic: "customers/redact" } });
    expect(JSON.stringify(record.payload)).not.toContain("jane");
  });

  it("records a data request with a summary of what Waypost holds", async () => {
    await seedShop();
    await getDb().webhookReceipt.create({ data: { shopDomain: TEST_SHOP, topic: "FULFILLMENTS_CREATE", webhookId: "f2", orderId: "777", payload: {} } });
    const body = { shop_id: 1, shop_domain: TEST_SHOP, customer: { id: 7, email: "x@example.com" }, orders_requested: [777], data_request: { id: 1 } };
    expect(await deliver(dataRequest, webhookRequest("/webhooks/customers/data_request", { topic: "CUSTOMERS_DATA_REQUEST", body }))).toBe(200);
    const record = await getDb().complianceRequest.findFirstOrThrow({ where: { topic: "customers/data_request" } });
    expect(record.summary).toMatchObject({ orders: ["777"], webhookPayloads: 1 });
  });

  it("answers 400 to a compliance payload without a customer", async () => {
    await seedShop();
    const body = { shop_id: 1, shop_domain: TEST_SHOP };
    expect(await deliver(customersRedact, webhookRequest("/webhooks/customers/redact", { topic: "CUSTOMERS_REDACT", body }))).toBe(400);
  });
});

describe("app/scopes_update", () => {
  it("stores the new scopes on the shop's session", async () => {
    await seedShop();
    const body = { previous: ["read_orders"], current: ["read_orders", "write_shipping"] };
    expect(await deliver(scopesUpdate, webhookRequest("/webhooks/app/scopes_update", { topic: "APP_SCOPES_UPDATE", body }))).toBe(200);
    expect((await getDb().session.findFirstOrThrow({ where: { shop: TEST_SHOP } })).scope).toBe("read_orders,write_shipping");
  });
});
