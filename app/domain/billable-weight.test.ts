import { describe, expect, it } from "vitest";
import { billableWeight, DIM_RULE_VERSIONS } from "./billable-weight";
import { gramsToPounds, inchesToMm, poundsToGrams } from "./units";

const inchBox = (l: number, w: number, h: number) => ({ l: inchesToMm(l), w: inchesToMm(w), h: inchesToMm(h) });
const lb = (grams: number) => Math.ceil(gramsToPounds(grams));

describe("billableWeight worked examples", () => {
  it("bills UPS daily 12.2×10.1×6 in at 3.2 lb as 7 lb dimensional", () => {
    const r = billableWeight({ grams: Math.round(poundsToGrams(3.2)), dimensionsMm: inchBox(12.2, 10.1, 6) }, "ups_daily");
    expect(lb(r.billableGrams)).toBe(7);
    expect(lb(r.dimensionalGrams!)).toBe(7);
    expect(r.explanation).toBe(
      "UPS daily rates (÷139): 12.2 × 10.1 × 6 in → 13 × 11 × 6 in (each fraction rounded up) = 858 in³ ÷ 139 = 6.17 → 7 lb dimensional; actual 3.2 lb → 4 lb; billable 7 lb (dimensional)",
    );
  });

  it("bills the same box at UPS retail (÷166) as 6 lb", () => {
    const r = billableWeight({ grams: Math.round(poundsToGrams(3.2)), dimensionsMm: inchBox(12.2, 10.1, 6) }, "ups_retail");
    expect(lb(r.billableGrams)).toBe(6); // 858 / 166 = 5.17 → 6
  });

  it("bills a dense UPS package by its actual weight", () => {
    const r = billableWeight({ grams: Math.round(poundsToGrams(9.5)), dimensionsMm: inchBox(10, 10, 10) }, "ups_daily");
    expect(lb(r.dimensionalGrams!)).toBe(8); // 1000 / 139 = 7.19 → 8
    expect(lb(r.billableGrams)).toBe(10);
    expect(r.explanation).toMatch(/billable 10 lb \(actual\)$/);
  });

  it("applies no USPS dimensional weight to exactly one cubic foot", () => {
    const r = billableWeight({ grams: Math.round(poundsToGrams(2.1)), dimensionsMm: inchBox(12, 12, 12) }, "usps");
    expect(r.dimensionalGrams).toBeNull();
    expect(lb(r.billableGrams)).toBe(3);
    expect(r.explanation).toMatch(/1728 in³, not over 1728 in³ so no dimensional weight/);
  });

  it("rounds USPS dimensions to the nearest inch before testing the cubic foot", () => {
    const r = billableWeight({ grams: Math.round(poundsToGrams(5)), dimensionsMm: inchBox(12.4, 12.6, 12) }, "usps");
    expect(r.explanation).toMatch(/→ 12 × 13 × 12 in \(each rounded to the nearest inch\) = 1872 in³ ÷ 166 = 11.28 → 12 lb/);
    expect(lb(r.billableGrams)).toBe(12);
  });

  it("takes metric input: 300×200×150 mm at 1.2 kg under UPS daily is 5 lb", () => {
    const r = billableWeight({ grams: 1200, dimensionsMm: { l: 300, w: 200, h: 150 } }, "ups_daily");
    // 11.81 × 7.87 × 5.91 in → 12 × 8 × 6 = 576 in³ / 139 = 4.14 → 5 lb; actual 2.65 lb → 3 lb
    expect(r.billableGrams).toBe(2267);
    expect(lb(r.billableGrams)).toBe(5);
    expect(r.actualGrams).toBe(1200);
  });

  it("does not round a whole-inch dimension given in millimetres up to the next inch", () => {
    const r = billableWeight({ grams: 100, dimensionsMm: { l: 304.8, w: 254, h: 152.4 } }, "ups_daily");
    expect(r.explanation).toMatch(/→ 12 × 10 × 6 in/);
  });

  it("bills actual grams unrounded with no dimensional rule", () => {
    const r = billableWeight({ grams: 1234, dimensionsMm: { l: 900, w: 900, h: 900 } }, "none");
    expect(r).toMatchObject({ billableGrams: 1234, actualGrams: 1234, dimensionalGrams: null });
  });

  it("bills a package without dimensions by actual weight rounded up to the pound", () => {
    const r = billableWeight({ grams: 500 }, "ups_daily");
    expect(lb(r.billableGrams)).toBe(2);
    expect(r.dimensionalGrams).toBeNull();
  });

  it("bills a weightless package as one pound under carrier rules", () => {
    expect(lb(billableWeight({ grams: 0 }, "usps").billableGrams)).toBe(1);
  });

  it("does not round an exact pound up to the next one", () => {
    const r = billableWeight({ grams: Math.round(poundsToGrams(4)), dimensionsMm: inchBox(1, 1, 1) }, "ups_daily");
    expect(lb(r.billableGrams)).toBe(4);
  });
});

describe("weights that Shopify rounded to whole grams", () => {
  // Shopify stores whole grams: n lb arrives as Math.round(n × 453.59237) g, sometimes just over n lb.
  const shopifyGrams = (pounds: number) => Math.round(poundsToGrams(pounds));

  it.each([1, 3, 5, 10, 70, 150])("bills a %d lb product, stored by Shopify in whole grams, as exactly that many pounds", (pounds) => {
    const r = billableWeight({ grams: shopifyGrams(pounds) }, "ups_daily");
    expect(lb(r.billableGrams)).toBe(pounds);
    expect(r.explanation).toMatch(new RegExp(`billable ${pounds} lb$`));
  });

  it("still bills a real fraction over a pound as the next pound", () => {
    expect(lb(billableWeight({ grams: shopifyGrams(1) + 1 }, "ups_daily").billableGrams)).toBe(2);
  });
});

describe("dimensional weight rules are dated", () => {
  const box = inchBox(12.2, 10.1, 6);
  it("rounds UPS dimensions to the nearest inch before 18 Aug 2025 and up from that day", () => {
    const before = billableWeight({ grams: 100, dimensionsMm: box }, "ups_daily", "2025-08-17");
    const after = billableWeight({ grams: 100, dimensionsMm: box }, "ups_daily", "2025-08-18");
    expect(before.explanation).toMatch(/→ 12 × 10 × 6 in \(each rounded to the nearest inch\) = 720 in³/);
    expect(after.explanation).toMatch(/→ 13 × 11 × 6 in \(each fraction rounded up\) = 858 in³/);
  });

  it("names its source for every version", () => {
    for (const rule of DIM_RULE_VERSIONS) expect(rule.source.length).toBeGreaterThan(10);
  });
});
