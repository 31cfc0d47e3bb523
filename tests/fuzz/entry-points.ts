// The table of fuzzed entry points. To cover a new route, add one entry: a name, a run count, an input
// generator and a sender that signs the request for the addressed shop (channel admin actions go in
// ADMIN_ENTRY_POINTS with `adminEntry`).
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { rateRequestBody } from "../helpers/fixtures";
import { BROWSER_UA, hmacOf, sessionToken } from "../helpers/shopify";
import { signedWebhook, WEBHOOK_ROUTES } from "../helpers/webhook-routes";
import { AFTERSHIP_WEBHOOK_SECRET, INTELIPOST_KEY } from "../integration/tracking-world";
import { emptyCartLine } from "~/admin/forms/test-cart";
import { settingsToForm } from "~/admin/forms/shop-settings-form";
import { zoneToForm } from "~/admin/forms/zone-form";
import { ratingService } from "~/services/rating/service.server";
import * as inboundRoute from "~/routes/inbound.$format.$connectionId";
import * as zonesIndex from "~/routes/app.zones._index";
import * as zoneRoute from "~/routes/app.zones.$zoneId";
import * as settingsRoute from "~/routes/app.settings";
import * as settingsCodeRoute from "~/routes/app.settings.code";
import * as productsRoute from "~/routes/app.products";
import * as testShippingRoute from "~/routes/app.test-shipping";
import * as channelsRoute from "~/routes/app.channels._index";
import * as rulesRoute from "~/routes/app.channels.rules";
import * as deliveriesRoute from "~/routes/app.deliveries";
import * as landedCostRoute from "~/routes/app.landed-cost";
import * as carrierRoute from "~/routes/app.carriers.$carrierId";
import * as homeRoute from "~/routes/app._index";
import * as labelsRoute from "~/routes/app.labels";
import * as labelsPdfRoute from "~/routes/app.labels.pdf";
import * as labelsReportRoute from "~/routes/app.labels.report";
import * as partnersRoute from "~/routes/app.partners";
import { landedCostToForm } from "~/admin/forms/landed-cost-form";
import { headerText, hostileBody, hostileString } from "./arbitraries";
import { answerOf, type EntryPoint } from "./harness";
import { ADDRESSED, BYSTANDER, type FuzzWorld } from "./world";

type Entry = EntryPoint<FuzzWorld, any>;
type RouteFn = (args: any) => Promise<Response>;

// ---------------------------------------------------------------------------------------------------------------
// Rate callback: the cart is the shopper's, so quantities, weights and line counts are all hostile.

const item = rateRequestBody().rate.items[0] as Record<string, unknown>;
export const RATE_CALLBACK: Entry = {
  name: "POST /carrier-service/rates",
  runs: 120,
  input: () =>
    fc.oneof(
      { weight: 6, arbitrary: hostileBody(rateRequestBody()) },
      { weight: 2, arbitrary: fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 100_000 }), grams: fc.integer({ min: 0, max: 2_000_000 }) }), { minLength: 1, maxLength: 40 }).map((lines) => JSON.stringify(rateRequestBody({ items: lines.map((l) => ({ ...item, ...l })) }))) },
      { weight: 1, arbitrary: fc.constant(JSON.stringify(rateRequestBody({ items: Array.from({ length: 500 }, () => ({ ...item, quantity: 100_000, grams: 2_000_000 })) }))) },
      // To Germany: the EU zone answers duties-paid and duties-on-delivery twins, so landed cost runs on hostile carts.
      { weight: 2, arbitrary: fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 100_000 }), price: fc.integer({ min: 0, max: 1_000_000_000 }), variant_id: fc.integer({ min: 1, max: 2000 }) }), { minLength: 1, maxLength: 40 }).map((lines) => JSON.stringify(rateRequestBody({ country: "DE", province: "", postal: "10115", items: lines.map((l) => ({ ...item, ...l })) }))) },
    ),
  send: async (_world, raw: string) => {
    const res = await ratingService().handleRateCallback({ rawBody: Buffer.from(raw), hmac: hmacOf(raw), shopDomain: ADDRESSED, timeoutHeader: null, receivedAt: performance.now() });
    return { status: res.status, text: res.status >= 500 ? res.body : undefined };
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Webhooks: valid HMAC, hostile body and headers. The shop header is the addressed shop or garbage, never the
// bystander; a body may name the bystander, which must be refused.

const topics = WEBHOOK_ROUTES.map((r) => r.topic);
export const WEBHOOK_ENTRY_POINTS: Entry[] = WEBHOOK_ROUTES.map((route) => ({
  name: `POST ${route.path}`,
  runs: 30,
  input: () =>
    fc.record({
      raw: fc.oneof(hostileBody(route.body(ADDRESSED)), fc.constant(JSON.stringify(route.body(BYSTANDER)))),
      topic: fc.oneof({ weight: 4, arbitrary: fc.constant(route.topic) }, { weight: 1, arbitrary: fc.constantFrom(...topics) }, { weight: 1, arbitrary: headerText }),
      shop: fc.oneof({ weight: 4, arbitrary: fc.constant(ADDRESSED) }, { weight: 1, arbitrary: headerText }),
      webhookId: fc.oneof(fc.uuid(), headerText),
      triggeredAt: fc.constantFrom<string | null>(new Date().toISOString(), "2020-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "yesterday", null),
    }),
  send: (_world, i) => answerOf(() => route.action({ request: signedWebhook(route.path, { ...i, triggeredAt: i.triggeredAt }), params: {}, context: {} })),
}));

// ---------------------------------------------------------------------------------------------------------------
// Inbound tracking events: the addressed connection's own key or HMAC; the connection id may be the
// bystander's, which must not let the addressed key touch the bystander.

const intelipostBody = { order_number: "5001", tracking_code: "1ZSEED", volume_number: "1", invoice: { invoice_series: "1", invoice_number: "1", invoice_key: "" }, history: { shipment_order_volume_state: "IN_TRANSIT", event_date: "2025-06-02T10:00:00-03:00", provider_message: "x" } };
const aftershipBody = { event: "tracking_update", event_id: "e-1", ts: 1_750_000_000, msg: { id: "as-1", slug: "ups", tracking_number: "1ZSEED", tag: "InTransit", order_id: "5001", checkpoints: [] } };
const connectionId = (w: FuzzWorld, kind: "webhook" | "aftership") =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(w.addressed.channels[kind]) }, { weight: 1, arbitrary: fc.constant(w.bystander.channels[kind]) }, { weight: 1, arbitrary: hostileString });

