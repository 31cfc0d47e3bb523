import { describe, expect, it } from "vitest";
import {
  billableOunces,
  billablePounds,
  cmToMm,
  formatWeight,
  gramsToKilograms,
  gramsToOunces,
  gramsToPounds,
  inchesToMm,
  mmToCm,
  mmToInches,
  ouncesToGrams,
  parseLength,
  parseWeight,
  poundsToGrams,
  wholePoundsToGrams,
} from "./units";

describe("units", () => {
  it("converts a pound to 453.59237 grams exactly", () => {
    expect(parseWeight(1, "lb")).toBe(454);
    expect(gramsToPounds(453.59237)).toBe(1);
  });

  it("parses weights from every edge unit into whole grams", () => {
    expect(parseWeight("1.5", "kg")).toBe(1500);
    expect(parseWeight(16, "oz")).toBe(454);
    expect(parseWeight(250, "g")).toBe(250);
    expect(parseWeight("0.1", "oz")).toBe(3);
  });

  it("rejects a negative, empty or non-numeric weight", () => {
    expect(() => parseWeight(-1, "g")).toThrow(RangeError);
    expect(() => parseWeight("", "g")).toThrow(RangeError);
    expect(() => parseWeight("heavy", "kg")).toThrow(RangeError);
  });

  it("converts grams to ounces and kilograms", () => {
    expect(gramsToOunces(453.59237)).toBeCloseTo(16, 10);
    expect(gramsToKilograms(2500)).toBe(2.5);
  });

  it("keeps whole pounds whole when converted to grams and back", () => {
    for (let lb = 1; lb <= 200; lb++) {
      expect(Math.ceil(gramsToPounds(wholePoundsToGrams(lb)))).toBe(lb);
    }
  });

  it("converts lengths between millimetres, centimetres and inches", () => {
    expect(inchesToMm(12)).toBeCloseTo(304.8, 10);
    expect(mmToInches(254)).toBe(10);
    expect(cmToMm(2.5)).toBe(25);
    expect(mmToCm(25)).toBe(2.5);
    expect(parseLength("12", "in")).toBeCloseTo(304.8, 10);
  });

  it("formats a weight for an explanation", () => {
    expect(formatWeight(1500, "kg")).toBe("1.5 kg");
    expect(formatWeight(453.59237 * 3.2, "lb")).toBe("3.2 lb");
  });
});

describe("billable pounds and ounces read Shopify's gram rounding back", () => {
  it("bills 454 g (Shopify's 1 lb) as 1 lb and 455 g as 2 lb", () => {
    expect(billablePounds(454)).toBe(1);
    expect(billablePounds(455)).toBe(2);
  });

  it("bills every whole pound and ounce as itself after Shopify rounds it to grams", () => {
    for (let n = 1; n <= 150; n++) expect(billablePounds(Math.round(poundsToGrams(n)))).toBe(n);
    for (let n = 1; n <= 16 * 20; n++) expect(billableOunces(Math.round(ouncesToGrams(n)))).toBe(n);
  });

  it("never bills less than one unit", () => {
    expect(billablePounds(0)).toBe(1);
    expect(billableOunces(0)).toBe(1);
  });
});
