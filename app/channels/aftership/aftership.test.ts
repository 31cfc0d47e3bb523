import { describe, expect, it } from "vitest";
import type { HttpOutcome } from "~/lib/http.server";
import type { TrackingDelivery } from "../channel";
import createRequest from "./__fixtures__/create-tracking-request.json";
import createSuccess from "./__fixtures__/create-tracking-success.json";
import invalidNumber from "./__fixtures__/invalid-tracking-number.json";
import alreadyExists from "./__fixtures__/tracking-already-exists.json";
import { aftershipHeaders, aftershipTrackingPlan, aftershipUrl } from "./request";
import { interpretAfterShip } from "./response";

const delivery: TrackingDelivery = {
  shop: "demo.myshopify.com",
  orderId: "820982911946154508",
  orderName: "#1001",
  fulfillmentId: "9",
  trackingValue: "110093",
  trackingNumbers: [],
  trackingCompany: "Intelipost",
  originCountry: "BR",
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

describe("AfterShip request mapping", () => {
  it("maps a delivery to the flat 2024-04 create body", () => {
    expect(aftershipTrackingPlan(delivery, {})).toEqual({ ok: true, body: createRequest });
  });

  it("falls back to the default slug, then to courier detection", () => {
    const unknown = { ...delivery, trackingCompany: "Acme" };
    expect(aftershipTrackingPlan(unknown, { defaultSlug: "intelipost" })).toMatchObject({ body: { slug: "intelipost" } });
    const detected = aftershipTrackingPlan(unknown, {});
    expect(detected.ok && "slug" in detected.body).toBe(false);
  });

  it("needs a tracking number of 4 to 100 characters", () => {
    expect(aftershipTrackingPlan({ ...delivery, trackingValue: "123" }, {}).ok).toBe(false);
    expect(aftershipTrackingPlan({ ...delivery, trackingValue: "x".repeat(101) }, {}).ok).toBe(false);
  });

  it("targets the dated trackings endpoint with as-api-key", () => {
    expect(aftershipUrl("https://api.aftership.com", {}, "trackings")).toBe("https://api.aftership.com/tracking/2024-04/trackings");
    expect(aftershipHeaders("k")).toMatchObject({ "as-api-key": "k" });
  });
});

describe("AfterShip response parsing", () => {
  it("treats 201 as delivered", () => {
    expect(interpretAfterShip(res(201, createSuccess), 0)).toEqual({ kind: "ok", duplicate: false });
  });

  it("treats 'tracking already exists' (4003) as delivered", () => {
    expect(interpretAfterShip(res(400, alreadyExists), 0)).toEqual({ kind: "ok", duplicate: true });
  });

  it("turns other 4xx into a dead push with AfterShip's message", () => {
    expect(interpretAfterShip(res(400, invalidNumber), 0)).toEqual({
      kind: "dead",
      reason: "AfterShip rejected the tracking: The value of `tracking_number` is invalid. (meta 4005, HTTP 400)",
    });
  });

  it("reads X-RateLimit-Reset on 429", () => {
    expect(interpretAfterShip(res(429, {}, { "x-ratelimit-reset": "1700000010" }), 1_700_000_000_000)).toEqual({
      kind: "retry",
      reason: "AfterShip rate limit reached (HTTP 429)",
      retryAfterMs: 10_000,
    });
  });
});
