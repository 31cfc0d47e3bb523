// The fake UPS keeps to the contract: it refuses what UPS would refuse and answers in the spec's shape.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RateRequestSchema } from "~/carriers/carrier";
import { buildRateRequest } from "~/carriers/ups/rate-request";
import input from "~/carriers/ups/__fixtures__/rate-request.input.json";
import { startUpsFake, validateRateResponse, type UpsFake } from "./ups";

let fake: UpsFake;
let token: string;
beforeEach(async () => {
  fake = await startUpsFake();
  token = fake.state.issueTokens("waypost-app", false).access_token;
});
afterEach(() => fake.close());

const settings = { accountNumber: "A1B2C3", accountPostalCode: "30005", accountCountry: "US" };
const post = (path: string, body: unknown) =>
  fetch(`${fake.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });

describe("UPS fake", () => {
  it("answers Shop, Rate and international time in transit with spec-valid responses", async () => {
    const req = RateRequestSchema.parse(input);
    const calls = [
      buildRateRequest(req, { settings, pickupDate: "20261201" }),
      buildRateRequest({ ...req, services: ["02"] }, { settings }),
      buildRateRequest({ ...req, destination: { ...req.destination, country: "CA", province: "ON", postalCode: "K2P1L4" } }, { settings, pickupDate: "20261201" }),
    ];
    for (const call of calls) {
      const res = await post(call.path, call.body);
      expect(res.status).toBe(200);
      expect(validateRateResponse(await res.json())).toEqual([]);
    }
    expect(fake.state.violations).toEqual([]);
  });

  it("refuses a field the spec does not declare, the way a typo would silently lose a discount", async () => {
    const call = buildRateRequest(RateRequestSchema.parse(input), { settings });
    (call.body.RateRequest.Shipment as any).ShipmentRatingOptions = { NegotiatedRateIndicator: "Y" };
    const res = await post(call.path, call.body);
    expect(res.status).toBe(400);
    expect(fake.state.violations.join("\n")).toContain('NegotiatedRateIndicator');
  });

  it("refuses a missing required field and a bad token", async () => {
    const call = buildRateRequest(RateRequestSchema.parse(input), { settings });
    delete (call.body.RateRequest.Request as any).RequestOption;
    expect((await post(call.path, call.body)).status).toBe(400);
    token = "nope";
    const res = await post(call.path, buildRateRequest(RateRequestSchema.parse(input), { settings }).body);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ response: { errors: [{ code: "250002", message: "Invalid Authentication Information." }] } });
  });

  it("rotates refresh tokens: the old one is refused after use", async () => {
    const { refresh_token } = fake.state.issueTokens("waypost-app", true);
    const refresh = () =>
      fetch(`${fake.url}/security/v1/oauth/refresh`, {
        method: "POST",
        headers: { authorization: `Basic ${Buffer.from("waypost-app:waypost-app-secret").toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token }),
      });
    expect((await refresh()).status).toBe(200);
    expect((await refresh()).status).toBe(401);
  });
});
