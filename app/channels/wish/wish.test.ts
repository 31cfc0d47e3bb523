import { describe, expect, it } from "vitest";
import type { HttpOutcome } from "~/lib/http.server";
import type { TrackingDelivery } from "../channel";
import orderShipped from "./__fixtures__/order-shipped.json";
import refreshSuccess from "./__fixtures__/refresh-success.json";
import tokenExpired from "./__fixtures__/token-expired.json";
import updateError from "./__fixtures__/update-tracking-error.json";
import updateRequest from "./__fixtures__/update-tracking-request.json";
import updateSuccess from "./__fixtures__/update-tracking-success.json";
import { wishAuthHeaders, wishRefreshBody, wishTrackingPlan, wishTrackingUrl } from "./request";
import { interpretWishWrite, parseWishRefresh, readWishOrderTracking, wishRetryAfterMs } from "./response";

const delivery: TrackingDelivery = {
  shop: "demo.myshopify.com",
  orderId: "1",
  orderName: "#1001",
  channelOrderId: "5f1a2b3c4d5e6f7a8b9c0d1e",
  fulfillmentId: "9",
  trackingValue: "110093",
  trackingNumbers: ["OJ123456789BR"],
  trackingCompany: "Correios",
  originCountry: "br",
  destinationCountry: "BR",
};

const res = (status: number, body: unknown, headers: Record<string, string> = {}): HttpOutcome => ({
  kind: "response",
  status,
  headers,
  bodyText: JSON.stringify(body),
  json: body,
  latencyMs: 1,
});

describe("Wish request mapping", () => {
  it("maps a delivery to UpdateTracking with a fixed provider and ship note", () => {
    const plan = wishTrackingPlan(delivery, { clientId: "c", shippingProvider: "Intelipost", shipNote: "NF-e 110093" });
    expect(plan).toEqual({ ok: true, orderId: delivery.channelOrderId, body: updateRequest });
  });

  it("derives the provider from the carrier when none is fixed", () => {
    const plan = wishTrackingPlan(delivery, { clientId: "c" });
    expect(plan).toMatchObject({ ok: true, body: { shipping_provider: "Correios", origin_country: "BR" } });
  });

  it("asks for attention when the tracking value has spaces or the order is not from Wish", () => {
    expect(wishTrackingPlan({ ...delivery, trackingValue: "OJ 123" }, { clientId: "c", shippingProvider: "UPS" })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("letters and digits only"),
    });
    expect(wishTrackingPlan({ ...delivery, channelOrderId: undefined }, { clientId: "c" })).toMatchObject({ ok: false });
    expect(wishTrackingPlan({ ...delivery, trackingCompany: "Acme" }, { clientId: "c" })).toMatchObject({ ok: false });
  });

  it("targets PUT /api/v3/orders/{id}/tracking with a Bearer token", () => {
    expect(wishTrackingUrl("https://merchant.wish.com/", "a/b")).toBe("https://merchant.wish.com/api/v3/orders/a%2Fb/tracking");
    expect(wishAuthHeaders("tok")).toEqual({ authorization: "Bearer tok" });
    expect(wishRefreshBody("id", "sec", "rt")).toEqual({
      client_id: "id",
      client_secret: "sec",
      refresh_token: "rt",
      grant_type: "refresh_token",
    });
  });
});

describe("Wish response parsing", () => {
  it("treats code 0 as success", () => {
    expect(interpretWishWrite(res(200, updateSuccess), 0)).toEqual({ kind: "ok" });
  });

  it("turns a 400 into a dead push with Wish's message", () => {
    expect(interpretWishWrite(res(400, updateError), 0)).toEqual({
      kind: "dead",
      reason: "Wish rejected the tracking update: Invalid shipping_provider: Acme (Wish code 1000, HTTP 400)",
    });
  });

  it("recognises an expired token", () => {
    expect(interpretWishWrite(res(401, tokenExpired), 0).kind).toBe("token_expired");
  });

  it("reads Wish-Rate-Limit-Reset as epoch seconds or delta seconds", () => {
    expect(wishRetryAfterMs({ "wish-rate-limit-reset": "1700000030" }, 1_700_000_000_000)).toBe(30_000);
    expect(wishRetryAfterMs({ "wish-rate-limit-reset": "5" }, 0)).toBe(5000);
    expect(interpretWishWrite(res(429, {}, { "wish-rate-limit-reset": "2" }), 0)).toMatchObject({ kind: "retry", retryAfterMs: 2000 });
  });

  it("treats a timeout and a garbled 2xx as possibly landed", () => {
    expect(interpretWishWrite({ kind: "timeout", latencyMs: 1 }, 0).kind).toBe("maybe_landed");
    const garbled: HttpOutcome = { kind: "response", status: 200, headers: {}, bodyText: "{", latencyMs: 1 };
    expect(interpretWishWrite(garbled, 0).kind).toBe("maybe_landed");
  });

  it("parses refreshed tokens and rejects a refused refresh", () => {
    expect(parseWishRefresh(res(200, refreshSuccess), 0)).toEqual({
      kind: "ok",
      accessToken: "wat_new",
      refreshToken: "wrt_new",
      expiresAt: "2030-01-01T00:00:00Z",
    });
    expect(parseWishRefresh(res(401, { code: 1017, message: "revoked", data: {} }), 0).kind).toBe("rejected");
    expect(parseWishRefresh(res(503, {}), 0).kind).toBe("retry");
  });

  it("reads tracking numbers back from an order", () => {
    expect(readWishOrderTracking(res(200, orderShipped))).toEqual({ kind: "ok", trackingNumbers: ["110093"], state: "SHIPPED" });
  });
});
