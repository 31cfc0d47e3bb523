// Rule selection, precomputed once at module load (and once per duty table): the hot path does map lookups only.
import type { DutyRate } from "./model";
import { EU_MEMBERS, REGIMES, TAX_RATES, type Regime, type TaxRateRule } from "./rules";

const inForce = (r: { from: string; to?: string }, date: string) => r.from <= date && (r.to === undefined || date < r.to);

const regimesByCountry = new Map<string, Regime[]>();
for (const regime of REGIMES) {
  for (const c of regime.countries) regimesByCountry.set(c, [...(regimesByCountry.get(c) ?? []), regime]);
}
const taxByKey = new Map<string, TaxRateRule[]>();
for (const rate of TAX_RATES) {
  const key = rate.province ? `${rate.country}-${rate.province}` : rate.country;
  taxByKey.set(key, [...(taxByKey.get(key) ?? []), rate]);
}
const EU = new Set<string>(EU_MEMBERS);

export const isEuMember = (country: string) => EU.has(country);

export function selectRegime(country: string, date: string): Regime | undefined {
  return regimesByCountry.get(country)?.find((r) => inForce(r, date));
}

/** The provincial rate when one exists (Canada HST), else the national one. */
export function selectTaxRate(country: string, province: string | undefined, date: string): TaxRateRule | undefined {
  const provincial = province ? taxByKey.get(`${country}-${province}`)?.find((r) => inForce(r, date)) : undefined;
  return provincial ?? taxByKey.get(country)?.find((r) => inForce(r, date));
}

/** Every regime version for a country (for the docs and tests). */
export const regimesFor = (country: string): readonly Regime[] => regimesByCountry.get(country) ?? [];

type DutyIndex = Map<string, Map<string, DutyRate[]>>; // destination → hsPrefix → rows (origin-specific first)

const indexes = new WeakMap<readonly DutyRate[], DutyIndex>();
function indexFor(rates: readonly DutyRate[]): DutyIndex {
  let index = indexes.get(rates);
  if (index) return index;
  index = new Map();
  for (const row of rates) {
    const byPrefix = index.get(row.destination) ?? new Map<string, DutyRate[]>();
    const rows = byPrefix.get(row.hsPrefix) ?? [];
    rows.push(row);
    rows.sort((a, b) => Number(b.origin !== undefined) - Number(a.origin !== undefined));
    byPrefix.set(row.hsPrefix, rows);
    index.set(row.destination, byPrefix);
  }
  indexes.set(rates, index);
  return index;
}

/**
 * The merchant's duty rate for an HS code: longest prefix wins; at the same length a country row beats an "EU"
 * row, and a row for the goods' origin beats a row for any origin.
 */
export function findDutyRate(rates: readonly DutyRate[], hs: string, destination: string, origin: string | undefined): DutyRate | undefined {
  if (rates.length === 0) return undefined;
  const index = indexFor(rates);
  const tables = [index.get(destination), EU.has(destination) ? index.get("EU") : undefined];
  for (let len = hs.length; len >= 2; len--) {
    const prefix = hs.slice(0, len);
    for (const table of tables) {
      const rows = table?.get(prefix);
      const row = rows?.find((r) => r.origin === undefined || r.origin === origin);
      if (row) return row;
    }
  }
  return undefined;
}
