import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMoney,
  applyPercent,
  currencyExponent,
  fromShopifySubunits,
  minorToDecimalString,
  parseDecimalToMinor,
  percentOf,
  roundTo,
  toShopifySubunits,
} from "./money";

const currencies = fc.constantFrom("USD", "EUR", "JPY", "KRW", "CLP", "KWD", "BHD", "BRL");

describe("currencyExponent", () => {
  it("knows zero-, two- and three-decimal currencies", () => {
    expect(currencyExponent("JPY")).toBe(0);
    expect(currencyExponent("usd")).toBe(2);
    expect(currencyExponent("KWD")).toBe(3);
  });

  it("assumes two decimals for an unknown but well-formed code", () => {
    expect(currencyExponent("XYZ")).toBe(2);
  });

  it("rejects something that is not a currency code", () => {
    expect(() => currencyExponent("dollars")).toThrow(RangeError);
  });
});

describe("decimal strings", () => {
  it("parses dollars and cents into cents", () => {
    expect(parseDecimalToMinor("19.99", "USD")).toBe(1999);
    expect(parseDecimalToMinor("19", "USD")).toBe(1900);
    expect(parseDecimalToMinor("0.5", "USD")).toBe(50);
    expect(parseDecimalToMinor("-3.10", "EUR")).toBe(-310);
  });

  it("parses yen without a decimal point", () => {
    expect(parseDecimalToMinor("1000", "JPY")).toBe(1000);
  });

  it("parses three-decimal dinars", () => {
    expect(parseDecimalToMinor("1.234", "KWD")).toBe(1234);
  });

  it("rounds a half cent away from zero", () => {
    expect(parseDecimalToMinor("0.125", "USD")).toBe(13);
    expect(parseDecimalToMinor("-0.125", "USD")).toBe(-13);
    expect(parseDecimalToMinor("0.124", "USD")).toBe(12);
  });

  it("rejects text that is not a decimal number", () => {
    expect(() => parseDecimalToMinor("12,50", "EUR")).toThrow(RangeError);
    expect(() => parseDecimalToMinor("", "EUR")).toThrow(RangeError);
  });

  it("formats minor units back into a decimal string", () => {
    expect(minorToDecimalString(1999, "USD")).toBe("19.99");
    expect(minorToDecimalString(-5, "USD")).toBe("-0.05");
    expect(minorToDecimalString(1000, "JPY")).toBe("1000");
    expect(minorToDecimalString(1234, "KWD")).toBe("1.234");
  });

  it("round-trips any integer amount through a decimal string", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), currencies, (amount, currency) => {
        expect(parseDecimalToMinor(minorToDecimalString(amount, currency), currency)).toBe(amount);
      }),
    );
  });
});

describe("Shopify subunits", () => {
  it("sends cents unchanged for a two-decimal currency", () => {
    expect(toShopifySubunits({ amount: 1295, currency: "CAD" })).toBe("1295");
  });

  it("multiplies a currency without subunits by 100", () => {
    expect(toShopifySubunits({ amount: 1000, currency: "JPY" })).toBe("100000");
    expect(fromShopifySubunits("100000", "JPY")).toEqual({ amount: 1000, currency: "JPY" });
  });

  it("round-trips any amount through Shopify's subunits", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e10, max: 1e10 }), currencies, (amount, currency) => {
        const m = { amount, currency };
        expect(fromShopifySubunits(toShopifySubunits(m), currency)).toEqual(m);
      }),
    );
  });

  it("rejects fractional subunits", () => {
    expect(() => fromShopifySubunits("12.5", "USD")).toThrow(RangeError);
  });
});

