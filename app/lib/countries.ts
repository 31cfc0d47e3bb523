// Countries for pickers and names: the full ISO 3166-1 list (country-list.ts). The domain accepts any alpha-2
// code; a code missing here is still shown by its code.
import { COUNTRY_LIST } from "./country-list";

export interface Country {
  code: string;
  name: string;
}

const COUNTRIES: readonly Country[] = COUNTRY_LIST.map(([code, name]) => ({ code, name }));


// Sorted without the runtime's collation (which differs between Node's and a browser's ICU and would break hydration).
const sortKey = (name: string) => name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
const SORTED = [...COUNTRIES].sort((a, b) => (sortKey(a.name) < sortKey(b.name) ? -1 : sortKey(a.name) > sortKey(b.name) ? 1 : 0));

const byCode = new Map(COUNTRIES.map((c) => [c.code, c.name]));

/** "BR" → "Brazil"; an unknown code is returned as given. */
export function countryName(code: string): string {
  return byCode.get(code.toUpperCase()) ?? code;
}

/** Options for a Polaris Select, sorted by name. */
export function countryOptions(): { label: string; value: string }[] {
  return SORTED.map((c) => ({ label: `${c.name} (${c.code})`, value: c.code }));
}
