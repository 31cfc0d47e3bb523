// A loopback fake of the Shopify Admin API: GraphQL operations matched by operation name and recorded for
// assertions, plus token exchange. Used by integration tests, browser tests and `npm run demo`.
import http from "node:http";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { fulfillmentHandlers, initialFulfillmentState, type FakeFulfillmentState } from "./shopify-fulfillment";

export interface RecordedCall {
  operation: string;
  variables: Record<string, unknown>;
  accessToken: string | null;
  path: string;
}

type Handler = (variables: Record<string, any>, state: FakeShopState) => unknown;

export interface FakeShopState {
  carrierServices: { id: string; name: string; callbackUrl: string; active: boolean; supportsServiceDiscovery: boolean }[];
  /** When set, carrierServiceCreate answers with these userErrors (e.g. the plan does not allow it). */
  refuseCarrierService: { field: string[] | null; message: string }[] | null;
  orders: Record<string, unknown>;
  fulfillmentEvents: { fulfillmentId: string; status: string; happenedAt?: string; message?: string }[];
  /** Variants weigh `grams`, shown to the merchant in `weightUnit` (GRAMS when absent); `grams: null` is no weight. */
  products: { id: string; title: string; variants: { id: string; title: string; sku: string | null; grams: number | null; weightUnit?: ShopifyWeightUnit }[] }[];
  /** The shop's unit system and weight unit (Shop.unitSystem, Shop.weightUnit). */
  shop: { unitSystem: "IMPERIAL_SYSTEM" | "METRIC_SYSTEM"; weightUnit: ShopifyWeightUnit; email?: string; contactEmail?: string };
  /** Fulfillment orders in the Admin API's shape (OpenFulfillmentOrders answers the OPEN, UNSUBMITTED ones). */
  fulfillmentOrders: FakeFulfillmentOrder[];
  fulfillments: { id: string; fulfillmentOrderId: string; status: "SUCCESS" | "CANCELLED"; trackingInfo: { number: string; url: string; company: string }[]; notifyCustomer: boolean }[];
  nextId: number;
  /** Fulfillment services, their locations and fulfillment orders (3PL partners). */
  fulfillment: FakeFulfillmentState;
}

type ShopifyWeightUnit = "GRAMS" | "KILOGRAMS" | "OUNCES" | "POUNDS";
const GRAMS_PER_UNIT: Record<ShopifyWeightUnit, number> = { GRAMS: 1, KILOGRAMS: 1000, OUNCES: 28.349523125, POUNDS: 453.59237 };

export interface FakeFulfillmentOrder {
  id: string;
  status: string;
  requestStatus: string;
  order: { id: string; name: string; sourceName?: string | null; shippingLine?: { code: string | null; title: string; originalPriceSet: { shopMoney: { amount: string; currencyCode: string } } } | null };
  destination: Record<string, string | null> | null;
  assignedLocation: Record<string, string | null> & { countryCode: string };
  lineItems: {
    nodes: {
      id: string;
      sku: string | null;
      productTitle: string;
      remainingQuantity: number;
      weight: { unit: string; value: number } | null;
      variant?: { id: string; inventoryItem?: { harmonizedSystemCode: string | null; countryCodeOfOrigin: string | null } | null } | null;
      originalUnitPriceSet?: { shopMoney: { amount: string; currencyCode: string } };
    }[];
  };
}

export function initialState(): FakeShopState {
  return {
    carrierServices: [],
    refuseCarrierService: null,
    orders: {},
    fulfillmentEvents: [],
    products: [],
    shop: { unitSystem: "METRIC_SYSTEM", weightUnit: "KILOGRAMS" },
    fulfillmentOrders: [],
    fulfillments: [],
    nextId: 1000,
    fulfillment: initialFulfillmentState(),
  };
}

// fulfillmentCreate on an order at the merchant's own location (labels); fulfillment-service orders are answered
// by shopify-fulfillment.ts.
const createAtMerchantLocation: Handler = (v, s) => {
  const input = v.fulfillment;
  const foId = input.lineItemsByFulfillmentOrder?.[0]?.fulfillmentOrderId;
  const fo = s.fulfillmentOrders.find((f) => f.id === foId);
  if (!fo || fo.status !== "OPEN") {
    return { fulfillmentCreate: { fulfillment: null, userErrors: [{ field: ["fulfillment"], message: fo ? "Fulfillment order is not open" : "Fulfillment order does not exist" }] } };
  }
  fo.status = "CLOSED";
  const created = { id: `gid://shopify/Fulfillment/${s.nextId++}`, fulfillmentOrderId: fo.id, status: "SUCCESS" as const, trackingInfo: input.trackingInfo ? [input.trackingInfo] : [], notifyCustomer: Boolean(input.notifyCustomer) };
  s.fulfillments.push(created);
  return { fulfillmentCreate: { fulfillment: { id: created.id, status: created.status }, userErrors: [] } };
};

