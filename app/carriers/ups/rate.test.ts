// karrio's four tests for the rating operation: request mapping, endpoint and auth, parse success, parse error.
import { describe, expect, it } from "vitest";
import { RateRequestSchema, type RateRequest } from "../carrier";
import { validateRateRequest, validateRateResponse } from "../../../tests/fakes/ups";
import { createClientState, createUpsClient } from "./client.server";
import { buildRateRequest } from "./rate-request";
import { parseRateResponse } from "./rate-response";
import input from "./__fixtures__/rate-request.input.json";
import expectedBody from "./__fixtures__/rate-request.json";
import negotiated from "./__fixtures__/rate-response.json";
import notQualified from "./__fixtures__/rate-response-not-qualified.json";
import authError from "./__fixtures__/rate-error-auth.json";
import accountError from "./__fixtures__/rate-error-account.json";

const settings = { accountNumber: "A1B2C3", accountPostalCode: "30005", accountCountry: "US" };
const sample = (over: Partial<RateRequest> = {}): RateRequest => ({ ...RateRequestSchema.parse(input), ...over });
const canada = { country: "CA", province: "ON", postalCode: "K2P 1L4", city: "Ottawa" } as RateRequest["origin"];

describe("UPS rating request", () => {
  it("maps a carrier-neutral request to the Rating body in the fixture, valid against the UPS OpenAPI", () => {
    const call = buildRateRequest(sample(), { settings, pickupDate: "20261201", customerContext: "waypost conn_1" });
    expect(call.body).toEqual(expectedBody);
    expect(validateRateRequest(call.body)).toEqual([]);
  });

  it("asks for negotiated rates with the shipper number that pays", () => {
    const s = buildRateRequest(sample(), { settings }).body.RateRequest.Shipment as any;
    expect(s.ShipmentRatingOptions).toEqual({ NegotiatedRatesIndicator: "Y" });
    expect(s.Shipper.ShipperNumber).toBe("A1B2C3");
    expect(s.PaymentDetails.ShipmentCharge[0].BillShipper.AccountNumber).toBe("A1B2C3");
  });

  it("rates one service with Rate and shops all of them with Shop", () => {
    expect(buildRateRequest(sample({ services: ["03"] }), { settings }).path).toBe("/api/rating/v2409/Rate");
    expect(buildRateRequest(sample(), { settings }).path).toBe("/api/rating/v2409/Shop");
    expect(buildRateRequest(sample(), { settings, pickupDate: "20261201" }).path).toBe("/api/rating/v2409/Shoptimeintransit");
  });

  it("declares the invoice for international time in transit, in metric units from Canada", () => {
    const call = buildRateRequest(sample({ origin: canada, subtotal: { amount: 12345, currency: "CAD" } }), { settings, pickupDate: "20261201" });
    const s = call.body.RateRequest.Shipment as any;
    expect(s.InvoiceLineTotal).toEqual({ CurrencyCode: "CAD", MonetaryValue: "124" });
    expect(s.Package[0].PackageWeight).toEqual({ UnitOfMeasurement: { Code: "KGS", Description: "Kilograms" }, Weight: "0.5" });
    expect(s.Package[0].Dimensions.Length).toBe("31");
    expect(s.ShipFrom.Address.PostalCode).toBe("K2P1L4");
    expect(validateRateRequest(call.body)).toEqual([]);
  });

  it("asks for rates only when an international shipment has nothing to declare", () => {
    const call = buildRateRequest(sample({ origin: canada, subtotal: { amount: 0, currency: "CAD" } }), { settings, pickupDate: "20261201" });
    expect(call.requestOption).toBe("Shop");
    expect((call.body.RateRequest.Shipment as any).InvoiceLineTotal).toBeUndefined();
  });
});

describe("UPS rating endpoint and auth", () => {
  it("posts JSON to the versioned path with a bearer token, a 32-character transId and a source", async () => {
    const seen: Request[] = [];
    const fetchStub: typeof fetch = async (url, init) => {
      seen.push(new Request(url, init));
      return new Response(JSON.stringify(negotiated), { status: 200, headers: { "content-type": "application/json" } });
    };
    const secrets = { kind: "authorization_code" as const, accessToken: "tok-1", accessTokenExpiresAt: Date.now() + 3_600_000, refreshToken: "r-1" };
    const client = createUpsClient({
      connectionId: "conn_1",
      baseUrl: "https://wwwcie.ups.com",
      fetch: fetchStub,
      now: Date.now,
      cache: createClientState(),
      auth: { kind: "authorization_code", app: null, secrets, saveSecrets: async () => {} },
    });
    const call = buildRateRequest(sample(), { settings });
    const out = await client.rate(call, new AbortController().signal);
    expect(out.ok).toBe(true);
    const [req] = seen;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("https://wwwcie.ups.com/api/rating/v2409/Shop");
    expect(req.headers.get("authorization")).toBe("Bearer tok-1");
    expect(req.headers.get("content-type")).toBe("application/json");
    expect(req.headers.get("transid")).toMatch(/^[0-9a-f]{32}$/);
    expect(req.headers.get("transactionsrc")).toBe("waypost");
    expect(await req.json()).toEqual(call.body);
  });
});

