// Fuzzed entry points of the 3PL partner surface: the partner portal's forms (signed in, with the session's CSRF
// token, or before sign-in with the double-submit cookie), the provider API (a valid key) and Shopify's
// fulfillment-service callback (valid HMAC). Bodies are hostile mutations of valid ones.
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { getDb } from "~/db.server";
import { createApiKey } from "~/services/partners/api-keys.server";
import { partnersContext } from "~/services/partners/context.server";
import { hashPassword } from "~/services/partners/portal-auth.server";
import { sha256 } from "~/services/partners/tokens.server";
import * as loginRoute from "~/routes/partners.login";
import * as resetRoute from "~/routes/partners.reset._index";
import * as resetTokenRoute from "~/routes/partners.reset.$token";
import * as signupRoute from "~/routes/partners.signup";
import * as ordersRoute from "~/routes/partners.orders";
import * as linksRoute from "~/routes/partners.links";
import * as keysRoute from "~/routes/partners.keys";
import * as accountRoute from "~/routes/partners.account";
import * as invitationRoute from "~/routes/partners.invitations.$token";
import * as logoutRoute from "~/routes/partners.logout";
import * as portalIndex from "~/routes/partners._index";
import * as apiList from "~/routes/partners.api.v1.orders._index";
import * as apiAction from "~/routes/partners.api.v1.orders.$orderId.$action";
import * as callback from "~/routes/fulfillment_service.$linkId.fulfillment_order_notification";
import { headerText, hostileBody, hostileString } from "./arbitraries";
import { answerOf, type EntryPoint } from "./harness";
import { ADDRESSED, type FuzzWorld } from "./world";

type Entry = EntryPoint<FuzzWorld, any>;
type RouteFn = (args: any) => unknown;
/** Loaders return plain data (Remix serialises it): that is a 200. */
const asResponse = async (p: unknown) => { const r = await p; return r instanceof Response ? r : new Response("ok"); };
// Provider-owned rows carry the addressed shop's domain, so the row guard counts them as the addressed side's.
const MARK = ADDRESSED;

interface PortalFixture {
  cookie: string;
  csrf: string;
  apiKey: string;
  linkId: string;
  orderId: string;
}

const fixtures = new WeakMap<object, Promise<PortalFixture>>();

/** A provider signed in to the portal, linked to the addressed shop, with one requested order and an API key. */
function fixtureFor(world: FuzzWorld): Promise<PortalFixture> {
  const key = world.addressed as object;
  let f = fixtures.get(key);
  if (!f) {
    f = (async () => {
      const db = getDb();
      const provider = await db.provider.create({ data: { name: `Fuzz 3PL ${MARK}`, email: `fuzz-${Date.now()}@${MARK}`, publicId: `P-FUZZ${Date.now() % 100000}` } });
      const user = await db.providerUser.create({ data: { providerId: provider.id, email: provider.email, passwordHash: await hashPassword("fuzz-password-123") } });
      const token = `fuzz-session-${Date.now()}`;
      const csrf = `fuzz-csrf-${MARK}`;
      await db.portalSession.create({ data: { id: sha256(token), userId: user.id, providerId: provider.id, csrfToken: csrf, expiresAt: new Date(Date.now() + 3_600_000) } });
      const link = await db.partnerLink.create({
        data: { shopId: world.addressed.shopId, providerId: provider.id, status: "active", settings: {}, routing: { kind: "all" }, webhookSecret: "x", fulfillmentServiceId: "gid://shopify/FulfillmentService/1", locationId: "gid://shopify/Location/77" },
      });
      const order = await db.partnerOrder.create({
        data: { shopId: world.addressed.shopId, providerId: provider.id, linkId: link.id, fulfillmentOrderId: "gid://shopify/FulfillmentOrder/1", orderId: "gid://shopify/Order/1", orderName: "#1", details: { lines: [] }, settingsVersion: 1 },
      });
      const { key: apiKey } = await createApiKey(partnersContext(), provider.id, `fuzz ${MARK}`);
      return { cookie: `wp_portal=${token}; wp_portal_csrf=${csrf}`, csrf, apiKey, linkId: link.id, orderId: order.id };
    })();
    fixtures.set(key, f);
  }
  return f;
}

