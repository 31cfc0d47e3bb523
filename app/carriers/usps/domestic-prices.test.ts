// The four karrio-style tests for Domestic Prices v3 total-rates search.
import { describe, expect, it } from "vitest";
import requestFixture from "./__fixtures__/domestic-total-rates-request.json";
import responseFixture from "./__fixtures__/domestic-total-rates-response.json";
import errorFixture from "./__fixtures__/error-030008.json";
import { UspsClient } from "./client.server";
import { problemFromHttp } from "./errors";
import { DOMESTIC_TOTAL_RATES_PATH } from "./index.server";
import { domesticBaseRatesQuery, domesticTotalRatesQuery, priceTerms, wantedMailClasses } from "./price-request";
import { parseTotalRates, pickPrices, toRateResult } from "./price-response";
import { USPS_HOSTS } from "./settings";
import { rateRequest, recordingFetch, secrets, settings } from "./test-support";

const contract = settings({ crid: "56982563", mid: "902000000", paymentAccount: { type: "EPS", number: "1000012345" } });
const day = "2026-12-01";

describe("USPS domestic prices", () => {
  it("maps a rate request to a total-rates query in pounds and inches, with contract terms", () => {
    const req = rateRequest();
    const classes = wantedMailClasses(req, contract).map((s) => s.code);
    const built = domesticTotalRatesQuery(req, req.packages[0], classes, priceTerms(contract), day);
    expect(built.ok && built.body).toEqual(requestFixture);
    const base = domesticBaseRatesQuery(req, req.packages[0], "PRIORITY_MAIL_EXPRESS", priceTerms(settings()), day);
    expect(base.ok && base.body).toMatchObject({ mailClass: "PRIORITY_MAIL_EXPRESS", rateIndicator: "PA", processingCategory: "MACHINABLE", destinationEntryFacilityType: "NONE", priceType: "COMMERCIAL" });
    expect(base.ok && "accountNumber" in base.body).toBe(false);
  });

  it("posts to the prices endpoint on the TEM host with a Bearer token", async () => {
    const { fetch, calls } = recordingFetch([
      { status: 200, body: { access_token: "tok-1", expires_in: "28800", status: "approved" } },
      { status: 200, body: responseFixture },
    ]);
    const client = new UspsClient({ baseUrl: USPS_HOSTS.test, fetch, now: () => 0, secrets: secrets(), saveSecrets: async () => {}, quota: { take: async () => null, rateLimited: async () => {} } });
    const r = await client.postJson(DOMESTIC_TOTAL_RATES_PATH, requestFixture, new AbortController().signal);
    expect(r.ok).toBe(true);
    expect(calls.map((c) => c.url)).toEqual(["https://apis-tem.usps.com/oauth2/v3/token", "https://apis-tem.usps.com/prices/v3/total-rates/search"]);
    expect(new Headers(calls[1].init.headers).get("authorization")).toBe("Bearer tok-1");
    expect(JSON.parse(String(calls[1].init.body))).toEqual(requestFixture);
  });

  it("parses the answer into integer-cent quotes, ignoring flat-rate options and surfacing warning 001", () => {
    const parsed = parseTotalRates(responseFixture);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const wanted = ["USPS_GROUND_ADVANTAGE", "PRIORITY_MAIL", "PRIORITY_MAIL_EXPRESS"];
    const prices = pickPrices(parsed.value.rateOptions, wanted, { rateIndicator: "SP" });
    expect(prices.get("PRIORITY_MAIL")).toMatchObject({ cents: 1285, zone: "05", rateIndicator: "SP", endDate: "2027-01-17" });
    expect(prices.get("PRIORITY_MAIL_EXPRESS")?.fees).toEqual([{ name: "Nonstandard Length > 22", cents: 400 }]);
    const result = toRateResult([prices], wanted, "USD");
    expect(result.quotes).toEqual([
      { serviceCode: "USPS_GROUND_ADVANTAGE", price: { amount: 917, currency: "USD" }, transitDays: { min: 2, max: 5 } },
      { serviceCode: "PRIORITY_MAIL", price: { amount: 1285, currency: "USD" }, transitDays: { min: 1, max: 3 } },
      { serviceCode: "PRIORITY_MAIL_EXPRESS", price: { amount: 4810, currency: "USD" } },
    ]);
    expect(result.messages).toEqual([expect.objectContaining({ level: "warning", code: "usps_contract_rate_not_found", serviceCode: "USPS_GROUND_ADVANTAGE" })]);
  });

  it("reads the 0300xx error envelope as 'not quotable' and rejects a body without rate options", () => {
    const problem = problemFromHttp(400, errorFixture, null, 0);
    expect(problem).toMatchObject({ action: "not_quotable", code: "030008" });
    expect(problem.message).toContain("maximum size");
    expect(parseTotalRates({ rates: [] }).ok).toBe(false);
    expect(parseTotalRates({ rateOptions: [{ totalBasePrice: 1, rates: [{ price: "abc", mailClass: "PRIORITY_MAIL" }] }] }).ok).toBe(false);
  });
});
