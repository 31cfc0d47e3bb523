import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startWishFake, type WishFake } from "../../../tests/fakes/wish";
import type { ChannelConnection, TrackingDelivery } from "../channel";
import { wishConnector } from "./index.server";
import type { WishSettings } from "./settings";

let fake: WishFake;
let conn: ChannelConnection<WishSettings>;
const ORDER = "5f1a2b3c4d5e6f7a8b9c0d1e";

const delivery: TrackingDelivery = {
  shop: "demo.myshopify.com",
  orderId: "1",
  orderName: "#1001",
  channelOrderId: ORDER,
  fulfillmentId: "9",
  trackingValue: "110093",
  trackingNumbers: ["OJ123456789BR"],
  trackingCompany: "Correios",
  originCountry: "BR",
  destinationCountry: "BR",
};
// Generous, so a cold loopback request on a busy CI machine is not mistaken for a timeout; the timeout tests
// use hanging or slow faults that never answer within it.
const opts = { timeoutMs: 2_000 };

beforeEach(async () => {
  fake = await startWishFake();
  fake.state.addOrder(ORDER);
  const tokens = fake.state.issueTokens();
  conn = {
    settings: { clientId: fake.state.clientId, shippingProvider: "Intelipost" },
    secrets: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, clientSecret: fake.state.clientSecret },
    baseUrl: fake.url,
  };
});
afterEach(() => fake.close());

const puts = () => fake.requests.filter((r) => r.method === "PUT");

describe("Wish connector against the fake", () => {
  it("ships the order with the NF-e number as tracking", async () => {
    const out = await wishConnector.push(delivery, conn, opts);
    expect(out.result).toBe("delivered");
    expect(fake.state.orders.get(ORDER)?.tracking).toEqual({
      tracking_number: "110093",
      shipping_provider: "Intelipost",
      origin_country: "BR",
    });
    expect(puts()[0].headers.authorization).toBe(`Bearer ${conn.secrets.accessToken}`);
    if (out.result === "delivered") expect(out.request.headers.authorization).toBe("[redacted]");
  });

  it("refreshes an expired token once and reports the new tokens", async () => {
    fake.state.expireAccessTokens();
    const out = await wishConnector.push(delivery, conn, opts);
    expect(out.result).toBe("delivered");
    expect(out.updatedSecrets?.accessToken).toBeTruthy();
    expect(out.updatedSecrets?.accessToken).not.toBe(conn.secrets.accessToken);
    expect(out.updatedSecrets?.refreshToken).not.toBe(conn.secrets.refreshToken);
    expect(fake.state.refreshTokens.has(out.updatedSecrets!.refreshToken)).toBe(true);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /api/v3/orders/${ORDER}/tracking`,
      "POST /api/v3/oauth/refresh_token",
      `PUT /api/v3/orders/${ORDER}/tracking`,
    ]);
    expect(JSON.stringify(out.exchanges)).not.toContain(conn.secrets.clientSecret);
    expect(JSON.stringify(out.exchanges)).not.toContain(out.updatedSecrets!.accessToken);
  });

  it("asks the merchant to reconnect when the refresh token is revoked", async () => {
    fake.state.expireAccessTokens();
    fake.state.refreshTokens.clear();
    const out = await wishConnector.push(delivery, conn, opts);
    expect(out).toMatchObject({ result: "needs_attention", reason: expect.stringContaining("reconnect Wish") });
  });

  it("reads the order back after a timeout and does not PUT again when the first write landed", async () => {
    fake.faults.next({ kind: "slow", ms: 1000 }, { method: "PUT" });
    const out = await wishConnector.push(delivery, conn, { ...opts, timeoutMs: 300 });
    expect(out).toMatchObject({ result: "delivered", note: expect.stringContaining("already carries this tracking") });
    expect(puts()).toHaveLength(1);
    expect(fake.state.orders.get(ORDER)?.trackingUpdates).toBe(1);
  });

  it("retries after a reset when the read-back shows the write did not land", async () => {
    fake.faults.next({ kind: "reset" }, { method: "PUT" });
    const out = await wishConnector.push(delivery, conn, opts);
    expect(out).toMatchObject({ result: "retry", reason: expect.stringContaining("read-back shows no tracking") });
    expect(fake.state.orders.get(ORDER)?.tracking).toBeNull();
  });

  it("counts a reset after the write landed as delivered", async () => {
    fake.faults.next({ kind: "reset", after: true }, { method: "PUT" });
    expect((await wishConnector.push(delivery, conn, opts)).result).toBe("delivered");
  });

  it("retries on 429 after Wish-Rate-Limit-Reset", async () => {
    fake.faults.next({ kind: "status", status: 429, body: { code: 1, message: "rate limited", data: {} }, headers: { "wish-rate-limit-reset": "12" } });
    expect(await wishConnector.push(delivery, conn, opts)).toMatchObject({ result: "retry", retryAfterMs: 12_000 });
  });

  it("retries on 500", async () => {
    fake.faults.next({ kind: "status", status: 500, body: { code: 9, message: "internal", data: {} } });
    expect((await wishConnector.push(delivery, conn, opts)).result).toBe("retry");
  });

  it("gives up with Wish's reason on 400", async () => {
    const out = await wishConnector.push(delivery, { ...conn, settings: { ...conn.settings, shippingProvider: "Acme" } }, opts);
    expect(out).toMatchObject({ result: "dead", reason: expect.stringContaining("Invalid shipping_provider: Acme") });
  });

  it("retries after malformed JSON when the read-back shows nothing", async () => {
    fake.faults.next({ kind: "bad_json" }, { method: "PUT" });
    expect((await wishConnector.push(delivery, conn, opts)).result).toBe("retry");
  });

  it("needs attention without calling Wish when the tracking value has spaces", async () => {
    const out = await wishConnector.push({ ...delivery, trackingValue: "OJ 1" }, conn, opts);
    expect(out.result).toBe("needs_attention");
    expect(fake.requests).toHaveLength(0);
  });

  it("tests the connection by listing shipping carriers", async () => {
    expect((await wishConnector.test!(conn, opts)).result).toBe("delivered");
  });
});
