import { describe, expect, it } from "vitest";
import { ServiceConfigSchema } from "~/domain/shipping-config";
import { sampleRateRequest } from "../../../tests/fakes/carrier-source/sample-request";
import services from "./__fixtures__/zone-services.json";
import { tableCarrier } from "./index";

const setup = { services: services.map((s) => ServiceConfigSchema.parse(s)) };
const deps = { fetch: () => Promise.reject(new Error("the table carrier makes no HTTP calls")), now: () => 0 };

describe("the table carrier connector", () => {
  it("needs no connection and rates from the zone's own tables, with their delivery days as transit", async () => {
    expect(tableCarrier.requiresConnection).toBe(false);
    const source = tableCarrier.createSource(null, deps, setup);
    const result = await source.rate(sampleRateRequest({ services: ["ground", "standard"] }), { signal: new AbortController().signal });
    expect(result.quotes).toEqual([
      { serviceCode: "ground", price: { amount: 900, currency: "USD" }, transitDays: { min: 2, max: 5 } },
      { serviceCode: "standard", price: { amount: 0, currency: "USD" } },
    ]);
  });

  it("accepts only empty settings and secrets", () => {
    expect(tableCarrier.settingsSchema.safeParse({}).success).toBe(true);
    expect(tableCarrier.secretsSchema.safeParse({ token: "x" }).success).toBe(false);
  });
});
