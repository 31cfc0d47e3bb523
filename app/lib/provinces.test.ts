import { describe, expect, it } from "vitest";
import data from "./provinces.json";
import { provinceOptions, provincesOf } from "./provinces";
import { ENGLISH_COUNTRY_NAMES, filterOptions } from "./countries";

describe("Shopify's provinces", () => {
  it("lists the codes Shopify's checkout sends for the countries where it asks a province", () => {
    expect(provincesOf("us")?.provinces).toContainEqual(["CA", "California"]);
    expect(provincesOf("CA")?.provinces).toContainEqual(["ON", "Ontario"]);
    expect(provincesOf("BR")?.provinces).toContainEqual(["SP", "São Paulo"]);
    expect(provincesOf("MX")?.provinces).toContainEqual(["JAL", "Jalisco"]);
    expect(provincesOf("JP")?.provinces).toContainEqual(["JP-13", "Tokyo"]);
    expect(provincesOf("AU")?.label).toBe("STATE_AND_TERRITORY");
    for (const c of ["IN", "CN", "ID"]) expect(provincesOf(c)?.provinces.length).toBeGreaterThan(20);
  });

  it("has none for countries whose addresses have no province in Shopify", () => {
    expect(provincesOf("DE")).toBeNull();
    expect(provincesOf("FR")).toBeNull();
  });

  it("names its source, and every country it lists is in the ISO country list with unique codes", () => {
    expect(data.source).toMatch(/@shopify\/address-mocks/);
    const iso = new Set(Object.keys(ENGLISH_COUNTRY_NAMES));
    for (const [country, entry] of Object.entries(data.countries)) {
      expect(iso.has(country), country).toBe(true);
      const codes = entry.provinces.map(([code]) => code);
      expect(new Set(codes).size, country).toBe(codes.length);
    }
  });

  it("lists provinces in Shopify's order, finds them by name or code, and keeps a stored code Shopify lacks", () => {
    const japan = provinceOptions(provincesOf("JP")!, "");
    expect(japan.slice(0, 2).map((o) => o.value)).toEqual(["JP-01", "JP-02"]);
    expect(filterOptions(provinceOptions(provincesOf("BR")!, ""), "sao paulo").map((o) => o.value)).toEqual(["SP"]);
    expect(filterOptions(provinceOptions(provincesOf("US")!, ""), "ny").map((o) => o.value)).toContain("NY");
    expect(provinceOptions(provincesOf("US")!, "XX")[0]).toMatchObject({ value: "XX", label: "XX" });
    expect(provinceOptions(provincesOf("US")!, "ca").some((o) => o.value === "ca")).toBe(false);
  });
});
