import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GRAMS_PER_OUNCE, GRAMS_PER_POUND } from "~/domain/units";
import { gramsToUpsKilograms, gramsToUpsPounds, mmToUpsCentimetres, mmToUpsInches, upsUnitsFor } from "./units";

/** What Shopify stores for a weight entered in pounds: whole grams, rounded to nearest. */
const shopifyGrams = (lb: number) => Math.round(lb * GRAMS_PER_POUND);

describe("UPS units", () => {
  it("sends 454 g, Shopify's 1 lb, as exactly 1 lb", () => {
    expect(gramsToUpsPounds(454)).toBe("1");
  });

  it("sends every whole pound Shopify rounded to grams as that pound, with no drift up to 150 lb", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 150 }), (lb) => gramsToUpsPounds(shopifyGrams(lb)) === String(lb)));
  });

  it("sends every whole ounce Shopify rounded to grams as that ounce in pounds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 160 }), (oz) => {
        const sent = Number(gramsToUpsPounds(Math.round(oz * GRAMS_PER_OUNCE)));
        return sent >= oz / 16 && sent - oz / 16 < 0.1 && Math.ceil(sent) === Math.ceil(oz / 16);
      }),
    );
  });

  it("rounds other weights up to a tenth so the billed pound is never lower than the true one", () => {
    expect(gramsToUpsPounds(470)).toBe("1.1");
    expect(gramsToUpsPounds(1)).toBe("0.1");
    expect(gramsToUpsKilograms(1234)).toBe("1.3");
    expect(gramsToUpsKilograms(1500)).toBe("1.5");
  });

  it("sends whole inches: 12 in stored as 304.8 mm is 12, anything over is the next inch", () => {
    expect(mmToUpsInches(304.8)).toBe("12");
    expect(mmToUpsInches(305)).toBe("13");
    expect(mmToUpsInches(12.7)).toBe("1");
    expect(mmToUpsCentimetres(300)).toBe("30");
    expect(mmToUpsCentimetres(300.5)).toBe("31");
  });

  it("uses pounds and inches from the US and Puerto Rico, kilograms and centimetres elsewhere", () => {
    expect(upsUnitsFor("US")).toEqual({ weight: "LBS", length: "IN" });
    expect(upsUnitsFor("pr")).toEqual({ weight: "LBS", length: "IN" });
    expect(upsUnitsFor("CA")).toEqual({ weight: "KGS", length: "CM" });
  });
});