export const INBOUND_ENTRY_POINTS: Entry[] = [
  {
    name: "POST /inbound/intelipost/$connectionId",
    runs: 40,
    input: (w) => fc.record({ raw: hostileBody(intelipostBody), id: connectionId(w, "webhook") }),
    send: (_w, i) =>
      answerOf(() =>
        inboundRoute.action({ request: new Request("https://waypost.test/inbound/intelipost/x", { method: "POST", headers: { "content-type": "application/json", "api-key": INTELIPOST_KEY }, body: i.raw }), params: { format: "intelipost", connectionId: i.id }, context: {} }),
      ),
  },
  {
    name: "POST /inbound/aftership/$connectionId",
    runs: 40,
    input: (w) => fc.record({ raw: hostileBody(aftershipBody), id: connectionId(w, "aftership") }),
    send: (_w, i) => {
      const sig = createHmac("sha256", AFTERSHIP_WEBHOOK_SECRET).update(i.raw).digest("base64");
      const request = new Request("https://waypost.test/inbound/aftership/x", { method: "POST", headers: { "content-type": "application/json", "aftership-hmac-sha256": sig }, body: i.raw });
      return answerOf(() => inboundRoute.action({ request, params: { format: "aftership", connectionId: i.id }, context: {} }));
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Admin (embedded, session token of the addressed shop): every loader and action of the rating admin.

const OTHER_TYPES = ["application/json", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"] as const;
const zoneParam = fc.oneof(fc.constantFrom("us", "new", "eu", "br", "missing"), hostileString);
// Every registered carrier with a connect page, the connection-less table carrier, and ids that name nothing.
const carrierParam = fc.oneof(fc.constantFrom("ups", "usps", "table", "missing"), hostileString).map((carrierId) => ({ carrierId }));

interface AdminSpec {
  name: string;
  route: RouteFn;
  runs: number;
  /** The document a valid request would carry (the fuzz mutates it); omit for loaders. */
  valid?: (w: FuzzWorld) => unknown;
  /** How a valid request encodes its body (default json). */
  encoding?: "json" | "form";
  params?: fc.Arbitrary<Record<string, string>>;
}

const formEncoded = (body: string) => {
  try {
    const value = JSON.parse(body) as Record<string, unknown>;
    return new URLSearchParams(Object.entries(value ?? {}).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v) ?? ""])).toString();
  } catch {
    return body;
  }
};

export function adminEntry(spec: AdminSpec): Entry {
  const own = spec.encoding === "form" ? "application/x-www-form-urlencoded" : "application/json";
  const type = fc.oneof({ weight: 4, arbitrary: fc.constant(own) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_TYPES) });
  const body = (w: FuzzWorld) =>
    spec.valid
      ? fc.tuple(hostileBody(spec.valid(w)), type).map(([raw, t]) => [t === "application/x-www-form-urlencoded" ? formEncoded(raw) : raw, t] as const)
      : fc.constant(null);
  return {
    name: spec.name,
    runs: spec.runs,
    input: (w) => fc.record({ body: body(w), params: spec.params ?? fc.constant({}), query: fc.oneof(fc.constant(""), headerText.map((q) => `?${encodeURIComponent(q)}=1`)) }),
    send: (_w, i) => {
      const headers: Record<string, string> = { Authorization: `Bearer ${sessionToken(ADDRESSED)}`, "User-Agent": BROWSER_UA };
      if (i.body) headers["Content-Type"] = i.body[1];
      const request = new Request(`${process.env.SHOPIFY_APP_URL}/app/fuzz${i.query}`, { method: i.body ? "POST" : "GET", headers, body: i.body?.[0] });
      return answerOf(() => spec.route({ request, params: i.params, context: {} }));
    },
  };
}

