import { describe, expect, it } from "vitest";
import type { HttpOutcome } from "~/lib/http.server";
import type { TrackingDelivery } from "../channel";
import errorResponse from "./__fixtures__/error-response.json";
import shipOrdersRequest from "./__fixtures__/ship-orders-request.json";
import { ultracartHeaders, ultracartShipmentPlan, ultracartShipmentsUrl } from "./request";
import { interpretUltraCart } from "./response";

const delivery: TrackingDelivery = {
  shop: "demo.myshopify.com",
  orderId: "1",
  orderName: "#1001",
  channelOrderId: "DEMO-12345",
  fulfillmentId: "9",
  trackingValue: "1Z999AA10123456784",
  trackingNumbers: ["1Z999AA10123456784", "1Z999AA10123456785"],
  trackingCompany: "UPS",
  service: "UPS Ground",
  carrierFeeMinor: 1699,
  currency: "USD",
  originCountry: "US",
  destinationCountry: "US",
};

const res = (status: number, body?: unknown, bodyText?: string): HttpOutcome => ({
  kind: "response",
  status,
  headers: {},
  bodyText: bodyText ?? (body === undefined ? "" : JSON.stringify(body)),
  json: body,
  latencyMs: 1,
});

describe("UltraCart request mapping", () => {
  it("maps tracking numbers and the carrier fee as a decimal", () => {
    expect(ultracartShipmentPlan(delivery, { distributionCenterCode: "DFLT" })).toEqual({
      ok: true,
      dc: "DFLT",
      body: shipOrdersRequest,
    });
  });

  it("uses the currency's own decimals and can leave the fee out", () => {
    const jpy = ultracartShipmentPlan({ ...delivery, carrierFeeMinor: 1200, currency: "JPY" }, { distributionCenterCode: "D" });
    expect(jpy).toMatchObject({ ok: true, body: [{ shipping_cost: 1200 }] });
    const noFee = ultracartShipmentPlan(delivery, { distributionCenterCode: "D", sendCarrierFee: false });
    expect(noFee.ok && "shipping_cost" in noFee.body[0]).toBe(false);
  });

  it("needs an UltraCart order id", () => {
    expect(ultracartShipmentPlan({ ...delivery, channelOrderId: undefined }, { distributionCenterCode: "D" }).ok).toBe(false);
  });

  it("targets the DC shipments endpoint with the simple key and API version", () => {
    expect(ultracartShipmentsUrl("https://secure.ultracart.com", "DC 1")).toBe(
      "https://secure.ultracart.com/rest/v2/fulfillment/distribution_centers/DC%201/shipments",
    );
    expect(ultracartHeaders("k")).toEqual({ "x-ultracart-simple-key": "k", "x-ultracart-api-version": "2017-03-01" });
  });
});

describe("UltraCart response parsing", () => {
  it("treats 204 as success", () => {
    expect(interpretUltraCart(res(204), 0)).toEqual({ kind: "ok" });
  });

  it("reports the user message of an ErrorResponse", () => {
    expect(interpretUltraCart(res(400, errorResponse), 0)).toEqual({
      kind: "dead",
      reason: "UltraCart rejected the shipment: Order DEMO-99999 is not queued at distribution center DFLT (HTTP 400)",
    });
  });

  it("asks for attention on bad credentials", () => {
    expect(interpretUltraCart(res(401, errorResponse), 0).kind).toBe("attention");
  });

  it("retries a garbled 2xx body", () => {
    expect(interpretUltraCart(res(200, undefined, "{oops"), 0).kind).toBe("retry");
  });
});