const base = () => process.env.SHOPIFY_APP_URL!;
const FORM = "application/x-www-form-urlencoded";

function portalEntry(name: string, route: RouteFn, runs: number, valid?: (f: PortalFixture) => Record<string, string>, params?: fc.Arbitrary<Record<string, string>>): Entry {
  return {
    name,
    runs,
    input: () =>
      fc.record({
        mutate: fc.integer({ min: 0, max: 1_000_000 }),
        body: valid ? fc.option(hostileString, { nil: null }) : fc.constant(null),
        field: fc.constantFrom("intent", "orderId", "linkId", "csrf", "value", "trackingNumber", "carrier", "reason", "message", "email", "password", "webhookUrl", "by", "payer"),
        type: fc.oneof({ weight: 5, arbitrary: fc.constant(FORM) }, { weight: 1, arbitrary: fc.constantFrom("application/json", "text/plain", "multipart/form-data; boundary=x") }),
        params: params ?? fc.constant({}),
        query: fc.oneof(fc.constant(""), headerText.map((q) => `?next=${encodeURIComponent(q)}&shop=${encodeURIComponent(q)}`)),
      }),
    send: async (world, i) => {
      const f = await fixtureFor(world);
      const headers: Record<string, string> = { Cookie: f.cookie };
      let body: string | undefined;
      if (valid) {
        const fields: Record<string, string> = { csrf: f.csrf, ...valid(f) };
        if (i.body !== null) fields[i.field as string] = i.body;
        body = new URLSearchParams(fields).toString();
        headers["Content-Type"] = i.type;
      }
      const request = new Request(`${base()}/partners/fuzz${i.query}`, { method: valid ? "POST" : "GET", headers, body });
      return answerOf(() => asResponse(route({ request, params: i.params, context: {} })));
    },
  };
}

const token = fc.oneof(fc.constant("no-such-token-000000000000"), hostileString).map((t) => ({ token: t }));

