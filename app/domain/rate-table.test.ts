import { describe, expect, it } from "vitest";
import { priceFromTable, type RateTable, RateTableSchema } from "./rate-table";

const usd = (amount: number) => ({ amount, currency: "USD" });
const table = (input: Omit<RateTable, "currency"> & { currency?: string }) => RateTableSchema.parse({ currency: "USD", ...input });

const byWeight = table({
  basis: "weight",
  bands: [
    { maxGrams: 1000, price: 500 },
    { minGrams: 1000, maxGrams: 5000, price: 900 },
    { minGrams: 5000, maxGrams: 30000, price: 2000 },
  ],
});

describe("priceFromTable", () => {
  it("prices by the weight band that contains the billable weight", () => {
    expect(priceFromTable(byWeight, { billableGrams: 0, subtotal: usd(0) })).toEqual({ price: usd(500) });
    expect(priceFromTable(byWeight, { billableGrams: 999, subtotal: usd(0) })).toEqual({ price: usd(500) });
    expect(priceFromTable(byWeight, { billableGrams: 1000, subtotal: usd(0) })).toEqual({ price: usd(900) });
  });

  it("says which weight no band covers", () => {
    expect(priceFromTable(byWeight, { billableGrams: 31500, subtotal: usd(0) })).toEqual({ error: "no band covers 31500 g" });
  });

  it("prices weight beyond the last band per started step", () => {
    const t = table({ ...byWeight, extraWeight: { perGrams: 1000, price: 150 } });
    expect(priceFromTable(t, { billableGrams: 30000, subtotal: usd(0) })).toEqual({ price: usd(2150) });
    expect(priceFromTable(t, { billableGrams: 31500, subtotal: usd(0) })).toEqual({ price: usd(2300) });
  });

  it("prices by subtotal", () => {
    const t = table({ basis: "subtotal", bands: [{ maxSubtotal: 5000, price: 800 }, { minSubtotal: 5000, price: 0 }] });
    expect(priceFromTable(t, { billableGrams: 99999, subtotal: usd(4999) })).toEqual({ price: usd(800) });
    expect(priceFromTable(t, { billableGrams: 99999, subtotal: usd(5000) })).toEqual({ price: usd(0) });
  });

  it("prices by weight and subtotal together", () => {
    const t = table({
      basis: "weight_and_subtotal",
      bands: [
        { maxGrams: 2000, maxSubtotal: 10000, price: 700 },
        { minGrams: 2000, maxGrams: 5000, maxSubtotal: 10000, price: 1200 },
        { maxGrams: 5000, minSubtotal: 10000, price: 0 },
      ],
      extraWeight: { perGrams: 500, price: 100 },
    });
    expect(priceFromTable(t, { billableGrams: 2500, subtotal: usd(9999) })).toEqual({ price: usd(1200) });
    expect(priceFromTable(t, { billableGrams: 2500, subtotal: usd(10000) })).toEqual({ price: usd(0) });
    expect(priceFromTable(t, { billableGrams: 5200, subtotal: usd(10000) })).toEqual({ price: usd(100) });
  });

  it("says which weight and subtotal no band covers", () => {
    const t = table({ basis: "weight_and_subtotal", bands: [{ maxGrams: 2000, maxSubtotal: 10000, price: 700 }] });
    expect(priceFromTable(t, { billableGrams: 1000, subtotal: usd(12000) })).toEqual({ error: "no band covers 1000 g with a subtotal of 120.00 USD" });
  });

  it("refuses a subtotal in another currency", () => {
    expect(priceFromTable(byWeight, { billableGrams: 10, subtotal: { amount: 1, currency: "EUR" } })).toEqual({
      error: "the table is in USD but the subtotal is in EUR",
    });
  });
});

describe("RateTableSchema validation", () => {
  const issues = (input: unknown) => {
    const r = RateTableSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it("accepts touching half-open bands", () => {
    expect(issues({ basis: "weight", currency: "USD", bands: [{ maxGrams: 1000, price: 1 }, { minGrams: 1000, price: 2 }] })).toEqual([]);
  });

  it("names the overlapping bands and where they overlap", () => {
    expect(
      issues({ basis: "weight", currency: "USD", bands: [{ minGrams: 0, maxGrams: 1000, price: 1 }, { minGrams: 500, maxGrams: 2000, price: 2 }] }),
    ).toEqual(["Bands 1 (0–1000 g) and 2 (500–2000 g) overlap at 500–1000 g."]);
  });

  it("treats an open-ended band as reaching every weight above it", () => {
    expect(issues({ basis: "weight", currency: "USD", bands: [{ minGrams: 1000, price: 1 }, { minGrams: 5000, maxGrams: 6000, price: 2 }] })).toEqual([
      "Bands 1 (1000 g and up) and 2 (5000–6000 g) overlap at 5000–6000 g.",
    ]);
  });

  it("allows the same weights for different subtotals", () => {
    expect(
      issues({
        basis: "weight_and_subtotal",
        currency: "USD",
        bands: [{ maxGrams: 1000, maxSubtotal: 5000, price: 1 }, { maxGrams: 1000, minSubtotal: 5000, price: 2 }],
      }),
    ).toEqual([]);
  });

  it("reports a band whose minimum is not below its maximum", () => {
    expect(issues({ basis: "weight", currency: "USD", bands: [{ minGrams: 2000, maxGrams: 1000, price: 1 }] })).toContain(
      "Band 1: minGrams 2000 must be below maxGrams 1000.",
    );
  });

  it("reports a range that the table's basis ignores", () => {
    expect(issues({ basis: "weight", currency: "USD", bands: [{ maxSubtotal: 100, price: 1 }] })).toEqual([
      "Band 1: sets a subtotal range but the table is priced by weight only.",
    ]);
  });

  it("reports extra weight pricing without a weight band to start from", () => {
    expect(issues({ basis: "weight", currency: "USD", bands: [{ price: 1 }], extraWeight: { perGrams: 100, price: 1 } })).toEqual([
      "Extra weight pricing needs a band with a maximum weight to start from.",
    ]);
    expect(issues({ basis: "subtotal", currency: "USD", bands: [{ price: 1 }], extraWeight: { perGrams: 100, price: 1 } })).toEqual([
      "Extra weight pricing needs a table priced by weight.",
    ]);
  });

  it("rejects fractional prices", () => {
    expect(issues({ basis: "weight", currency: "USD", bands: [{ price: 1.5 }] }).length).toBe(1);
  });
});
