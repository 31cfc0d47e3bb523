// The four karrio-style tests for Shipping Options (domestic price + delivery commitment in one call).
import { describe, expect, it } from "vitest";
import responseFixture from "./__fixtures__/shipping-options-response.json";
import { UspsClient } from "./client.server";
import { problemFromHttp } from "./errors";
import { priceTerms } from "./price-request";
import { pickPrices, toRateResult } from "./price-response";
import { USPS_HOSTS } from "./settings";
import { domesticOptionsQuery, parseDomesticOptions, SHIPPING_OPTIONS_PATH } from "./shipping-options";
import { rateRequest, recordingFetch, secrets, settings } from "./test-support";

const contract = settings({ crid: "1", mid: "2", paymentAccount: { type: "EPS", number: "1000012345" } });

describe("USPS shipping options", () => {
  it("maps a rate request to an options search for every outbound class, with the contract account", () => {
    const req = rateRequest();
    const built = domesticOptionsQuery(req, req.packages[0], ["USPS_GROUND_ADVANTAGE", "PRIORITY_MAIL"], priceTerms(contract), "2026-12-01");
    expect(built.ok && built.body).toEqual({
      originZIPCode: "22407",
      destinationZIPCode: "63118",
      destinationEntryFacilityType: "NONE",
      packageDescription: { weight: 1, length: 12, width: 9, height: 4, mailClass: "ALL_OUTBOUND", mailingDate: "2026-12-01" },
      pricingOptions: [{ priceType: "CONTRACT", paymentAccount: { accountType: "EPS", accountNumber: "1000012345" } }],
    });
  });

  it("posts to the shipments endpoint with a Bearer token", async () => {
    const { fetch, calls } = recordingFetch([{ status: 200, body: responseFixture }]);
    const client = new UspsClient({ baseUrl: USPS_HOSTS.test, fetch, now: () => 0, secrets: secrets({ accessToken: "t", accessTokenExpiresAt: 3_600_000 }), saveSecrets: async () => {}, quota: { take: async () => null, rateLimited: async () => {} } });
    await client.postJson(SHIPPING_OPTIONS_PATH, {}, new AbortController().signal);
    expect(calls[0].url).toBe("https://apis-tem.usps.com/shipments/v3/options/search");
    expect(new Headers(calls[0].init.headers).get("authorization")).toBe("Bearer t");
  });

  it("parses prices with USPS's delivery commitment as transit days and expected date", () => {
    const parsed = parseDomesticOptions(responseFixture);
    if (!parsed.ok) throw new Error(parsed.detail);
    const prices = pickPrices(parsed.value, ["USPS_GROUND_ADVANTAGE", "PRIORITY_MAIL"], { rateIndicator: "SP" });
    expect(prices.get("PRIORITY_MAIL")).toMatchObject({ cents: 1285, transitDays: { min: 2, max: 2 }, expectedDeliveryDate: "2026-12-03" });
    expect(toRateResult([prices], ["USPS_GROUND_ADVANTAGE"], "USD").quotes).toEqual([
      { serviceCode: "USPS_GROUND_ADVANTAGE", price: { amount: 802, currency: "USD" }, transitDays: { min: 4, max: 4 } },
    ]);
  });

  it("refuses an answer without pricing options and reads errors like the other price APIs", () => {
    expect(parseDomesticOptions({ rateOptions: [] }).ok).toBe(false);
    expect(problemFromHttp(403, { error: { code: "403", message: "Forbidden" } }, null, 0)).toMatchObject({ action: "fix_settings" });
  });
});