/**
 * A connection page the way Shopify pages one: `first`/`after` forwards, `last`/`before` backwards, opaque cursors
 * (base64 of the row id here), and pageInfo that says whether rows lie on either side of the page.
 */
function cursorPage<T, R>(rows: readonly T[], v: Record<string, any>, idOf: (row: T) => string, shape: (row: T) => R) {
  const cursor = (row: T) => Buffer.from(idOf(row)).toString("base64");
  const at = (c: unknown) => (typeof c === "string" ? rows.findIndex((r) => cursor(r) === c) : -1);
  let start = 0;
  let end = rows.length;
  if (v.after) start = at(v.after) + 1;
  if (v.before) end = Math.max(0, at(v.before));
  if (typeof v.first === "number") end = Math.min(end, start + v.first);
  else if (typeof v.last === "number") start = Math.max(start, end - v.last);
  const page = rows.slice(start, end);
  return {
    nodes: page.map(shape),
    pageInfo: { hasPreviousPage: start > 0, hasNextPage: end < rows.length, startCursor: page[0] ? cursor(page[0]) : null, endCursor: page.at(-1) ? cursor(page.at(-1)!) : null },
  };
}

const serviceHandlers = fulfillmentHandlers((s: FakeShopState) => s.fulfillment);

export const FAKE_SHOP_EMAIL = "owner@fake-shop.test";
export const FAKE_CONTACT_EMAIL = "hello@fake-shop.test";

const defaultHandlers: Record<string, Handler> = {
  CarrierServices: (_v, s) => ({ carrierServices: { nodes: s.carrierServices } }),
  ShopContactEmails: (_v, s) => ({ shop: { email: s.shop.email ?? FAKE_SHOP_EMAIL, contactEmail: s.shop.contactEmail ?? FAKE_CONTACT_EMAIL } }),
  CarrierServiceCreate: (v, s) => {
    if (s.refuseCarrierService) {
      return { carrierServiceCreate: { carrierService: null, userErrors: s.refuseCarrierService } };
    }
    const created = { id: `gid://shopify/DeliveryCarrierService/${s.nextId++}`, ...v.input };
    s.carrierServices.push(created);
    return { carrierServiceCreate: { carrierService: created, userErrors: [] } };
  },
  CarrierServiceUpdate: (v, s) => {
    const existing = s.carrierServices.find((c) => c.id === v.input.id);
    if (!existing) {
      return { carrierServiceUpdate: { carrierService: null, userErrors: [{ field: ["id"], message: "Carrier service not found" }] } };
    }
    Object.assign(existing, v.input);
    return { carrierServiceUpdate: { carrierService: existing, userErrors: [] } };
  },
  OrderContext: (v, s) => ({ order: s.orders[v.id] ?? null }),
  OrderContexts: (v, s) => ({ nodes: (v.ids as string[]).map((id) => s.orders[id] ?? null) }),
  FulfillmentEventCreate: (v, s) => {
    const input = v.fulfillmentEvent;
    if (!String(input.fulfillmentId).startsWith("gid://shopify/Fulfillment/")) {
      return { fulfillmentEventCreate: { fulfillmentEvent: null, userErrors: [{ field: ["fulfillmentId"], message: "Fulfillment does not exist" }] } };
    }
    s.fulfillmentEvents.push(input);
    return { fulfillmentEventCreate: { fulfillmentEvent: { id: `gid://shopify/FulfillmentEvent/${s.nextId++}`, status: input.status }, userErrors: [] } };
  },
  OpenFulfillmentOrders: (v, s) => {
    const open = s.fulfillmentOrders.filter((f) => f.status === "OPEN" && f.requestStatus === "UNSUBMITTED");
    const start = v.after ? open.findIndex((f) => f.id === v.after) + 1 : 0;
    const page = open.slice(start, start + Number(v.first ?? 50));
    return { fulfillmentOrders: { nodes: page, pageInfo: { hasNextPage: start + page.length < open.length, endCursor: page.at(-1)?.id ?? null } } };
  },
  FulfillmentTrackingInfoUpdate: (v, s) => {
    const f = s.fulfillments.find((x) => x.id === v.fulfillmentId);
    if (!f || f.status !== "SUCCESS") return { fulfillmentTrackingInfoUpdate: { fulfillment: null, userErrors: [{ field: ["fulfillmentId"], message: "Fulfillment does not exist" }] } };
    f.trackingInfo = [v.trackingInfoInput];
    f.notifyCustomer = Boolean(v.notifyCustomer);
    return { fulfillmentTrackingInfoUpdate: { fulfillment: { id: f.id, status: f.status }, userErrors: [] } };
  },
  FulfillmentCancel: (v, s) => {
    const f = s.fulfillments.find((x) => x.id === v.id);
    if (!f || f.status !== "SUCCESS") return { fulfillmentCancel: { fulfillment: null, userErrors: [{ field: ["id"], message: "Fulfillment cannot be cancelled" }] } };
    f.status = "CANCELLED";
    const fo = s.fulfillmentOrders.find((x) => x.id === f.fulfillmentOrderId);
    if (fo) fo.status = "OPEN";
    return { fulfillmentCancel: { fulfillment: { id: f.id, status: "CANCELLED" }, userErrors: [] } };
  },
  ...serviceHandlers,
  // One fulfillmentCreate for both kinds of fulfillment order: the fake keeps those at fulfillment-service
  // locations (3PL partners) apart from those at the merchant's own location (labels).
  FulfillmentCreate: (v, s) => {
    const ids = ((v.fulfillment?.lineItemsByFulfillmentOrder ?? []) as { fulfillmentOrderId: string }[]).map((x) => x.fulfillmentOrderId);
    const atService = ids.length > 0 && ids.every((id) => Object.hasOwn(s.fulfillment.fulfillmentOrders, id));
    return atService ? serviceHandlers.FulfillmentCreate(v, s) : createAtMerchantLocation(v, s);
  },
  ShopVariants: (v, s) => {
    const all = s.products.flatMap((p) => p.variants.map((x) => ({ product: p, variant: x })));
    return { shop: s.shop, productVariants: cursorPage(all, v, ({ variant }) => variant.id, ({ product, variant }) => {
      const unit = variant.weightUnit ?? "GRAMS";
      const weight = variant.grams === null ? null : { value: Number((variant.grams / GRAMS_PER_UNIT[unit]).toFixed(3)), unit };
      return { id: variant.id, title: variant.title, sku: variant.sku, product: { id: product.id, title: product.title }, inventoryItem: { measurement: { weight } } };
    }) };
  },
};

