// Shared setup for the tracking integration tests: loopback fakes (Shopify Admin, Wish, webhook sink, AfterShip),
// a shop with channel connections and event rules, and helpers that post signed fulfillment webhooks through the
// real routes and drive the outbox worker.
import { afterEach, beforeEach } from "vitest";
import { getDb } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { useTestDatabase } from "../helpers/db";
import { sealJson } from "~/lib/secrets.server";
import { sessionStorage } from "~/shopify.server";
import { action as createAction } from "~/routes/webhooks.fulfillments.create";
import { action as updateAction } from "~/routes/webhooks.fulfillments.update";
import { startShopifyAdminFake, pointShopifyAt, type ShopifyAdminFake } from "../fakes/shopify-admin";
import { startWishFake, type WishFake } from "../fakes/wish";
import { startWebhookSinkFake, type WebhookSinkFake } from "../fakes/webhook-sink";
import { startAfterShipFake, type AfterShipFake } from "../fakes/aftership";
import { offlineSession, webhookRequest } from "../helpers/shopify";

process.env.ALLOW_LOOPBACK_DESTINATIONS = "true";
// env() may have been parsed by an import above, before this line ran.
resetEnvForTests();

export const NFE_KEY = "33150308370779000149550010001100931002410775";
export const NFE_NUMBER = "110093";
export const INTELIPOST_KEY = "intelipost-api-key-0123456789";
export const AFTERSHIP_WEBHOOK_SECRET = "aftership-webhook-secret";
export const SINK_SECRET = "sink-secret-0123456789abcdef";

export interface World {
  shopDomain: string;
  shopId: string;
  admin: ShopifyAdminFake;
  wish: WishFake;
  sink: WebhookSinkFake;
  aftership: AfterShipFake;
  channels: { wish: string; webhook: string; aftership: string };
  close(): Promise<void>;
}

export async function startWorld(shopDomain: string): Promise<World> {
  const admin = await startShopifyAdminFake();
  pointShopifyAt(admin.url);
  const wish = await startWishFake();
  const sink = await startWebhookSinkFake({ auth: { kind: "hmac", secret: SINK_SECRET } });
  const aftership = await startAfterShipFake();
  await sessionStorage.storeSession(offlineSession(shopDomain));
  const db = getDb();
  const shop = await db.shop.create({
    data: {
      domain: shopDomain,
      trackingSettings: { nfeSource: { kind: "metafield", namespace: "br", key: "nfe_key" }, channelOrderId: { kind: "attribute", name: "channel_order_id" }, originCountry: "BR" },
    },
  });
  const tokens = wish.state.issueTokens();
  const wishConn = await db.channelConnection.create({
    data: {
      shopId: shop.id,
      type: "wish",
      name: "Wish",
      settings: { clientId: wish.state.clientId, shippingProvider: "Intelipost", wants: "nfe_number", baseUrl: wish.url },
      secrets: sealJson({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, clientSecret: wish.state.clientSecret }),
    },
  });
  const sinkUrl = new URL(sink.url);
  const hookConn = await db.channelConnection.create({
    data: {
      shopId: shop.id,
      type: "webhook",
      name: "Intelipost webhook",
      settings: { protocol: "http", host: sinkUrl.hostname, port: Number(sinkUrl.port), path: sink.path, auth: { kind: "hmac" }, wants: "tracking_number" },
      secrets: sealJson({ hmacSecret: SINK_SECRET, inboundSecret: INTELIPOST_KEY }),
    },
  });
  const asConn = await db.channelConnection.create({
    data: {
      shopId: shop.id,
      type: "aftership",
      name: "AfterShip",
      settings: { defaultSlug: "intelipost", wants: "tracking_number", baseUrl: aftership.url },
      secrets: sealJson({ apiKey: aftership.state.apiKey, inboundSecret: AFTERSHIP_WEBHOOK_SECRET }),
    },
  });
  await db.eventRule.createMany({
    data: [
      { shopId: shop.id, channelId: wishConn.id, name: "Wish orders", position: 0, orderType: { kind: "all" }, events: "all", salesChannel: "wish" },
      { shopId: shop.id, channelId: hookConn.id, name: "Everything to the webhook", position: 1, orderType: { kind: "all" }, events: "all", salesChannel: "any" },
      { shopId: shop.id, channelId: asConn.id, name: "AfterShip for US", position: 2, orderType: { kind: "tag", tag: "aftership" }, events: ["fulfillment_created", "tracking_changed"], salesChannel: "any" },
    ],
  });
  return {
    shopDomain,
    shopId: shop.id,
    admin,
    wish,
    sink,
    aftership,
    channels: { wish: wishConn.id, webhook: hookConn.id, aftership: asConn.id },
    async close() {
      await Promise.all([admin.close(), wish.close(), sink.close(), aftership.close()]);
    },
  };
}

