import { describe, expect, it } from "vitest";
import data from "./provinces.json";
import { provincesOf } from "./provinces";
import { COUNTRY_LIST } from "./country-list";

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
    const iso = new Set(COUNTRY_LIST.map(([code]) => code));
    for (const [country, entry] of Object.entries(data.countries)) {
      expect(iso.has(country), country).toBe(true);
      const codes = entry.provinces.map(([code]) => code);
      expect(new Set(codes).size, country).toBe(codes.length);
    }
  });
});
