import { describe, expect, it } from "vitest";
import { dimWeightRuleFor, uspsPackageFacts } from "./package-facts";

const inch = 25.4;
const pkg = (l: number, w: number, h: number, grams = 1000) => ({ grams, dimensionsMm: { l: l * inch, w: w * inch, h: h * inch } });

describe("USPS package facts", () => {
  it("uses single-piece pricing up to one cubic foot, with no dimensional weight", () => {
    const f = uspsPackageFacts(pkg(12, 12, 12), "2026-12-01");
    expect(f).toMatchObject({ cubicInches: 1728, dimWeightPounds: null, rateIndicator: "SP", processingCategory: "MACHINABLE" });
  });

  it("rounds each side to the nearest inch, then divides cubes over 1,728 in³ by 166 rounding up", () => {
    const f = uspsPackageFacts(pkg(12.4, 12.4, 12.6), "2026-12-01");
    expect(f.cubicInches).toBe(12 * 12 * 13);
    expect(f.dimWeightPounds).toBe(Math.ceil(1872 / 166));
    expect(f.rateIndicator).toBe("DR");
  });

  it("calls a parcel over 22 inches long nonstandard", () => {
    expect(uspsPackageFacts(pkg(23, 10, 5), "2026-12-01").processingCategory).toBe("NONSTANDARD");
  });

  it("keeps dimensional-weight rules dated, so a later rule applies only from its date", () => {
    const rules = [
      { effectiveFrom: null, divisor: 166, appliesAboveCubicInches: 1728, source: "old" },
      { effectiveFrom: "2030-01-01", divisor: 139, appliesAboveCubicInches: 0, source: "new" },
    ];
    expect(dimWeightRuleFor("2029-12-31", rules).source).toBe("old");
    expect(dimWeightRuleFor("2030-01-01", rules).source).toBe("new");
  });
});
