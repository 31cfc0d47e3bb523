// UPS Landed Cost: pure request mapping and response parsing against fixtures, and the call itself against the
// spec-validating loopback fake (endpoint, bearer token, account header, failures as data).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startUpsFake, validateLandedCostRequest, type UpsFake } from "../../../tests/fakes/ups";
import type { LandedCostQuoteRequest } from "../connector";
import { createClientState } from "./client.server";
import { createUpsConnector } from "./index.server";
import { buildLandedCostRequest, parseLandedCostResponse, LANDED_COST_PATH } from "./landed-cost";
import type { UpsSecrets, UpsSettings } from "./settings";
import input from "./__fixtures__/landed-cost-request.input.json";
import expectedBody from "./__fixtures__/landed-cost-request.json";
import response from "./__fixtures__/landed-cost-response.json";
import errorBody from "./__fixtures__/landed-cost-error.json";

const req = input as LandedCostQuoteRequest;
const APP = { clientId: "waypost-app", clientSecret: "waypost-app-secret" };

describe("UPS Landed Cost request mapping", () => {
  it("maps currency, countries and items (HS code, origin, price, quantity, weight) to a spec-valid request", () => {
    const call = buildLandedCostRequest(req, { accountNumber: "A1B2C3" });
    expect(call.path).toBe("/api/landedcost/v1/quotes");
    expect(call.accountNumber).toBe("A1B2C3");
    expect(call.body).toEqual(expectedBody);
    expect(validateLandedCostRequest(call.body)).toEqual([]);
  });
});

describe("UPS Landed Cost response parsing", () => {
  it("turns duties, VAT and fees per item and in total into minor units, with the source and the quote id", () => {
    const q = parseLandedCostResponse(response, req);
    expect(q).toMatchObject({ ok: true, currency: "EUR", source: "UPS Landed Cost API", quoteId: "waypost-lc-0001", messages: [] });
    expect(q.totals).toEqual({ duties: 800, taxes: 2154, fees: 350 });
    expect(q.lines).toEqual([
      { kind: "duty", label: "Duty, HS 610910 ×2", item: 0, amount: 600 },
      { kind: "tax", label: "Import VAT, HS 610910 ×2", item: 0, amount: 1064 },
      { kind: "duty", label: "Duty, HS 420222 ×1", item: 1, amount: 200 },
      { kind: "tax", label: "Import VAT, HS 420222 ×1", item: 1, amount: 1090 },
      { kind: "fee", label: "Disbursement fee", amount: 350 },
    ]);
  });

  it("refuses what it cannot trust: another currency, an item UPS could not calculate, a malformed body", () => {
    const other = structuredClone(response);
    other.shipment.currencyCode = "USD";
    expect(parseLandedCostResponse(other, req)).toMatchObject({ ok: false, lines: [], messages: [{ code: "none/landed_cost_currency" }] });
    const partial = structuredClone(response);
    partial.shipment.shipmentItems[1].isCalculable = false;
    expect(parseLandedCostResponse(partial, req)).toMatchObject({ ok: false, messages: [{ code: "none/landed_cost_not_calculable" }] });
    expect(parseLandedCostResponse({ shipment: { currencyCode: "EUR" } }, req)).toMatchObject({ ok: false, messages: [{ code: "retry_later/malformed_response" }] });
  });
});

describe("UPS Landed Cost against the fake", () => {
  let fake: UpsFake;
  beforeEach(async () => {
    fake = await startUpsFake();
  });
  afterEach(async () => {
    expect(fake.state.violations).toEqual([]);
    await fake.close();
  });

  function source(secrets?: UpsSecrets) {
    const settings: UpsSettings = { accountNumber: "A1B2C3", accountPostalCode: "30005", accountCountry: "US", mode: "test", authKind: "authorization_code" };
    const issued = fake.state.issueTokens(APP.clientId, true);
    const s: UpsSecrets = secrets ?? { kind: "authorization_code", accessToken: issued.access_token, accessTokenExpiresAt: Date.now() + 3_600_000, refreshToken: issued.refresh_token };
    const connector = createUpsConnector({ app: () => APP, cache: createClientState(), timeoutMs: 2_000 });
    expect(connector.capabilities.landedCost).toBe(true);
    const ctx = { id: "conn_1", shop: "demo.myshopify.com", mode: "test" as const, settings, secrets: s, saveSecrets: async () => {} };
    return { source: connector.createLandedCostSource!(ctx, { fetch, now: Date.now, baseUrl: fake.url }), token: s.kind === "authorization_code" ? s.accessToken : "" };
  }

  it("posts to the Landed Cost endpoint with the bearer token, the account header and transId", async () => {
    const { source: lc, token } = source();
    const q = await lc.quote(req, { signal: new AbortController().signal });
    expect(q.ok).toBe(true);
    const call = fake.requests.find((r) => r.path === LANDED_COST_PATH)!;
    expect(call.method).toBe("POST");
    expect(call.headers.authorization).toBe(`Bearer ${token}`);
    expect(call.headers.accountnumber).toBe("A1B2C3");
    expect(call.headers.transid).toMatch(/^[0-9a-f]{32}$/);
    // The fake's figures: 12% duty on apparel, 4% otherwise; 19% VAT on value + duty for DE.
    expect(q.totals).toEqual({ duties: 600 + 200, taxes: 1064 + 988, fees: 0 });
  });

  it("returns UPS errors, 5xx and malformed answers as data, never throwing", async () => {
    const { source: lc } = source();
    const signal = new AbortController().signal;
    fake.faults.next({ kind: "status", status: 400, body: errorBody }, { path: LANDED_COST_PATH });
    const refused = await lc.quote(req, { signal });
    expect(refused).toMatchObject({ ok: false, lines: [] });
    expect(refused.messages[0].message).toContain("Invalid import country code");
    fake.faults.next({ kind: "status", status: 500 }, { path: LANDED_COST_PATH });
    expect((await lc.quote(req, { signal })).messages[0].code).toBe("retry_later/server_error");
    fake.faults.next({ kind: "bad_json" }, { path: LANDED_COST_PATH });
    expect((await lc.quote(req, { signal })).messages[0].code).toBe("retry_later/malformed_response");
  });
});
