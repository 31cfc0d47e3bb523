import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import en from "~/locales/en/zones.json";
import fr from "~/locales/fr/zones.json";
import zh from "~/locales/zh-CN/zones.json";
import frCountries from "~/locales/fr/countries.json";
import { countryName } from "~/lib/countries";
import { EU_MEMBERS, type SummaryT, summarizeRegions, summarizeRegionsShort } from "./region-summary";

const country = (c: string) => ({ type: "country" as const, country: c });
const codes = (c: string) => c;
let t: { en: SummaryT; fr: SummaryT; zh: SummaryT };

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: "en", resources: { en: { zones: en }, fr: { zones: fr }, "zh-CN": { zones: zh } }, interpolation: { escapeValue: false } });
  t = { en: i18n.getFixedT("en", "zones"), fr: i18n.getFixedT("fr", "zones"), zh: i18n.getFixedT("zh-CN", "zones") };
});

describe("short region summaries for the zones table", () => {
  it("names the European Union instead of listing its 27 members", () => {
    expect(summarizeRegionsShort(EU_MEMBERS.map(country), codes, t.en)).toBe("European Union: 27 countries");
    expect(summarizeRegionsShort(EU_MEMBERS.map(country), codes, t.fr)).toBe("Union européenne\u00a0: 27 pays");
  });

  it("adds the countries outside the EU after the union, by name in the admin's language", () => {
    const fr = (c: string) => countryName(c, frCountries.names);
    expect(summarizeRegionsShort([...EU_MEMBERS.map(country), country("CH"), country("NO")], codes, t.en)).toBe("European Union (27 countries) and CH, NO");
    expect(summarizeRegionsShort([...EU_MEMBERS.map(country), country("CH"), country("NO")], fr, t.fr)).toBe("Union européenne (27 pays) et Suisse, Norvège");
  });

  it("counts a long country list and shows the first few by name", () => {
    const names: Record<string, string> = { US: "United States", CA: "Canada", MX: "Mexico", BR: "Brazil", AR: "Argentina" };
    expect(summarizeRegionsShort(["US", "CA", "MX", "BR", "AR"].map(country), (c) => names[c], t.en)).toBe("5 countries: United States, Canada, Mexico and 2 more");
    expect(summarizeRegionsShort(["US", "CA", "MX", "BR", "AR"].map(country), codes, t.zh)).toBe("5 个国家/地区：US、CA、MX及另外 2 个");
  });

  it("lists a short list in full, and counts many provinces", () => {
    expect(summarizeRegionsShort([country("JP"), country("KR")], codes, t.en)).toBe("JP, KR");
    const provinces = ["CA", "OR", "WA", "NV", "AZ"].map((p) => ({ type: "province" as const, country: "US", province: p }));
    expect(summarizeRegionsShort(provinces, codes, t.en)).toBe("US: 5 provinces or states");
    expect(summarizeRegionsShort([{ type: "postal", country: "US", pattern: "9021" }], codes, t.en)).toBe("9021 (US)");
    expect(summarizeRegionsShort([], codes, t.fr)).toBe("Aucune région");
  });
});

describe("full region summaries for the tooltip", () => {
  it("lists every region grouped by kind", () => {
    const regions = [country("US"), { type: "province" as const, country: "US", province: "AK" }, { type: "postal" as const, country: "US", pattern: "9021" }];
    const name = (c: string) => (c === "US" ? "United States" : c);
    expect(summarizeRegions(regions, name, t.en)).toBe("United States; AK (United States); postal codes 9021 (United States)");
    expect(summarizeRegions(regions, (c) => countryName(c, frCountries.names), t.fr)).toBe("États-Unis\u00a0; AK (États-Unis)\u00a0; codes postaux 9021 (États-Unis)");
  });
});
