// The four karrio-style tests for International Prices v3 total-rates search.
import { describe, expect, it } from "vitest";
import requestFixture from "./__fixtures__/international-total-rates-request.json";
import responseFixture from "./__fixtures__/international-total-rates-response.json";
import { UspsClient } from "./client.server";
import { problemFromHttp } from "./errors";
import { INTERNATIONAL_TOTAL_RATES_PATH } from "./index.server";
import { internationalTotalRatesQuery, priceTerms, wantedMailClasses } from "./price-request";
import { parseTotalRates, pickPrices, toRateResult } from "./price-response";
import { USPS_HOSTS } from "./settings";
import { address, rateRequest, recordingFetch, secrets, settings } from "./test-support";

const toCanada = rateRequest({ destination: address({ country: "CA", postalCode: "K1A 0B1" }) });

describe("USPS international prices", () => {
  it("maps a rate request to an international total-rates query for every class at once", () => {
    const classes = wantedMailClasses(toCanada, settings()).map((s) => s.code);
    expect(classes).toEqual(["FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE", "PRIORITY_MAIL_INTERNATIONAL", "PRIORITY_MAIL_EXPRESS_INTERNATIONAL"]);
    const built = internationalTotalRatesQuery(toCanada, toCanada.packages[0], classes, priceTerms(settings()), "2026-12-01");
    expect(built.ok && built.body).toEqual(requestFixture);
    const one = internationalTotalRatesQuery(toCanada, toCanada.packages[0], ["PRIORITY_MAIL_INTERNATIONAL"], priceTerms(settings()), "2026-12-01");
    expect(one.ok && one.body.mailClass).toBe("PRIORITY_MAIL_INTERNATIONAL");
  });

  it("posts to the international prices endpoint on the production host with a Bearer token", async () => {
    const { fetch, calls } = recordingFetch([{ status: 200, body: responseFixture }]);
    const client = new UspsClient({
      baseUrl: USPS_HOSTS.production,
      fetch,
      now: () => 0,
      secrets: secrets({ accessToken: "cached", accessTokenExpiresAt: 3_600_000 }),
      saveSecrets: async () => {},
      quota: { take: async () => null, rateLimited: async () => {} },
    });
    await client.postJson(INTERNATIONAL_TOTAL_RATES_PATH, requestFixture, new AbortController().signal);
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe("https://apis.usps.com/international-prices/v3/total-rates/search");
    expect(new Headers(calls[0].init.headers).get("authorization")).toBe("Bearer cached");
  });

  it("parses the answer, choosing the single-piece parcel price over flat-rate boxes", () => {
    const parsed = parseTotalRates(responseFixture);
    if (!parsed.ok) throw new Error(parsed.detail);
    const wanted = ["FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE", "PRIORITY_MAIL_INTERNATIONAL", "PRIORITY_MAIL_EXPRESS_INTERNATIONAL"];
    const result = toRateResult([pickPrices(parsed.value.rateOptions, wanted, { rateIndicator: "SP" })], wanted, "USD");
    expect(result.quotes).toEqual([
      { serviceCode: "FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE", price: { amount: 1935, currency: "USD" } },
      { serviceCode: "PRIORITY_MAIL_INTERNATIONAL", price: { amount: 5130, currency: "USD" }, transitDays: { min: 6, max: 10 } },
    ]);
  });

  it("reads an international error as a message and refuses malformed answers", () => {
    const body = { apiVersion: "3", error: { code: "400", message: "Bad Request", errors: [{ code: "160396", detail: "At least 1 item is required" }] } };
    expect(problemFromHttp(400, body, null, 0)).toMatchObject({ action: "not_quotable", code: "160396" });
    expect(parseTotalRates("{\"rateOptions\":").ok).toBe(false);
    expect(parseTotalRates({ rateOptions: [{ rates: [] }] }).ok).toBe(false);
  });
});
