// karrio's four tests for Time in Transit: request mapping, endpoint and auth, parse success, parse error.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RateRequestSchema, type RateRequest } from "../carrier";
import { startUpsFake, validateTransitRequest, validateTransitResponse, type UpsFake } from "../../../tests/fakes/ups";
import { createClientState, createUpsClient } from "./client.server";
import { buildTransitRequest, parseTransitResponse } from "./time-in-transit";
import input from "./__fixtures__/rate-request.input.json";
import expectedBody from "./__fixtures__/transit-request.json";
import answer from "./__fixtures__/transit-response.json";

const sample = (over: Partial<RateRequest> = {}): RateRequest => ({ ...RateRequestSchema.parse(input), ...over });

describe("UPS time in transit request", () => {
  it("maps a domestic request to the fixture, valid against the UPS OpenAPI", () => {
    const call = buildTransitRequest(sample(), { shipDate: "2026-12-01" });
    expect(call.path).toBe("/api/shipments/v1/transittimes");
    expect(call.body).toEqual(expectedBody);
    expect(validateTransitRequest(call.body)).toEqual([]);
  });

  it("declares contents value and bill type for an international request, in kilograms from Canada", () => {
    const origin = { country: "CA", province: "ON", postalCode: "K2P 1L4", city: "Ottawa" } as RateRequest["origin"];
    const call = buildTransitRequest(sample({ origin, subtotal: { amount: 12345, currency: "CAD" } }), { shipDate: "2026-12-01", residential: false });
    expect(call.body).toMatchObject({ billType: "03", shipmentContentsValue: 123.45, shipmentContentsCurrencyCode: "CAD", weightUnitOfMeasure: "KGS", weight: 2.8, residentialIndicator: "02" });
    expect(validateTransitRequest(call.body)).toEqual([]);
  });
});

describe("UPS time in transit endpoint and auth", () => {
  let fake: UpsFake;
  beforeEach(async () => {
    fake = await startUpsFake({ clients: { "merchant-app": "merchant-secret" } });
  });
  afterEach(async () => {
    expect(fake.state.violations).toEqual([]);
    await fake.close();
  });

  it("posts to the transit endpoint with a bearer token and gets spec-valid answers", async () => {
    const client = createUpsClient({
      connectionId: "conn_1",
      baseUrl: fake.url,
      fetch,
      now: Date.now,
      cache: createClientState(),
      auth: { kind: "client_credentials", clientId: "merchant-app", clientSecret: "merchant-secret", merchantId: "A1B2C3" },
    });
    const out = await client.transitTimes(buildTransitRequest(sample(), { shipDate: "2026-12-01" }), new AbortController().signal);
    expect(out.ok).toBe(true);
    const call = fake.requests.find((r) => r.path === "/api/shipments/v1/transittimes")!;
    expect(call.headers.authorization).toMatch(/^Bearer \S+$/);
    expect(call.headers.transid).toMatch(/^[0-9a-f]{32}$/);
    if (out.ok) expect(validateTransitResponse(out.value)).toEqual([]);
  });
});

describe("UPS time in transit response", () => {
  it("the fixture is a valid UPS answer", () => {
    expect(validateTransitResponse(answer)).toEqual([]);
  });

  it("maps letter codes to rating codes with business days and ISO delivery dates", () => {
    const { transits, messages } = parseTransitResponse(answer);
    expect(messages).toEqual([]);
    expect(transits.find((t) => t.transitCode === "GND")).toEqual({
      transitCode: "GND",
      serviceCode: "03",
      name: "UPS Ground",
      businessDays: 3,
      deliveryDate: "2026-12-04",
      guaranteed: false,
    });
    expect(transits.map((t) => t.serviceCode)).toEqual(["01", "02", "03"]);
  });

  it("drops every guarantee when UPS suspends them for peak season", () => {
    const peak = structuredClone(answer);
    peak.emsResponse.guaranteeSuspended = true;
    expect(parseTransitResponse(peak).transits.every((t) => !t.guaranteed)).toBe(true);
  });
});

describe("UPS time in transit errors", () => {
  it("an answer with pick lists instead of transit times is a message, not a throw", () => {
    const r = parseTransitResponse({ validationList: { destinationAmbiguous: true }, destinationPickList: [{ countryName: "UNITED STATES" }] });
    expect(r.transits).toEqual([]);
    expect(r.messages[0].code).toBe("retry_later/malformed_response");
  });
});