const productForm = { productId: "gid://shopify/Product/1", variantId: "gid://shopify/ProductVariant/11", title: "Tee", sku: "TS", lengthUnit: "cm", weightUnit: "kg", length: "10", width: "10", height: "2", weight: "0.4", hsCode: "610910", countryOfOrigin: "PT" };
const cartForm = { destination: { country: "US", province: "CA", postalCode: "94107", city: "" }, items: [{ ...emptyCartLine(), quantity: "2", weight: "1", price: "10" }] };

export const ADMIN_ENTRY_POINTS: Entry[] = [
  adminEntry({ name: "GET /app (home: setup guide and dashboard)", route: homeRoute.loader, runs: 6 }),
  adminEntry({ name: "POST /app (setup guide intent)", route: homeRoute.action, runs: 15, valid: () => ({ intent: "dismiss" }), encoding: "form" }),
  adminEntry({ name: "GET /app/partners", route: partnersRoute.loader, runs: 6 }),
  adminEntry({ name: "POST /app/partners (invite)", route: partnersRoute.action, runs: 15, valid: () => ({ intent: "invite", by: "email", value: "ops@3pl.test" }), encoding: "form" }),
  adminEntry({ name: "POST /app/partners (routing)", route: partnersRoute.action, runs: 10, valid: () => ({ intent: "routing", linkId: "nolink", kind: "skus", values: "A,B" }), encoding: "form" }),
  adminEntry({ name: "POST /app/partners (end)", route: partnersRoute.action, runs: 10, valid: () => ({ intent: "end", linkId: "nolink", mode: "delete", inventoryAction: "TRANSFER", returnLocationId: "gid://shopify/Location/1" }), encoding: "form" }),
  adminEntry({ name: "POST /app/partners (approve)", route: partnersRoute.action, runs: 8, valid: () => ({ intent: "approve", linkId: "nolink" }), encoding: "form" }),
  adminEntry({ name: "POST /app/partners (accept)", route: partnersRoute.action, runs: 8, valid: () => ({ intent: "accept", token: "not-a-real-invitation-token" }), encoding: "form" }),
  adminEntry({ name: "GET /app/zones", route: zonesIndex.loader, runs: 8 }),
  adminEntry({ name: "POST /app/zones (delete)", route: zonesIndex.action, runs: 15, valid: (w) => ({ intent: "delete", zoneId: "eu", version: w.setup.version }), encoding: "form" }),
  adminEntry({ name: "GET /app/zones/$zoneId", route: zoneRoute.loader, runs: 10, params: zoneParam.map((zoneId) => ({ zoneId })) }),
  adminEntry({ name: "POST /app/zones/$zoneId", route: zoneRoute.action, runs: 25, valid: (w) => ({ version: w.setup.version, form: zoneToForm(w.setup.config.zones[0], w.setup.config.currency, "lb") }), params: zoneParam.map((zoneId) => ({ zoneId })) }),
  adminEntry({ name: "GET /app/settings", route: settingsRoute.loader, runs: 8 }),
  adminEntry({ name: "POST /app/settings", route: settingsRoute.action, runs: 20, valid: (w) => ({ version: w.setup.version, form: settingsToForm(w.setup.config, "cm", "kg") }) }),
  adminEntry({ name: "GET /app/settings/code (export)", route: settingsCodeRoute.loader, runs: 6 }),
  adminEntry({ name: "POST /app/settings/code (import)", route: settingsCodeRoute.action, runs: 20, valid: (w) => ({ text: JSON.stringify(w.setup.config), dryRun: true }) }),
  adminEntry({ name: "GET /app/landed-cost", route: landedCostRoute.loader, runs: 8 }),
  adminEntry({ name: "POST /app/landed-cost", route: landedCostRoute.action, runs: 20, valid: (w) => ({ version: w.setup.version, form: landedCostToForm(w.setup.config.landedCost, w.setup.config.currency) }) }),
  adminEntry({ name: "GET /app/products", route: productsRoute.loader, runs: 8 }),
  adminEntry({ name: "POST /app/products", route: productsRoute.action, runs: 20, valid: () => productForm }),
  adminEntry({ name: "GET /app/test-shipping", route: testShippingRoute.loader, runs: 8 }),
  adminEntry({ name: "POST /app/test-shipping", route: testShippingRoute.action, runs: 20, valid: () => cartForm }),
  // The channel admin: row ids are the addressed shop's own or, on purpose, the bystander's (which must not change).
  // The generic carrier page. Connect uses the sign-in method only: it stops at the authorize URL (or "not
  // configured"), so no fuzzed form can send a verification call off loopback.
  adminEntry({ name: "GET /app/carriers/$carrierId", route: carrierRoute.loader, runs: 10, params: carrierParam }),
  adminEntry({ name: "POST /app/carriers/$carrierId (connect, sign-in)", route: carrierRoute.action, runs: 20, valid: () => ({ intent: "connect", method: "authorization_code", accountNumber: "A1B2C3", accountPostalCode: "30005", accountCountry: "US", mode: "test" }), encoding: "form", params: fc.constant({ carrierId: "ups" }) }),
  adminEntry({ name: "POST /app/carriers/$carrierId (verify, no such row)", route: carrierRoute.action, runs: 10, valid: () => ({ intent: "verify", id: "missing-connection" }), encoding: "form", params: carrierParam }),
  adminEntry({ name: "POST /app/carriers/$carrierId (disconnect, no such row)", route: carrierRoute.action, runs: 10, valid: () => ({ intent: "disconnect", id: "missing-connection" }), encoding: "form", params: carrierParam }),
  adminEntry({ name: "GET /app/channels", route: channelsRoute.loader, runs: 6 }),
  adminEntry({ name: "POST /app/channels (disconnect own)", route: channelsRoute.action, runs: 10, valid: (w) => ({ intent: "disconnect", id: w.addressed.channels.wish }), encoding: "form" }),
  adminEntry({ name: "POST /app/channels (wants, bystander's id)", route: channelsRoute.action, runs: 10, valid: (w) => ({ intent: "wants", id: w.bystander.channels.webhook, wants: "tracking_number" }), encoding: "form" }),
  adminEntry({ name: "POST /app/channels (reconnect, bystander's id)", route: channelsRoute.action, runs: 8, valid: (w) => ({ intent: "reconnect", id: w.bystander.channels.aftership }), encoding: "form" }),
  adminEntry({ name: "GET /app/channels/rules", route: rulesRoute.loader, runs: 6 }),
  adminEntry({ name: "GET /app/labels", route: labelsRoute.loader, runs: 6 }),
  adminEntry({ name: "POST /app/labels (buy)", route: labelsRoute.action, runs: 12, valid: () => ({ intent: "buy", ids: "gid://shopify/FulfillmentOrder/1", serviceCode: "" }), encoding: "form" }),
  adminEntry({ name: "POST /app/labels (void, unknown id)", route: labelsRoute.action, runs: 8, valid: () => ({ intent: "void", id: "missing" }), encoding: "form" }),
  adminEntry({ name: "GET /app/labels/pdf", route: labelsPdfRoute.loader, runs: 6 }),
  adminEntry({ name: "GET /app/labels/report", route: labelsReportRoute.loader, runs: 6 }),
  adminEntry({ name: "POST /app/channels/rules (toggle)", route: rulesRoute.action, runs: 10, valid: (w) => ({ intent: "toggle", id: w.bystander.channels.wish, enabled: "false" }), encoding: "form" }),
  adminEntry({ name: "POST /app/channels/rules (delete)", route: rulesRoute.action, runs: 10, valid: (w) => ({ intent: "delete", id: w.bystander.channels.wish }), encoding: "form" }),
  adminEntry({ name: "GET /app/deliveries", route: deliveriesRoute.loader, runs: 6 }),
  adminEntry({ name: "POST /app/deliveries (retry_channel, bystander's id)", route: deliveriesRoute.action, runs: 10, valid: (w) => ({ intent: "retry_channel", channelId: w.bystander.channels.wish }), encoding: "form" }),
  adminEntry({ name: "POST /app/deliveries (resolve)", route: deliveriesRoute.action, runs: 10, valid: (w) => ({ intent: "resolve", id: w.addressed.channels.webhook }), encoding: "form" }),
];