describe("UPS rating response", () => {
  it("fixtures are valid UPS responses", () => {
    expect(validateRateResponse(negotiated)).toEqual([]);
    expect(validateRateResponse(notQualified)).toEqual([]);
  });

  it("prefers negotiated charges, in integer minor units, with transit days and the delivery date", () => {
    const r = parseRateResponse(negotiated, { negotiatedRequested: true });
    expect(r.quotes[0]).toEqual({ serviceCode: "03", price: { amount: 1524, currency: "USD" }, transitDays: { min: 3, max: 3 } });
    expect(r.details[0]).toEqual({
      serviceCode: "03",
      negotiated: true,
      published: { amount: 1905, currency: "USD" },
      billingWeight: { value: "9", unit: "LBS" },
      deliveryDate: "2026-12-04",
    });
    expect(r.quotes.map((q) => q.serviceCode)).toEqual(["03", "02", "01"]);
    expect(r.messages.map((m) => m.code)).toEqual(["none/ups_alert_110971"]);
  });

  it("keeps only the services asked for", () => {
    expect(parseRateResponse(negotiated, { services: ["02"] }).quotes.map((q) => q.serviceCode)).toEqual(["02"]);
  });

  it("falls back to published charges and diagnoses alert 120900 in plain language", () => {
    const r = parseRateResponse(notQualified, { negotiatedRequested: true });
    expect(r.quotes[0].price).toEqual({ amount: 1905, currency: "USD" });
    expect(r.details[0].negotiated).toBe(false);
    const diagnosis = r.messages.find((m) => m.code === "fix_settings/negotiated_rates_not_authorised");
    expect(diagnosis).toMatchObject({ level: "warning", upsCode: "120900", action: "fix_settings" });
    expect(diagnosis?.message).toMatch(/account executive/);
    expect(diagnosis?.message).toMatch(/Campus Ship/);
    expect(r.messages.filter((m) => m.upsCode === "120900")).toHaveLength(1);
  });

  it("diagnoses negotiated rates that never came back even without an alert", () => {
    const plain = structuredClone(notQualified) as any;
    plain.RateResponse.Response.Alert = [];
    plain.RateResponse.RatedShipment[0].RatedShipmentAlert = [];
    expect(parseRateResponse(plain, { negotiatedRequested: true }).messages.map((m) => m.code)).toEqual(["fix_settings/negotiated_rates_missing"]);
  });

  it("accepts a single RatedShipment object as older versions send it", () => {
    const single = structuredClone(negotiated) as any;
    single.RateResponse.RatedShipment = single.RateResponse.RatedShipment[0];
    expect(parseRateResponse(single).quotes).toHaveLength(1);
  });
});

describe("UPS rating errors", () => {
  it("turns a body that is not a rate response into a retry-later message, not a throw", () => {
    const r = parseRateResponse({ RateResponse: { Response: {} } });
    expect(r.quotes).toEqual([]);
    expect(r.messages[0]).toMatchObject({ level: "error", code: "retry_later/malformed_response" });
  });

  it("turns an unparseable charge into a message and keeps the other services", () => {
    const bad = structuredClone(negotiated) as any;
    bad.RateResponse.RatedShipment[0].NegotiatedRateCharges.TotalCharge.MonetaryValue = "abc";
    const r = parseRateResponse(bad);
    expect(r.quotes.map((q) => q.serviceCode)).toEqual(["02", "01"]);
    expect(r.messages.some((m) => m.code === "retry_later/malformed_response")).toBe(true);
  });

  it("error fixtures carry UPS's error envelope", async () => {
    const { parseUpsErrors } = await import("./errors");
    expect(parseUpsErrors(JSON.stringify(authError))).toEqual([{ code: "250002", message: "Invalid Authentication Information." }]);
    expect(parseUpsErrors(JSON.stringify(accountError))?.[0].code).toBe("111580");
  });
});