export const PARTNER_ENTRY_POINTS: Entry[] = [
  portalEntry("GET /partners", portalIndex.loader, 2),
  portalEntry("GET /partners/login", loginRoute.loader, 4),
  portalEntry("GET /partners/signup", signupRoute.loader, 4),
  portalEntry("GET /partners/reset", resetRoute.loader, 4),
  portalEntry("GET /partners/reset/$token", resetTokenRoute.loader, 4, undefined, token),
  portalEntry("GET /partners/invitations/$token", invitationRoute.loader, 4, undefined, token),
  portalEntry("GET /partners/keys", keysRoute.loader, 4),
  portalEntry("POST /partners/login", loginRoute.action, 20, () => ({ email: `ops@${MARK}`, password: "wrong-password-123" })),
  portalEntry("POST /partners/signup", signupRoute.action, 12, () => ({ name: `New 3PL ${MARK}`, email: `new${Math.random()}@${MARK}`, password: "long-enough-password" })),
  portalEntry("POST /partners/reset", resetRoute.action, 10, () => ({ email: "ops@3pl.test" })),
  portalEntry("POST /partners/reset/$token", resetTokenRoute.action, 10, () => ({ password: "another-long-password" }), token),
  portalEntry("GET /partners/orders", ordersRoute.loader, 6),
  portalEntry("POST /partners/orders (ship)", ordersRoute.action, 20, (f) => ({ intent: "ship", orderId: f.orderId, trackingNumber: "1Z", carrier: "UPS" })),
  portalEntry("POST /partners/orders (reject)", ordersRoute.action, 15, (f) => ({ intent: "reject", orderId: f.orderId, reason: "OTHER", message: "no" })),
  portalEntry("POST /partners/orders (accept)", ordersRoute.action, 10, (f) => ({ intent: "accept", orderId: f.orderId })),
  portalEntry("POST /partners/orders (cancellation answer)", ordersRoute.action, 10, (f) => ({ intent: "cancel-refuse", orderId: f.orderId })),
  portalEntry("GET /partners/links", linksRoute.loader, 6),
  portalEntry("POST /partners/links (settings)", linksRoute.action, 20, (f) => ({ intent: "settings", linkId: f.linkId, carriers: "UPS", shippingRules: "", payer: "provider", supportHandledBy: "provider", clientId: "C1", webhookUrl: "" })),
  portalEntry("POST /partners/links (invite)", linksRoute.action, 12, () => ({ intent: "invite", by: "shop_domain", value: ADDRESSED })),
  portalEntry("POST /partners/links (approve)", linksRoute.action, 8, (f) => ({ intent: "approve", linkId: f.linkId })),
  portalEntry("POST /partners/links (replay)", linksRoute.action, 8, () => ({ intent: "replay", messageId: "nomessage" })),
  portalEntry("POST /partners/keys", keysRoute.action, 10, () => ({ intent: "revoke", keyId: "nokey" })),
  portalEntry("POST /partners/keys (create)", keysRoute.action, 8, () => ({ intent: "create", name: `fuzz ${MARK}` })),
  portalEntry("GET /partners/account", accountRoute.loader, 4),
  // The confirmation never matches the fixture's email, so the fuzzed account is never deleted (a 422 at best).
  portalEntry("POST /partners/account (delete)", accountRoute.action, 10, () => ({ intent: "delete", confirmEmail: "someone-else@example.test" })),
  portalEntry("POST /partners/invitations/$token", invitationRoute.action, 8, () => ({}), token),
  {
    name: "GET /partners/api/v1/orders",
    runs: 12,
    input: () => fc.record({ query: headerText, auth: fc.oneof({ weight: 4, arbitrary: fc.constant("own") }, { weight: 1, arbitrary: headerText }) }),
    send: async (world, i) => {
      const f = await fixtureFor(world);
      const request = new Request(`${base()}/partners/api/v1/orders?shop=${encodeURIComponent(i.query)}&status=${encodeURIComponent(i.query)}`, { headers: { Authorization: i.auth === "own" ? `Bearer ${f.apiKey}` : i.auth } });
      return answerOf(() => apiList.loader({ request, params: {}, context: {} }));
    },
  },
  {
    name: "POST /partners/api/v1/orders/$orderId/$action",
    runs: 30,
    input: () =>
      fc.record({
        raw: hostileBody({ trackingNumber: "1Z", carrier: "UPS", reason: "OTHER", message: "x", accept: true }),
        action: fc.oneof(fc.constantFrom("accept", "reject", "shipments", "cancel"), hostileString),
        own: fc.boolean(),
      }),
    send: async (world, i) => {
      const f = await fixtureFor(world);
      const request = new Request(`${base()}/partners/api/v1/orders/x/action`, { method: "POST", headers: { Authorization: `Bearer ${f.apiKey}`, "Content-Type": "application/json" }, body: i.raw });
      return answerOf(() => apiAction.action({ request, params: { orderId: i.own ? f.orderId : "someone-elses", action: i.action }, context: {} }));
    },
  },
  {
    name: "POST /partners/api/v1/orders (not allowed)",
    runs: 2,
    input: () => fc.constant(null),
    send: async () => answerOf(async () => apiList.action({ request: new Request(`${base()}/partners/api/v1/orders`, { method: "POST" }), params: {}, context: {} })),
  },
  {
    name: "POST /fulfillment_service/$linkId/fulfillment_order_notification",
    runs: 20,
    input: () => fc.record({ raw: hostileBody({ kind: "FULFILLMENT_REQUEST" }), shop: fc.oneof(fc.constant(ADDRESSED), headerText), own: fc.boolean() }),
    send: async (world, i) => {
      const f = await fixtureFor(world);
      const hmac = createHmac("sha256", process.env.SHOPIFY_API_SECRET!).update(i.raw).digest("base64");
      const request = new Request(`${base()}/fulfillment_service/x/fulfillment_order_notification`, { method: "POST", headers: { "X-Shopify-Hmac-Sha256": hmac, "X-Shopify-Shop-Domain": i.shop, "Content-Type": "application/json" }, body: i.raw });
      return answerOf(() => callback.action({ request, params: { linkId: i.own ? f.linkId : "nolink" }, context: {} }));
    },
  },
  // These two change the shared fixture (the link ends, the session goes), so they come last.
  portalEntry("POST /partners/links (end)", linksRoute.action, 6, (f) => ({ intent: "end", linkId: f.linkId })),
  portalEntry("GET /partners/logout", logoutRoute.loader, 2),
  portalEntry("POST /partners/logout", logoutRoute.action, 6, () => ({})),
];
