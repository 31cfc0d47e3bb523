import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { BROWSER_UA, embeddedAdminUrl, offlineSession, sessionToken, TEST_SHOP } from "../helpers/shopify";
import { FAKE_CONTACT_EMAIL, FAKE_SHOP_EMAIL, pointShopifyAt, startShopifyAdminFake, type ShopifyAdminFake } from "../fakes/shopify-admin";
import { getDb } from "~/db.server";
import { sessionStorage } from "~/shopify.server";
import { loader as appLoader } from "~/routes/app";
import { action as homeAction, loader as homeLoader } from "~/routes/app._index";

const db = useTestDatabase();
let fake: ShopifyAdminFake;

beforeAll(async () => {
  await db.ready();
  fake = await startShopifyAdminFake();
  pointShopifyAt(fake.url);
});
afterAll(() => fake.close());
beforeEach(async () => {
  await db.reset();
  fake.calls.length = 0;
  fake.state.carrierServices = [];
  fake.state.refuseCarrierService = null;
});

async function run<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const openApp = () =>
  run(() => appLoader({ request: new Request(embeddedAdminUrl("/app"), { headers: { "User-Agent": BROWSER_UA } }), params: {}, context: {} }));

const callbackUrl = () => `${process.env.SHOPIFY_APP_URL}/carrier-service/rates`;

describe("installing the app", () => {
  it("exchanges the session token, records the shop and registers the carrier service", async () => {
    const result = await openApp();
    expect(result).not.toBeInstanceOf(Response);
    expect(fake.calls.map((c) => c.operation)).toEqual(["CarrierServices", "CarrierServiceCreate", "ShopContactEmails"]);
    expect(fake.callsTo("CarrierServiceCreate")[0].variables.input).toEqual({
      name: "Waypost",
      callbackUrl: callbackUrl(),
      active: true,
      supportsServiceDiscovery: true,
    });
    expect(fake.calls[0].accessToken).toBe("shpat_fake_exchanged");
    const shop = await getDb().shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
    expect(shop).toMatchObject({ active: true, carrierServiceStatus: "active", carrierServiceId: fake.state.carrierServices[0].id });
    // Its addresses, for finding a provider's invitation sent to one of them at shop/redact.
    const emails = await getDb().shopEmail.findMany({ where: { shopId: shop.id }, orderBy: { source: "asc" } });
    expect(emails.map((e) => [e.source, e.email])).toEqual([["contact", FAKE_CONTACT_EMAIL], ["shop", FAKE_SHOP_EMAIL]]);
    // the access token is sealed at rest
    const row = await getDb().session.findFirstOrThrow({ where: { shop: TEST_SHOP } });
    expect(row.accessToken).not.toContain("shpat_fake_exchanged");
    expect((await sessionStorage.loadSession(row.id))?.accessToken).toBe("shpat_fake_exchanged");
  });

  it("updates the existing carrier service instead of creating a second one on reinstall", async () => {
    fake.state.carrierServices.push({ id: "gid://shopify/DeliveryCarrierService/7", name: "Waypost", callbackUrl: "https://old.example.com/carrier-service/rates", active: false, supportsServiceDiscovery: false });
    await openApp();
    expect(fake.callsTo("CarrierServiceCreate")).toHaveLength(0);
    expect(fake.callsTo("CarrierServiceUpdate")[0].variables.input).toMatchObject({ id: "gid://shopify/DeliveryCarrierService/7", callbackUrl: callbackUrl(), active: true });
    expect(fake.state.carrierServices).toHaveLength(1);
  });

  it("stores Shopify's refusal and shows the merchant what to do", async () => {
    fake.state.refuseCarrierService = [{ field: null, message: "Carrier calculated shipping is not available on your current plan" }];
    await openApp();
    const shop = await getDb().shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
    expect(shop.carrierServiceStatus).toBe("refused");

    const request = new Request(`${process.env.SHOPIFY_APP_URL}/app`, { headers: { Authorization: `Bearer ${sessionToken()}`, "User-Agent": BROWSER_UA } });
    const overview = await (await homeLoader({ request, params: {}, context: {} })).json();
    expect(overview.carrierService.status).toBe("refused");
    expect(overview.carrierService.errors?.userErrors?.[0].message).toMatch(/not available on your current plan/);
    expect(overview.carrierService.errors?.advice).toMatch(/Advanced|add-on/);
  });

  it("lets the merchant retry the registration after fixing the problem", async () => {
    fake.state.refuseCarrierService = [{ field: null, message: "Carrier calculated shipping is not available on your current plan" }];
    await openApp();
    fake.state.refuseCarrierService = null;
    const request = new Request(`${process.env.SHOPIFY_APP_URL}/app`, { method: "POST", headers: { Authorization: `Bearer ${sessionToken()}`, "User-Agent": BROWSER_UA } });
    const result = await (await homeAction({ request, params: {}, context: {} })).json();
    expect(result.status).toBe("active");
    expect((await getDb().shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } })).carrierServiceStatus).toBe("active");
  });

  it("records an Admin API outage as an error without breaking the login", async () => {
    await getDb().shop.create({ data: { domain: TEST_SHOP } });
    await sessionStorage.storeSession(offlineSession());
    fake.failNext(503, 5);
    const request = new Request(`${process.env.SHOPIFY_APP_URL}/app`, { method: "POST", headers: { Authorization: `Bearer ${sessionToken()}`, "User-Agent": BROWSER_UA } });
    const result = await (await homeAction({ request, params: {}, context: {} })).json();
    expect(result.status).toBe("error");
    expect((await getDb().shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } })).carrierServiceStatus).toBe("error");
  });

  it("refuses an expired or forged session token", async () => {
    const forged = new Request(`${process.env.SHOPIFY_APP_URL}/app`, { headers: { Authorization: `Bearer ${sessionToken(TEST_SHOP, { secret: "forged" })}`, "User-Agent": BROWSER_UA } });
    const result = await run(() => homeLoader({ request: forged, params: {}, context: {} }));
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(401);
  });
});
