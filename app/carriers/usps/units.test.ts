import { describe, expect, it } from "vitest";
import { parseWeight } from "~/domain/units";
import { dollarsToCents, gramsToUspsOunces, gramsToUspsPounds, mmToUspsInches, sortedInches } from "./units";

describe("USPS units", () => {
  it("bills a 454 g item (a merchant's 1 lb) as exactly 1 lb", () => {
    expect(gramsToUspsPounds(454)).toBe(1);
  });

  it("round-trips every whole pound and ounce a merchant can type, without drift", () => {
    for (let lb = 1; lb <= 70; lb++) expect(gramsToUspsPounds(parseWeight(lb, "lb"))).toBe(lb);
    for (let oz = 1; oz <= 16 * 5; oz++) expect(gramsToUspsOunces(parseWeight(oz, "oz"))).toBe(oz);
  });

  it("never sends less weight than the parcel has when it is not a whole ounce", () => {
    for (const g of [100, 250, 453, 1000, 1234]) {
      expect(gramsToUspsPounds(g) * 453.59237).toBeGreaterThanOrEqual(g - 0.5);
    }
    expect(gramsToUspsPounds(453)).toBeLessThan(1);
  });

  it("converts millimetres to inches without float noise and sorts length ≥ width ≥ height", () => {
    expect(mmToUspsInches(304.8)).toBe(12);
    expect(sortedInches({ l: 101.6, w: 304.8, h: 228.6 })).toEqual({ length: 12, width: 9, height: 4 });
  });

  it("turns USPS dollar numbers into integer cents", () => {
    expect(dollarsToCents(8.02)).toBe(802);
    expect(dollarsToCents(0.29 + 0.01)).toBe(30);
    expect(dollarsToCents(73.24)).toBe(7324);
  });
});
