import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "~/i18n/config";
import { countryName, countryOptions, filterOptions } from "./countries";
import fr from "~/locales/fr/countries.json";
import zh from "~/locales/zh-CN/countries.json";
import en from "~/locales/en/countries.json";
import { namesFor } from "../../scripts/i18n/country-names";

describe("country pickers", () => {
  it("offer the full ISO 3166-1 list, not a short selection", () => {
    const options = countryOptions();
    expect(options.length).toBeGreaterThanOrEqual(249);
    expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
    for (const code of ["US", "IS", "NP", "FJ", "XK", "AQ"]) expect(options.some((o) => o.value === code)).toBe(true);
  });

  it("list the countries in the order of the language's names", () => {
    const labels = countryOptions().map((o) => o.label);
    expect(labels.indexOf("Åland Islands (AX)")).toBeLessThan(labels.indexOf("Albania (AL)"));
    const french = countryOptions(fr.names).map((o) => o.label);
    expect(french.indexOf("Allemagne (DE)")).toBeLessThan(french.indexOf("États-Unis (US)"));
    expect(french.indexOf("États-Unis (US)")).toBeLessThan(french.indexOf("France (FR)"));
  });

  it("name a country in the admin's language and fall back to English, then to the code", () => {
    expect(countryName("de", fr.names)).toBe("Allemagne");
    expect(countryName("DE", zh.names)).toBe("德国");
    expect(countryName("ci")).toBe("Côte d’Ivoire");
    expect(countryName("QQ", fr.names)).toBe("QQ");
  });

  it("find a country by its name in the admin's language, its English name or its code", () => {
    const french = countryOptions(fr.names);
    const found = (q: string) => filterOptions(french, q).map((o) => o.value);
    expect(found("allem")).toContain("DE");
    expect(found("germ")).toContain("DE");
    expect(found("de")).toContain("DE");
    expect(found("etats-u")).toContain("US");
    expect(found("united states")).toContain("US");
    expect(filterOptions(countryOptions(zh.names), "德国").map((o) => o.value)).toEqual(["DE"]);
    expect(found("   ")).toHaveLength(french.length);
  });

  it("hold the names Intl.DisplayNames gives on this Node, for every code in every language", () => {
    // The committed files must match what scripts/i18n/country-names.ts writes (rerun it after a Node/ICU update).
    for (const locale of LOCALES) {
      const file = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, `../locales/${locale}/countries.json`), "utf8")) as { names: Record<string, string> };
      const expected = namesFor(locale, Object.keys(en.names), en.names);
      expect(Object.entries(file.names)).toEqual(Object.entries(expected));
    }
  });
});