/** Shopify's leaky bucket per app and shop: Standard plans 2,000 points restored at 100/s; Plus 20,000 at 1,000/s. */
export interface ThrottleConfig {
  maximumAvailable: number;
  restoreRate: number;
}

/** Shopify rejects any single query whose requested cost is above this. */
export const MAX_SINGLE_QUERY_COST = 1_000;

/**
 * Query cost the way Shopify counts it, for the operations whose cost matters: an object 1 point, a connection
 * 2 + its `first`. OrderContext(s): 9 objects + lineItems(first: 50) requested; actual counts the returned lines.
 */
function queryCost(operation: string, variables: Record<string, any>, state: FakeShopState): { requested: number; actual: number } {
  const orderCost = (order: unknown) => 9 + 2 + (((order as { lineItems?: { nodes?: unknown[] } } | null)?.lineItems?.nodes?.length ?? 0) as number);
  if (operation === "OrderContext") return { requested: 61, actual: state.orders[variables.id] ? orderCost(state.orders[variables.id]) : 1 };
  if (operation === "OrderContexts") {
    const ids = (variables.ids as string[] | undefined) ?? [];
    return { requested: 61 * ids.length, actual: ids.reduce((n, id) => n + (state.orders[id] ? orderCost(state.orders[id]) : 1), 0) };
  }
  if (operation === "ShopVariants") {
    // shop (1) + the connection (2) + per variant: itself, product, inventoryItem, measurement, weight.
    const size = Number(variables.first ?? variables.last ?? 0);
    return { requested: 3 + 5 * size, actual: 3 + 5 * size };
  }
  return { requested: 1, actual: 1 };
}

export interface ShopifyAdminFake {
  url: string;
  calls: RecordedCall[];
  state: FakeShopState;
  handlers: Record<string, Handler>;
  /** The query-cost bucket (one shop); `throttled` counts THROTTLED answers. */
  throttle: ThrottleConfig & { currentlyAvailable(): number; throttled: number; /** Empties the bucket (to `to` points). */ drain(to?: number): void };
  /** Answers the next N GraphQL requests with this HTTP status (e.g. 503, 429). */
  failNext(status: number, times?: number): void;
  callsTo(operation: string): RecordedCall[];
  close(): Promise<void>;
}

