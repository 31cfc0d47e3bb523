// Issue 8, defects 2, 4 (webhook part) and 10: a signed body acts only on the topic and shop it was signed for,
// hostile bodies get a 4xx, and a replay under a fresh webhook id has no second effect.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { offlineSession } from "../helpers/shopify";
import { deliverTo, signedWebhook, WEBHOOK_ROUTES } from "../helpers/webhook-routes";
import { getDb } from "~/db.server";
import { sessionStorage } from "~/shopify.server";

const A = "shop-a.myshopify.com";
const B = "shop-b.myshopify.com";
const db = useTestDatabase();

async function seed(domain: string) {
  await getDb().shop.create({ data: { domain } });
  await sessionStorage.storeSession(offlineSession(domain));
}

/** Everything a webhook could change for a shop. */
async function stateOf(domain: string) {
  const d = getDb();
  const shop = await d.shop.findUnique({ where: { domain }, select: { active: true } });
  const session = await d.session.findUnique({ where: { id: `offline_${domain}` }, select: { scope: true } });
  return {
    shop,
    session,
    receipts: await d.webhookReceipt.count({ where: { shopDomain: domain } }),
    compliance: await d.complianceRequest.count({ where: { shopDomain: domain } }),
  };
}

beforeAll(async () => {
  await db.ready();
});
beforeEach(async () => {
  await db.reset();
  await seed(A);
  await seed(B);
});

const named = WEBHOOK_ROUTES.filter((r) => "shop_domain" in r.body(A) || "myshopify_domain" in r.body(A));
const fulfillmentBody = JSON.stringify(WEBHOOK_ROUTES.find((r) => r.topic === "fulfillments/create")!.body(A));

describe("webhook binding to topic and shop", () => {
  for (const route of named) {
    it(`refuses a ${route.topic} body naming one shop sent under another shop's header, changing nothing`, async () => {
      const before = await stateOf(B);
      const res = await deliverTo(route.action, signedWebhook(route.path, { topic: route.topic, shop: B, raw: JSON.stringify(route.body(A)) }));
      expect(res).toEqual({ status: 400, text: "the payload names a different shop than X-Shopify-Shop-Domain" });
      expect(await stateOf(B)).toEqual(before);
    });
  }

  for (const route of WEBHOOK_ROUTES.filter((r) => !r.topic.startsWith("fulfillments/"))) {
    it(`refuses a fulfillment body sent to ${route.topic}, whichever topic header it carries`, async () => {
      const before = await stateOf(A);
      const asFulfillment = await deliverTo(route.action, signedWebhook(route.path, { topic: "fulfillments/create", shop: A, raw: fulfillmentBody }));
      expect(asFulfillment).toEqual({ status: 400, text: `this endpoint handles ${route.topic}, not fulfillments/create` });
      const relabelled = await deliverTo(route.action, signedWebhook(route.path, { topic: route.topic, shop: A, raw: fulfillmentBody }));
      expect(relabelled.status).toBe(400);
      expect(relabelled.text).toMatch(new RegExp(`^unexpected ${route.topic} payload`));
      expect(await stateOf(A)).toEqual(before);
    });
  }

  for (const route of WEBHOOK_ROUTES.filter((r) => r.destructive)) {
    it(`refuses ${route.topic} triggered outside the replay window or without a trigger time`, async () => {
      const raw = JSON.stringify(route.body(A));
      const old = new Date(Date.now() - 30 * 24 * 3600_000).toISOString();
      expect((await deliverTo(route.action, signedWebhook(route.path, { topic: route.topic, shop: A, raw, triggeredAt: old }))).status).toBe(400);
      expect((await deliverTo(route.action, signedWebhook(route.path, { topic: route.topic, shop: A, raw, triggeredAt: null }))).status).toBe(400);
      expect((await stateOf(A)).receipts).toBe(0);
    });
  }
});

describe("hostile webhook bodies get a 4xx with a reason, never a 5xx", () => {
  const deep = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;
  const cases: [string, string, string, RegExp][] = [
    ["an empty body", "", A, /^body is empty/],
    ["a non-JSON body", "shop=x&y=1", A, /^body is not valid JSON/],
    ["a field nested 10,000 deep", deep, A, /^body nests deeper than 64 levels/],
    ["a NUL in a tracking number", fulfillmentBody.replace("1Z999", "1Z\\u0000999"), A, /NUL/],
    ["a shop header that is not a shop domain", fulfillmentBody, "evil.example.com/../x", /not a shop domain/],
  ];
  for (const route of WEBHOOK_ROUTES) {
    it(`answers ${route.topic} with a 400 for an empty, non-JSON, 10,000-deep, NUL or wrong-shop-header body`, async () => {
      for (const [, raw, shop, reason] of cases) {
        const res = await deliverTo(route.action, signedWebhook(route.path, { topic: route.topic, shop, raw }));
        expect(res.status).toBe(400);
        if (!route.topic.startsWith("fulfillments/") && raw === fulfillmentBody) continue; // its schema speaks first
        expect(res.text).toMatch(reason);
      }
      expect(await getDb().webhookReceipt.count()).toBe(0);
    });
  }
});

describe("replays under a fresh webhook id", () => {
  for (const route of WEBHOOK_ROUTES) {
    it(`have no second effect for ${route.topic}`, async () => {
      const raw = JSON.stringify(route.body(A));
      expect((await deliverTo(route.action, signedWebhook(route.path, { topic: route.topic, shop: A, raw, webhookId: "first" }))).status).toBe(200);
      // The merchant carries on (reinstalls, changes scopes); a replay must not undo that.
      if (!(await getDb().shop.findUnique({ where: { domain: A } }))) await seed(A);
      await getDb().shop.update({ where: { domain: A }, data: { active: true, uninstalledAt: null } });
      if (!(await getDb().session.findUnique({ where: { id: `offline_${A}` } }))) await sessionStorage.storeSession(offlineSession(A));
      await getDb().session.update({ where: { id: `offline_${A}` }, data: { scope: "after" } });
      const before = await stateOf(A);
      const receipts = await getDb().webhookReceipt.count();
      expect((await deliverTo(route.action, signedWebhook(route.path, { topic: route.topic, shop: A, raw, webhookId: "replayed" }))).status).toBe(200);
      expect(await stateOf(A)).toEqual(before);
      expect(await getDb().webhookReceipt.count()).toBe(receipts);
    });
  }
});
