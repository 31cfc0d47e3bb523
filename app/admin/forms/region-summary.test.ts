import { describe, expect, it } from "vitest";
import { EU_MEMBERS, summarizeRegionsShort } from "./region-summary";

const country = (c: string) => ({ type: "country" as const, country: c });

describe("short region summaries for the zones table", () => {
  it("names the European Union instead of listing its 27 members", () => {
    expect(summarizeRegionsShort(EU_MEMBERS.map(country))).toBe("European Union: 27 countries");
  });

  it("adds the countries outside the EU after the union", () => {
    expect(summarizeRegionsShort([...EU_MEMBERS.map(country), country("CH"), country("NO")])).toBe("European Union (27 countries) and CH, NO");
  });

  it("counts a long country list and shows the first few by name", () => {
    const names: Record<string, string> = { US: "United States", CA: "Canada", MX: "Mexico", BR: "Brazil", AR: "Argentina" };
    expect(summarizeRegionsShort(["US", "CA", "MX", "BR", "AR"].map(country), (c) => names[c])).toBe("5 countries: United States, Canada, Mexico and 2 more");
  });

  it("lists a short list in full, and counts many provinces", () => {
    expect(summarizeRegionsShort([country("JP"), country("KR")])).toBe("JP, KR");
    const provinces = ["CA", "OR", "WA", "NV", "AZ"].map((p) => ({ type: "province" as const, country: "US", province: p }));
    expect(summarizeRegionsShort(provinces)).toBe("5 provinces in US");
    expect(summarizeRegionsShort([{ type: "postal", country: "US", pattern: "9021" }])).toBe("9021 (US)");
  });
});