export async function startShopifyAdminFake(opts: { throttle?: ThrottleConfig } = {}): Promise<ShopifyAdminFake> {
  const state = initialState();
  const config: ThrottleConfig = { ...(opts.throttle ?? { maximumAvailable: 2_000, restoreRate: 100 }) };
  const bucket = { available: config.maximumAvailable, at: Date.now() };
  const currentlyAvailable = () => {
    const t = Date.now();
    bucket.available = Math.min(config.maximumAvailable, bucket.available + (config.restoreRate * (t - bucket.at)) / 1000);
    bucket.at = t;
    return bucket.available;
  };
  const throttle = Object.assign(config, {
    currentlyAvailable,
    throttled: 0,
    drain(to = 0) {
      currentlyAvailable();
      bucket.available = to;
    },
  });
  const calls: RecordedCall[] = [];
  const handlers = { ...defaultHandlers };
  let failures: { status: number; remaining: number } | null = null;

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "Content-Type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };

    if (req.url === "/admin/oauth/access_token") {
      // Token exchange (embedded auth strategy): any well-formed subject token gets an offline token.
      return send(200, { access_token: "shpat_fake_exchanged", scope: "write_shipping,read_orders" });
    }
    if (!req.url?.match(/^\/admin\/api\/[^/]+\/graphql\.json$/)) return send(404, { errors: "Not Found" });
    const token = (req.headers["x-shopify-access-token"] as string | undefined) ?? null;
    if (!token) return send(401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    if (failures && failures.remaining > 0) {
      failures.remaining--;
      return send(failures.status, { errors: `Fake failure ${failures.status}` }, failures.status === 429 ? { "Retry-After": "1" } : {});
    }
    let body: { query?: string; variables?: Record<string, unknown> };
    try {
      body = JSON.parse(raw);
    } catch {
      return send(400, { errors: "Body is not JSON" });
    }
    const operation = /(?:query|mutation)\s+(\w+)/.exec(body.query ?? "")?.[1] ?? "anonymous";
    calls.push({ operation, variables: body.variables ?? {}, accessToken: token, path: req.url });
    const handler = handlers[operation];
    if (!handler) return send(200, { errors: [{ message: `Fake Admin API has no handler for operation ${operation}` }] });
    // Cost and throttle like Shopify: the requested cost must fit the single-query limit and the bucket; the
    // bucket is then charged the actual cost; every answer reports extensions.cost with the throttle status.
    const cost = queryCost(operation, body.variables ?? {}, state);
    const status = () => ({ maximumAvailable: config.maximumAvailable, currentlyAvailable: Math.floor(currentlyAvailable()), restoreRate: config.restoreRate });
    if (cost.requested > MAX_SINGLE_QUERY_COST) {
      return send(200, {
        errors: [{ message: `Query cost is ${cost.requested}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).`, extensions: { code: "MAX_COST_EXCEEDED", cost: cost.requested, maxCost: MAX_SINGLE_QUERY_COST } }],
        extensions: { cost: { requestedQueryCost: cost.requested, actualQueryCost: null, throttleStatus: status() } },
      });
    }
    if (cost.requested > currentlyAvailable()) {
      throttle.throttled++;
      return send(200, {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
        extensions: { cost: { requestedQueryCost: cost.requested, actualQueryCost: null, throttleStatus: status() } },
      });
    }
    bucket.available -= cost.actual;
    send(200, { data: handler(body.variables ?? {}, state), extensions: { cost: { requestedQueryCost: cost.requested, actualQueryCost: cost.actual, throttleStatus: status() } } });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    state,
    handlers,
    throttle,
    failNext(status, times = 1) {
      failures = { status, remaining: times };
    },
    callsTo: (operation) => calls.filter((c) => c.operation === operation),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Sends the library's Shopify traffic (https://<shop>.myshopify.com/...) to the fake. The library forces https on
 * the shop host, so the only seam is its fetch function (@shopify/shopify-api/runtime).
 */
export function pointShopifyAt(fakeUrl: string) {
  const realFetch = globalThis.fetch;
  setAbstractFetchFunc(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input.toString() : input.url);
    if (url.hostname.endsWith(".myshopify.com")) {
      return realFetch(`${fakeUrl}${url.pathname}${url.search}`, init);
    }
    return realFetch(input, init);
  });
}