describe("applyPercent", () => {
  it("adds a ten percent markup", () => {
    expect(applyPercent(1200, 1000)).toBe(1320);
  });

  it("rounds a half cent up", () => {
    expect(percentOf(5, 1000)).toBe(1); // 0.5 → 1
    expect(applyPercent(1005, 50)).toBe(1010); // 5.025 → 5
    expect(applyPercent(1010, 50)).toBe(1015); // 5.05 → 5
    expect(applyPercent(1, 5000)).toBe(2); // 0.5 → 1
  });

  it("rounds a negative half away from zero so discounts mirror markups", () => {
    expect(percentOf(5, -1000)).toBe(-1);
    expect(applyPercent(1, -5000)).toBe(0);
  });

  it("mirrors a markup and a discount of the same size", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -100_000, max: 100_000 }), (a, bp) => {
        expect(percentOf(a, bp)).toBe(-percentOf(a, -bp) + 0);
        expect(percentOf(-a, bp)).toBe(-percentOf(a, bp) + 0);
      }),
    );
  });

  it("never differs from the exact percentage by more than half a minor unit", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e7, max: 1e7 }), fc.integer({ min: -20_000, max: 20_000 }), (a, bp) => {
        expect(Math.abs(percentOf(a, bp) - (a * bp) / 10_000)).toBeLessThanOrEqual(0.5 + 1e-9);
      }),
    );
  });

  it("rejects a fractional amount", () => {
    expect(() => applyPercent(12.5, 1000)).toThrow(RangeError);
    expect(() => applyPercent(1200, 10.5)).toThrow(RangeError);
  });
});

describe("roundTo", () => {
  const usd = (amount: number) => ({ amount, currency: "USD" });

  it("leaves the price alone with mode none", () => {
    expect(roundTo(usd(1234), "none")).toEqual(usd(1234));
  });

  it("rounds up to the next .99", () => {
    expect(roundTo(usd(1200), "to_99").amount).toBe(1299);
    expect(roundTo(usd(1299), "to_99").amount).toBe(1299);
    expect(roundTo(usd(1300), "to_99").amount).toBe(1399);
    expect(roundTo(usd(1), "to_99").amount).toBe(99);
  });

  it("rounds yen up to the next amount ending in 99", () => {
    expect(roundTo({ amount: 1234, currency: "JPY" }, "to_99").amount).toBe(1299);
    expect(roundTo({ amount: 1299, currency: "JPY" }, "to_99").amount).toBe(1299);
  });

  it("rounds dinars up to the next .990", () => {
    expect(roundTo({ amount: 1234, currency: "KWD" }, "to_99").amount).toBe(1990);
    expect(roundTo({ amount: 1995, currency: "KWD" }, "to_99").amount).toBe(2990);
  });

  it("rounds up to the next whole unit", () => {
    expect(roundTo(usd(1201), "to_whole").amount).toBe(1300);
    expect(roundTo(usd(1300), "to_whole").amount).toBe(1300);
    expect(roundTo({ amount: 1234, currency: "KWD" }, "to_whole").amount).toBe(2000);
    expect(roundTo({ amount: 1234, currency: "JPY" }, "to_whole").amount).toBe(1234);
  });

  it("keeps a free price free", () => {
    expect(roundTo(usd(0), "to_99").amount).toBe(0);
    expect(roundTo(usd(0), "to_whole").amount).toBe(0);
  });

  it("never lowers a price and never raises it by a whole unit or more", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        currencies,
        fc.constantFrom("to_99" as const, "to_whole" as const),
        (amount, currency, mode) => {
          const out = roundTo({ amount, currency }, mode).amount;
          const unit = currencyExponent(currency) === 0 ? 100 : 10 ** currencyExponent(currency);
          expect(out).toBeGreaterThanOrEqual(amount);
          expect(out - amount).toBeLessThan(unit);
        },
      ),
    );
  });

  it("rejects fractional and negative amounts", () => {
    expect(() => roundTo(usd(12.3), "to_99")).toThrow(RangeError);
    expect(() => roundTo(usd(-1), "to_99")).toThrow(RangeError);
  });
});

describe("addMoney", () => {
  it("refuses to add different currencies", () => {
    expect(() => addMoney({ amount: 1, currency: "USD" }, { amount: 1, currency: "EUR" })).toThrow(RangeError);
  });
});