/**
 * For a test file: a private database, and a fresh world (shop, channels, fakes) before every test.
 * The returned object always points at the current test's world.
 */
export function useTrackingWorld(shopDomain: string): World {
  const db = useTestDatabase();
  let current: World | undefined;
  beforeEach(async () => {
    await db.reset();
    current = await startWorld(shopDomain);
  });
  afterEach(async () => {
    await current?.close();
  });
  return new Proxy({} as World, {
    get: (_target, prop) => {
      if (!current) throw new Error("the tracking world exists only inside tests and hooks");
      return Reflect.get(current, prop);
    },
  });
}

export interface OrderSpec {
  id: string;
  name?: string;
  sourceName?: string;
  nfe?: string | null;
  channelOrderId?: string | null;
  country?: string;
  tags?: string[];
}

export function addOrder(world: World, o: OrderSpec) {
  world.admin.state.orders[`gid://shopify/Order/${o.id}`] = {
    id: `gid://shopify/Order/${o.id}`,
    name: o.name ?? `#${o.id}`,
    sourceName: o.sourceName ?? "wish",
    tags: o.tags ?? [],
    channelInformation: null,
    shippingAddress: { countryCodeV2: o.country ?? "BR" },
    customAttributes: o.channelOrderId ? [{ key: "channel_order_id", value: o.channelOrderId }] : [],
    nfe: o.nfe ? { value: o.nfe } : null,
    channelOrderRef: null,
    lineItems: { nodes: [{ sku: "TSHIRT-M", title: "T-shirt", quantity: 2 }] },
  };
  if (o.channelOrderId && !world.wish.state.orders.has(o.channelOrderId)) world.wish.state.addOrder(o.channelOrderId);
}

export interface FulfillmentSpec {
  id: number;
  orderId: number;
  tracking?: string[];
  company?: string;
  status?: string;
  shipmentStatus?: string | null;
}

export function fulfillment(f: FulfillmentSpec) {
  return {
    id: f.id,
    order_id: f.orderId,
    status: f.status ?? "success",
    created_at: "2025-06-01T12:00:00-03:00",
    updated_at: "2025-06-01T12:00:00-03:00",
    service: "manual",
    name: `#${f.orderId}.1`,
    tracking_company: f.company ?? "Correios",
    tracking_number: f.tracking?.[0] ?? null,
    tracking_numbers: f.tracking ?? [],
    tracking_url: f.tracking?.[0] ? `https://rastreamento.correios.com.br/?objeto=${f.tracking[0]}` : null,
    tracking_urls: [],
    shipment_status: f.shipmentStatus ?? null,
    line_items: [{ id: 1, sku: "TSHIRT-M", title: "T-shirt", quantity: 2 }],
    admin_graphql_api_id: `gid://shopify/Fulfillment/${f.id}`,
  };
}

export async function postWebhook(
  shop: string,
  topic: "fulfillments/create" | "fulfillments/update",
  body: unknown,
  opts: { webhookId?: string; eventId?: string; tamper?: boolean; omit?: string[] } = {},
): Promise<Response> {
  const path = topic === "fulfillments/create" ? "/webhooks/fulfillments/create" : "/webhooks/fulfillments/update";
  const request = webhookRequest(path, { topic, shop, body, ...opts });
  const act = topic === "fulfillments/create" ? createAction : updateAction;
  try {
    return await act({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export const minutes = (n: number) => n * 60_000;
export const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
