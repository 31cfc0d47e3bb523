import { describe, expect, it } from "vitest";
import { formatDeliveryWindow, formatGrams, formatLength, formatMoney, formatShopifyPrice } from "./format";

describe("display formatting", () => {
  it("formats minor units with the currency symbol", () => {
    expect(formatMoney(1250, "USD", "en-US")).toBe("$12.50");
    expect(formatMoney(1000, "JPY", "en-US")).toBe("¥1,000");
  });

  it("reads Shopify's subunits, which are ×100 for zero-decimal currencies", () => {
    expect(formatShopifyPrice("100000", "JPY", "en-US")).toBe("¥1,000");
    expect(formatShopifyPrice("990", "USD", "en-US")).toBe("$9.90");
  });

  it("shows the shop-local delivery days whatever the offset", () => {
    expect(formatDeliveryWindow("2025-03-05 12:00:00 -0500", "2025-03-07 12:00:00 -0500", "en-US")).toBe("Mar 5 – Mar 7");
    expect(formatDeliveryWindow("2025-03-05T12:00:00+09:00", "2025-03-05T12:00:00+09:00", "en-US")).toBe("Mar 5");
    expect(formatDeliveryWindow(undefined, undefined)).toBe("");
  });
});

describe("weights and lengths in the shop's unit", () => {
  it("shows pounds with two decimals at most, never 11.023 lb", () => {
    expect(formatGrams(5000, "lb")).toBe("11.02 lb");
    expect(formatGrams(4536, "lb")).toBe("10 lb");
    expect(formatGrams(1500, "kg")).toBe("1.5 kg");
  });

  it("keeps three decimals for light items so they do not read as zero", () => {
    expect(formatGrams(30, "kg")).toBe("0.03 kg");
    expect(formatGrams(5, "lb")).toBe("0.011 lb");
  });

  it("shows millimetres in inches or centimetres with one decimal at most", () => {
    expect(formatLength(609.6, "in")).toBe("24 in");
    expect(formatLength(305, "cm")).toBe("30.5 cm");
  });
});
