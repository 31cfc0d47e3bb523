// The tracking half of `npm run demo`: a fake Wish and a webhook destination as the shop's channels, event
// rules, and a Brazilian order whose NF-e key is in its metafield. Fulfilling it (a signed fulfillments/create
// webhook, sent once at start and printable as a curl) pushes the NF-e number to Wish and the full payload to the
// webhook destination; /app/deliveries shows both. Development tooling only.
import crypto from "node:crypto";
import { startWishFake, type WishFake } from "../../tests/fakes/wish";
import { startWebhookSinkFake, type WebhookSinkFake } from "../../tests/fakes/webhook-sink";
import type { ShopifyAdminFake } from "../../tests/fakes/shopify-admin";

export const DEMO_NFE_KEY = "33150308370779000149550010001100931002410775"; // a published key; NF-e number 110093
const ORDER_ID = 1001;
const WISH_ORDER_ID = "wish-demo-1001";
const SINK_SECRET = "waypost-demo-webhook-secret";

export interface DemoTracking {
  wish: WishFake;
  sink: WebhookSinkFake;
  fulfillmentBody(fulfillmentId: number, tracking: string): string;
  close(): Promise<void>;
}

export async function seedDemoTracking(shopDomain: string, admin: ShopifyAdminFake): Promise<DemoTracking> {
  const { getDb } = await import("../../app/db.server");
  const { sealJson } = await import("../../app/lib/secrets.server");
  const db = getDb();
  const wish = await startWishFake();
  const sink = await startWebhookSinkFake({ auth: { kind: "hmac", secret: SINK_SECRET } });
  const shop = await db.shop.update({
    where: { domain: shopDomain },
    data: { trackingSettings: { nfeSource: { kind: "metafield", namespace: "br", key: "nfe_key" }, channelOrderId: { kind: "attribute", name: "channel_order_id" }, originCountry: "BR" } },
  });

  // The fakes listen on new ports and issue new tokens at every start, so the connections are refreshed each time.
  const tokens = wish.state.issueTokens();
  const sinkUrl = new URL(sink.url);
  type OrderType = { kind: "all" | "domestic" | "international" };
  const connections: { type: string; name: string; settings: Record<string, unknown>; secrets: Record<string, string>; rule: { name: string; salesChannel: string; orderType: OrderType } }[] = [
    {
      type: "wish",
      name: "Wish (demo)",
      settings: { clientId: wish.state.clientId, shippingProvider: "Intelipost", wants: "nfe_number", baseUrl: wish.url },
      secrets: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, clientSecret: wish.state.clientSecret },
      // Brazilian orders (the shop's origin is BR) carry an NF-e; the US orders shipped with USPS labels do not.
      rule: { name: "Wish orders", salesChannel: "wish", orderType: { kind: "domestic" } },
    },
    {
      type: "wish",
      name: "Wish US (demo)",
      settings: { clientId: wish.state.clientId, shippingProvider: "USPS", wants: "tracking_number", baseUrl: wish.url },
      secrets: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, clientSecret: wish.state.clientSecret },
      rule: { name: "Wish orders shipped abroad (USPS labels)", salesChannel: "wish", orderType: { kind: "international" } },
    },
    {
      type: "webhook",
      name: "Intelipost-style webhook (demo)",
      settings: { protocol: "http", host: sinkUrl.hostname, port: Number(sinkUrl.port), path: sink.path, auth: { kind: "hmac" }, wants: "tracking_number" },
      secrets: { hmacSecret: SINK_SECRET },
      rule: { name: "Every event to the webhook", salesChannel: "any", orderType: { kind: "all" } },
    },
  ];
  for (const [position, c] of connections.entries()) {
    const existing = await db.channelConnection.findFirst({ where: { shopId: shop.id, name: c.name } });
    const data = { settings: c.settings as never, secrets: sealJson(c.secrets), status: "connected" };
    const conn = existing
      ? await db.channelConnection.update({ where: { id: existing.id }, data })
      : await db.channelConnection.create({ data: { shopId: shop.id, type: c.type, name: c.name, ...data } });
    if ((await db.eventRule.count({ where: { channelId: conn.id } })) === 0) {
      await db.eventRule.create({ data: { shopId: shop.id, channelId: conn.id, name: c.rule.name, position, orderType: c.rule.orderType, events: "all", salesChannel: c.rule.salesChannel } });
    } else {
      // Demo databases seeded before the US Wish connection had "all" here: the seeded rule keeps its scope.
      await db.eventRule.updateMany({ where: { shopId: shop.id, channelId: conn.id, name: c.rule.name }, data: { orderType: c.rule.orderType } });
    }
  }

  admin.state.orders[`gid://shopify/Order/${ORDER_ID}`] = {
    id: `gid://shopify/Order/${ORDER_ID}`,
    name: `#${ORDER_ID}`,
    sourceName: "wish",
    tags: [],
    channelInformation: null,
    shippingAddress: { countryCodeV2: "BR" },
    customAttributes: [{ key: "channel_order_id", value: WISH_ORDER_ID }],
    nfe: { value: DEMO_NFE_KEY },
    channelOrderRef: null,
    lineItems: { nodes: [{ sku: "TS-1", title: "Short Sleeve T-Shirt", quantity: 2 }] },
  };
  wish.state.addOrder(WISH_ORDER_ID);

  return {
    wish,
    sink,
    fulfillmentBody: (fulfillmentId, tracking) =>
      JSON.stringify({
        id: fulfillmentId,
        order_id: ORDER_ID,
        status: "success",
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
        service: "manual",
        name: `#${ORDER_ID}.1`,
        tracking_company: "Correios",
        tracking_number: tracking,
        tracking_numbers: [tracking],
        tracking_url: `https://rastreamento.correios.com.br/?objeto=${tracking}`,
        tracking_urls: [],
        shipment_status: null,
        line_items: [{ id: 1, sku: "TS-1", title: "Short Sleeve T-Shirt", quantity: 2 }],
        admin_graphql_api_id: `gid://shopify/Fulfillment/${fulfillmentId}`,
      }),
    close: async () => {
      await Promise.all([wish.close(), sink.close()]);
    },
  };
}

export function signedWebhookHeaders(shop: string, topic: string, body: string, secret: string, webhookId: string) {
  return {
    "Content-Type": "application/json",
    "X-Shopify-Topic": topic,
    "X-Shopify-Shop-Domain": shop,
    "X-Shopify-Hmac-Sha256": crypto.createHmac("sha256", secret).update(body).digest("base64"),
    "X-Shopify-Webhook-Id": webhookId,
    "X-Shopify-API-Version": "2025-10",
  };
}

export function fulfillmentCurl(baseUrl: string, shop: string, body: string, secret: string) {
  const headers = signedWebhookHeaders(shop, "fulfillments/create", body, secret, `demo-${crypto.randomUUID()}`);
  return [
    `curl -sS -i -X POST '${baseUrl}/webhooks/fulfillments/create' \\`,
    ...Object.entries(headers).map(([k, v]) => `  -H '${k}: ${v}' \\`),
    `  --data-binary '${body}'`,
  ].join("\n");
}
