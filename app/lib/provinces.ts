// The provinces Shopify uses (the codes its checkout sends in a rate request's `province`) for the countries whose
// addresses Shopify asks a province for. Data: provinces.json, from Shopify's own address data (its `source` field
// says where from); a country absent there has no provinces in Shopify, and takes a typed code.
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
