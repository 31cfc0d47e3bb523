// The provinces Shopify uses (the codes its checkout sends in a rate request's `province`) for the countries whose
// addresses Shopify asks a province for. Data: provinces.json, from Shopify's own address data (its `source` field
// says where from); a country absent there has no provinces in Shopify, and takes a typed code.
import { fold } from "./countries";
import data from "./provinces.json";

export type ProvinceKind = "PROVINCE" | "STATE" | "STATE_AND_TERRITORY" | "REGION" | "PREFECTURE" | "COUNTY" | "EMIRATE" | "GOVERNORATE";
export interface CountryProvinces {
  /** What Shopify calls them in that country (a key of common.json `provinceKinds`). */
  label: ProvinceKind;
  provinces: readonly (readonly [code: string, name: string])[];
}

const COUNTRIES = (data as unknown as { countries: Record<string, CountryProvinces> }).countries;

/** Shopify's provinces of a country, or null when Shopify asks none there (Germany, France, …). */
export function provincesOf(country: string): CountryProvinces | null {
  return COUNTRIES[country.toUpperCase()] ?? null;
}

/**
 * Picker options in Shopify's own order (alphabetical by name in most countries, by number for Japan's
 * prefectures, as Shopify's checkout lists them), searchable by name or code. A stored code Shopify does not list
 * comes first, so nothing is lost.
 */
export function provinceOptions(known: CountryProvinces, stored: string): { label: string; value: string; search: string }[] {
  const options = known.provinces.map(([code, name]) => ({ label: `${name} (${code})`, value: code, search: fold(`${name} ${code}`) }));
  const kept = stored && !options.some((o) => o.value === stored.toUpperCase()) ? [{ label: stored, value: stored, search: fold(stored) }] : [];
  return [...kept, ...options];
}
