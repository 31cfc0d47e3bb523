import { describe, expect, it } from "vitest";
import { formatDateTime, formatDeliveryWindow, formatDimensionsIn, formatGrams, formatLength, formatLengthIn, formatMoney, formatNumber, formatPercent, formatShopifyPrice, formatWeightIn } from "./format";

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

describe("formatting in the admin's language", () => {
  it("formats integer minor units for each locale's conventions", () => {
    // Intl separates with no-break spaces; compare with plain ones.
    const m = (minor: number, currency: string, locale: string) => formatMoney(minor, currency, locale).replace(/[\u00a0\u202f]/g, " ");
    expect(m(123456, "EUR", "de")).toBe("1.234,56 €");
    expect(m(123456, "BRL", "pt-BR")).toBe("R$ 1.234,56");
    expect(m(123456, "MXN", "es-MX")).toBe("$1,234.56");
    expect(m(1000, "JPY", "fr")).toBe("1 000 JPY");
    expect(m(1250, "USD", "zh-CN")).toBe("US$12.50");
  });

  it("shows a weight in the shop's unit with at most two decimals", () => {
    expect(formatWeightIn(4990, "lb", "en")).toBe("11 lb");
    expect(formatWeightIn(5000, "lb", "en")).toBe("11.02 lb");
    expect(formatWeightIn(4990, "kg", "de")).toBe("4,99 kg");
  });

  it("shows lengths and dimensions in the shop's unit", () => {
    expect(formatLengthIn(304.8, "in", "en")).toBe("12 in");
    expect(formatDimensionsIn({ l: 609.6, w: 406.4, h: 101.6 }, "in", "en")).toBe("24 × 16 × 4 in");
    expect(formatDimensionsIn({ l: 305, w: 200, h: 105 }, "cm", "fr")).toBe("30,5 × 20 × 10,5 cm");
  });

  it("formats numbers and percentages for the locale", () => {
    expect(formatNumber(1234.5, "de")).toBe("1.234,5");
    expect(formatPercent(1000, "en")).toBe("10%");
  });

  it("formats a timestamp as a date in the viewer's language", () => {
    expect(formatDateTime("2026-03-05T14:30:00Z", "en")).toMatch(/Mar 5, 2026/);
    expect(formatDateTime("not a date", "en")).toBe("not a date");
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
