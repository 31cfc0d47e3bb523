import { describe, expect, it } from "vitest";
import { RateTableSchema } from "~/domain/rate-table";
import { safeRate } from "../carrier";
import { sampleRateRequest } from "../../../tests/fakes/carrier-source/sample-request";
import { createTableSource } from "./rate";

const ground = RateTableSchema.parse({
  basis: "weight",
  currency: "USD",
  bands: [{ maxGrams: 1000, price: 500 }, { minGrams: 1000, maxGrams: 5000, price: 900 }],
});
const freeOver50 = RateTableSchema.parse({
  basis: "subtotal",
  currency: "USD",
  bands: [{ maxSubtotal: 5000, price: 700 }, { minSubtotal: 5000, price: 0 }],
});
const source = createTableSource({ tables: { GROUND: ground, STANDARD: freeOver50 }, transitDays: { GROUND: { min: 2, max: 5 } } });

const pkg = (billableGrams: number) => ({ grams: billableGrams, billableGrams, dimensionsMm: { l: 100, w: 100, h: 100 } });
const rate = (over: Parameters<typeof sampleRateRequest>[0]) => source.rate(sampleRateRequest(over), { signal: new AbortController().signal });

describe("table source", () => {
  it("prices weight bands per package and sums them", async () => {
    const r = await rate({ services: ["GROUND"], packages: [pkg(800), pkg(2000)] });
    expect(r.quotes).toEqual([{ serviceCode: "GROUND", price: { amount: 1400, currency: "USD" }, transitDays: { min: 2, max: 5 } }]);
  });

  it("prices subtotal bands once per order, whatever the package count", async () => {
    const r = await rate({ services: ["STANDARD"], packages: [pkg(800), pkg(2000), pkg(100)], subtotal: { amount: 4000, currency: "USD" } });
    expect(r.quotes).toEqual([{ serviceCode: "STANDARD", price: { amount: 700, currency: "USD" } }]);
  });

  it("quotes every table when no services are named", async () => {
    const r = await rate({ services: [] });
    expect(r.quotes.map((q) => q.serviceCode)).toEqual(["GROUND", "STANDARD"]);
  });

  it("reports a package no band covers and still quotes the other services", async () => {
    const r = await rate({ services: ["GROUND", "STANDARD"], packages: [pkg(800), pkg(31500)] });
    expect(r.quotes.map((q) => q.serviceCode)).toEqual(["STANDARD"]);
    expect(r.messages).toEqual([{ level: "error", code: "no_band", serviceCode: "GROUND", message: "package 2: no band covers 31500 g" }]);
  });

  it("warns about a service it has no table for", async () => {
    const r = await rate({ services: ["OVERNIGHT"] });
    expect(r.messages).toMatchObject([{ level: "warning", code: "unknown_service", serviceCode: "OVERNIGHT" }]);
  });

  it("refuses to quote a request in another currency", async () => {
    const r = await rate({ services: ["GROUND"], currency: "CAD", subtotal: { amount: 1, currency: "CAD" } });
    expect(r.quotes).toEqual([]);
    expect(r.messages[0].code).toBe("currency_mismatch");
  });

  it("passes safeRate's validation", async () => {
    const r = await safeRate(source, sampleRateRequest(), { signal: new AbortController().signal, timeoutMs: 100 });
    expect(r.outcome).toBe("ok");
    expect(r.quotes).toHaveLength(2);
  });
});
