// The USPS fake itself: it must reject what real USPS would reject, or the connector tests prove nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { domesticBaseRatesQuery, internationalTotalRatesQuery, priceTerms } from "~/carriers/usps/price-request";
import { domesticOptionsQuery, parseDomesticOptions } from "~/carriers/usps/shipping-options";
import { address, rateRequest, settings } from "~/carriers/usps/test-support";
import domesticRequest from "~/carriers/usps/__fixtures__/domestic-total-rates-request.json";
import internationalRequest from "~/carriers/usps/__fixtures__/international-total-rates-request.json";
import { startUspsFake, uspsSchemaErrors, type UspsFake } from "./usps";

let fake: UspsFake;
let clock = 0;
beforeEach(async () => {
  clock = Date.parse("2026-12-01T12:00:00Z");
  fake = await startUspsFake({ now: () => clock, quotaPerHour: 5 });
});
afterEach(() => fake.close());

async function token(): Promise<string> {
  const r = await fetch(`${fake.url}/oauth2/v3/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: fake.state.clientId, client_secret: fake.state.clientSecret }),
  });
  return ((await r.json()) as { access_token: string }).access_token;
}
const post = (path: string, body: unknown, tok: string) =>
  fetch(`${fake.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${tok}`, "content-type": "application/json" }, body: JSON.stringify(body) });

describe("USPS fake", () => {
  it("validates bodies against the official OpenAPI schema and answers 400 in USPS's envelope", async () => {
    const tok = await token();
    const r = await post("/prices/v3/total-rates/search", { originZIPCode: "2240", destinationZIPCode: "63118", weight: 1, length: 1, width: 1, height: 1, surprise: true }, tok);
    expect(r.status).toBe(400);
    const body = (await r.json()) as { error: { errors: { detail: string }[] } };
    expect(body.error.errors.map((e) => e.detail).join(" ")).toMatch(/additional properties/);
    expect(fake.state.invalidBodies[0].errors.join(" ")).toMatch(/originZIPCode must match pattern/);
  });

  it("holds the connector's request fixtures valid against the official schemas", () => {
    expect(uspsSchemaErrors("domesticTotal", domesticRequest)).toEqual([]);
    expect(uspsSchemaErrors("internationalTotal", internationalRequest)).toEqual([]);
    expect(uspsSchemaErrors("domesticTotal", { ...domesticRequest, weight: "1" })).toEqual(["/weight must be number"]);
  });

  it("accepts the connector's base-rates and international bodies as valid", async () => {
    const tok = await token();
    const req = rateRequest();
    const base = domesticBaseRatesQuery(req, req.packages[0], "USPS_GROUND_ADVANTAGE", priceTerms(settings()), "2026-12-01");
    expect((await post("/prices/v3/base-rates/search", base.ok && base.body, tok)).status).toBe(200);
    const intl = rateRequest({ destination: address({ country: "JP", postalCode: "100-0001" }) });
    const built = internationalTotalRatesQuery(intl, intl.packages[0], ["PRIORITY_MAIL_INTERNATIONAL"], priceTerms(settings()), "2026-12-01");
    expect((await post("/international-prices/v3/total-rates/search", built.ok && built.body, tok)).status).toBe(200);
    expect(fake.state.invalidBodies).toEqual([]);
  });

  it("answers a shipping-options search, valid against its schema, with commitments per class", async () => {
    const tok = await token();
    const req = rateRequest();
    const terms = priceTerms(settings({ crid: "1", mid: "2", paymentAccount: { type: "EPS", number: "1000012345" } }));
    const built = domesticOptionsQuery(req, req.packages[0], ["USPS_GROUND_ADVANTAGE", "PRIORITY_MAIL"], terms, "2026-12-01");
    const r = await post("/shipments/v3/options/search", built.ok && built.body, tok);
    expect(r.status).toBe(200);
    const parsed = parseDomesticOptions(await r.json());
    expect(parsed.ok && parsed.value.map((o) => o.commitment?.name)).toContain("2 Days");
    expect(fake.state.invalidBodies).toEqual([]);
    expect(uspsSchemaErrors("shippingOptions", { originZIPCode: "22407", destinationZIPCode: "63118", packageDescription: { weight: 1, length: 1, width: 1, height: 1 } })).not.toEqual([]);
  });

  it("counts token and price calls against the hourly quota and answers 429 with Retry-After", async () => {
    const tok = await token();
    for (let i = 0; i < 4; i++) await post("/prices/v3/total-rates/search", {}, tok);
    const r = await post("/prices/v3/total-rates/search", {}, tok);
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("3600");
    clock += 3_600_001;
    expect((await post("/prices/v3/total-rates/search", {}, tok)).status).toBe(400);
    fake.state.invalidBodies.length = 0;
  });

  it("refuses expired tokens and revoked credentials", async () => {
    const tok = await token();
    fake.state.expireTokens();
    expect((await post("/prices/v3/total-rates/search", {}, tok)).status).toBe(401);
    fake.state.revokeCredentials();
    const r = await fetch(`${fake.url}/oauth2/v3/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: fake.state.clientId, client_secret: fake.state.clientSecret }),
    });
    expect(r.status).toBe(401);
  });
});
