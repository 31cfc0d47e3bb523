// One short line for a zone's regions in the zones table, so a 27-country zone does not push the Services and
// Delete columns off screen: "European Union: 27 countries", or "30 countries: France, Germany, Italy and 27 more".
// The zone page lists every region.
import type { ZoneConfig } from "~/domain/shipping-config";

type Region = ZoneConfig["regions"][number];

export const EU_MEMBERS = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"] as const;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function listSome(items: string[], shown: number): string {
  if (items.length <= shown + 1) return items.join(", ");
  return `${items.slice(0, shown).join(", ")} and ${items.length - shown} more`;
}

export function summarizeRegionsShort(regions: readonly Region[], name: (code: string) => string = (c) => c, shown = 3): string {
  const countries = [...new Set(regions.filter((r) => r.type === "country").map((r) => r.country.toUpperCase()))];
  const provinces = regions.filter((r) => r.type === "province");
  const postal = regions.filter((r) => r.type === "postal");
  const parts: string[] = [];
  const eu = EU_MEMBERS.every((c) => countries.includes(c));
  if (eu) {
    const others = countries.filter((c) => !(EU_MEMBERS as readonly string[]).includes(c));
    parts.push(others.length ? `European Union (27 countries) and ${listSome(others.map(name), shown)}` : "European Union: 27 countries");
  } else if (countries.length > shown + 1) {
    parts.push(`${plural(countries.length, "country", "countries")}: ${listSome(countries.map(name), shown)}`);
  } else if (countries.length > 0) {
    parts.push(countries.map(name).join(", "));
  }
  const grouped = (list: readonly Region[], one: string, many: string, valueOf: (r: Region) => string) => {
    const by = new Map<string, string[]>();
    for (const r of list) by.set(r.country, [...(by.get(r.country) ?? []), valueOf(r)]);
    return [...by].map(([country, values]) =>
      values.length > shown + 1 ? `${plural(values.length, one, many)} in ${name(country)}` : `${values.join(", ")} (${name(country)})`,
    );
  };
  parts.push(...grouped(provinces, "province", "provinces", (r) => (r.type === "province" ? r.province : "")));
  parts.push(...grouped(postal, "postal pattern", "postal patterns", (r) => (r.type === "postal" ? r.pattern : "")));
  return parts.join("; ") || "No regions";
}
