// Issue 8, defect 7: with SHOPIFY_API_SECRET_OLD set, webhooks, rate callbacks and session tokens all accept the
// old secret until SHOPIFY_API_SECRET_OLD_EXPIRES_AT, and all refuse it afterwards.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig, rateRequestBody } from "../helpers/fixtures";
import { BROWSER_UA, hmacOf, offlineSession, sessionToken } from "../helpers/shopify";
import { deliverTo, signedWebhook, WEBHOOK_ROUTES } from "../helpers/webhook-routes";
import { getDb } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { sessionStorage } from "~/shopify.server";
import { createRatingService, ratingDeps } from "~/services/rating/service.server";
import { saveShippingSetup } from "~/services/shipping-config.server";
import * as zonesIndex from "~/routes/app.zones._index";

const SHOP = "rotation.myshopify.com";
const OLD = "the-previous-secret";
const db = useTestDatabase();

function rotate(expiresInMs: number) {
  process.env.SHOPIFY_API_SECRET_OLD = OLD;
  process.env.SHOPIFY_API_SECRET_OLD_EXPIRES_AT = new Date(Date.now() + expiresInMs).toISOString();
  resetEnvForTests();
}

async function statuses(secret: string) {
  const scopes = WEBHOOK_ROUTES.find((r) => r.topic === "app/scopes_update")!;
  const webhook = await deliverTo(scopes.action, signedWebhook(scopes.path, { topic: scopes.topic, shop: SHOP, raw: JSON.stringify(scopes.body(SHOP)), secret }));
  const raw = JSON.stringify(rateRequestBody());
  const rates = await createRatingService(ratingDeps()).handleRateCallback({ rawBody: Buffer.from(raw), hmac: hmacOf(raw, secret), shopDomain: SHOP, timeoutHeader: null, receivedAt: performance.now() });
  const request = new Request(`${process.env.SHOPIFY_APP_URL}/app/zones`, { headers: { Authorization: `Bearer ${sessionToken(SHOP, { secret })}`, "User-Agent": BROWSER_UA } });
  let admin: number;
  try {
    admin = (await zonesIndex.loader({ request, params: {}, context: {} } as never)).status;
  } catch (thrown) {
    admin = (thrown as Response).status;
  }
  return { webhook: webhook.status, rates: rates.status, admin };
}

beforeAll(async () => {
  await db.ready();
  await getDb().shop.create({ data: { domain: SHOP } });
  await sessionStorage.storeSession(offlineSession(SHOP));
  expect((await saveShippingSetup(SHOP, demoShippingConfig())).ok).toBe(true);
});
afterEach(() => {
  delete process.env.SHOPIFY_API_SECRET_OLD;
  delete process.env.SHOPIFY_API_SECRET_OLD_EXPIRES_AT;
  resetEnvForTests();
});

describe("secret rotation", () => {
  it("accepts the old secret on webhooks, rate callbacks and session tokens alike before it expires", async () => {
    rotate(3600_000);
    expect(await statuses(OLD)).toEqual({ webhook: 200, rates: 200, admin: 200 });
  });

  it("refuses the old secret everywhere once it has expired, while the current one still works", async () => {
    rotate(-1000);
    expect(await statuses(OLD)).toEqual({ webhook: 401, rates: 401, admin: 401 });
    expect(await statuses(process.env.SHOPIFY_API_SECRET!)).toEqual({ webhook: 200, rates: 200, admin: 200 });
  });

  it("refuses a token signed with an unknown secret even during a rotation", async () => {
    rotate(3600_000);
    expect(await statuses("some-other-secret")).toEqual({ webhook: 401, rates: 401, admin: 401 });
  });
});
