import { describe, expect, it } from "vitest";
import { buildFxTable, fxTableFor, MissingExchangeRateError } from "./fx";

const rates = [
  { base: "EUR", quote: "USD", rate: "1.16", date: "2026-11-30", source: "ECB" },
  { base: "EUR", quote: "JPY", rate: "180.25", date: "2026-11-30", source: "ECB" },
];

describe("exchange-rate table", () => {
  it("converts with the direct rate and names it", () => {
    expect(buildFxTable(rates).convert(10000, "EUR", "USD")).toEqual({ amount: 11600, trace: "EUR 100.00 → USD 116.00 at 1 EUR = 1.16 USD (ECB, 2026-11-30)" });
  });

  it("inverts a rate exactly and rounds half away from zero once", () => {
    // 1.00 USD / 1.16 = 0.86206… EUR → 0.86
    expect(buildFxTable(rates).convert(100, "USD", "EUR").amount).toBe(86);
    // 0.58 USD / 1.16 = 0.5 EUR exactly
    expect(buildFxTable(rates).convert(58, "USD", "EUR").amount).toBe(50);
  });

  it("crosses through a shared currency and respects zero-decimal currencies", () => {
    const c = buildFxTable(rates).convert(11600, "USD", "JPY");
    expect(c.amount).toBe(18025);
    expect(c.trace).toContain("inverted");
  });

  it("refuses to guess a missing rate", () => {
    expect(() => buildFxTable(rates).convert(100, "GBP", "EUR")).toThrow(MissingExchangeRateError);
  });

  it("builds the table once per settings array", () => {
    expect(fxTableFor(rates)).toBe(fxTableFor(rates));
  });
});
