// A zone's regions in words, in the admin's language. The zones table shows one short line, so a 27-country zone
// does not push the Services and Delete columns off screen ("European Union: 27 countries", "30 countries: France,
// Germany, Italy and 27 more"); the cell's tooltip lists every region, and the zone page edits them.
import type { ZoneConfig } from "~/domain/shipping-config";

type Region = ZoneConfig["regions"][number];

/** i18next's t over the `zones` namespace (keys under `regionSummary`). */
export type SummaryT = (key: string, params?: Record<string, string | number>) => string;

export const EU_MEMBERS = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"] as const;

const join = (t: SummaryT, items: readonly string[]) => items.join(t("regionSummary.separator"));

function listSome(t: SummaryT, items: string[], shown: number): string {
  if (items.length <= shown + 1) return join(t, items);
  return t("regionSummary.andMore", { list: join(t, items.slice(0, shown)), count: items.length - shown });
}

/** Province codes or postal patterns of the same country together, in region order. */
function byCountry(regions: readonly Region[], type: "province" | "postal"): [country: string, values: string[]][] {
  const by = new Map<string, string[]>();
  for (const r of regions) {
    if (r.type === "province" && type === "province") by.set(r.country, [...(by.get(r.country) ?? []), r.province]);
    if (r.type === "postal" && type === "postal") by.set(r.country, [...(by.get(r.country) ?? []), r.pattern]);
  }
  return [...by];
}

export function summarizeRegionsShort(regions: readonly Region[], name: (code: string) => string, t: SummaryT, shown = 3): string {
  const countries = [...new Set(regions.filter((r) => r.type === "country").map((r) => r.country.toUpperCase()))];
  const parts: string[] = [];
  if (EU_MEMBERS.every((c) => countries.includes(c))) {
    const others = countries.filter((c) => !(EU_MEMBERS as readonly string[]).includes(c));
    parts.push(others.length ? t("regionSummary.euAnd", { list: listSome(t, others.map(name), shown) }) : t("regionSummary.eu"));
  } else if (countries.length > shown + 1) {
    parts.push(t("regionSummary.countries", { count: countries.length, list: listSome(t, countries.map(name), shown) }));
  } else if (countries.length > 0) {
    parts.push(join(t, countries.map(name)));
  }
  for (const type of ["province", "postal"] as const) {
    for (const [country, values] of byCountry(regions, type)) {
      parts.push(values.length > shown + 1
        ? t(type === "province" ? "regionSummary.provincesIn" : "regionSummary.postalIn", { count: values.length, country: name(country) })
        : t("regionSummary.inCountry", { values: join(t, values), country: name(country) }));
    }
  }
  return parts.join(t("regionSummary.partSeparator")) || t("regionSummary.none");
}

/** Every region: "United States; CA, NY (United States); postal codes 9021*, 1000-1999 (United States)". */
export function summarizeRegions(regions: readonly Region[], name: (code: string) => string, t: SummaryT): string {
  const countries = regions.filter((r) => r.type === "country").map((r) => name(r.country));
  const provinces = byCountry(regions, "province").map(([country, values]) => t("regionSummary.inCountry", { values: join(t, values), country: name(country) }));
  const postal = byCountry(regions, "postal").map(([country, values]) => t("regionSummary.postalCodesIn", { values: join(t, values), country: name(country) }));
  return [...countries, ...provinces, ...postal].join(t("regionSummary.partSeparator")) || t("regionSummary.none");
}
