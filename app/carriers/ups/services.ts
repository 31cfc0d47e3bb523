// The UPS service catalogue as data. Source: UPS Rating API (Rating.yaml, Shipment.Service.Code values) and
// karrio's providers/ups/units.py, as summarised in notes/contracts.md §C5 (read 2026-12). UPS answers a Shop
// request with codes only; names are ours to show, and a few depend on the origin country.
import type { CarrierService } from "../connector";

const CATALOGUE: readonly CarrierService[] = [
  { code: "01", name: "UPS Next Day Air", scope: "domestic" },
  { code: "02", name: "UPS 2nd Day Air", scope: "domestic" },
  { code: "03", name: "UPS Ground", scope: "domestic" },
  { code: "12", name: "UPS 3 Day Select", scope: "domestic" },
  { code: "13", name: "UPS Next Day Air Saver", scope: "domestic" },
  { code: "14", name: "UPS Next Day Air Early", scope: "domestic" },
  { code: "59", name: "UPS 2nd Day Air A.M.", scope: "domestic" },
  { code: "75", name: "UPS Heavy Goods", scope: "domestic" },
  { code: "07", name: "UPS Worldwide Express", scope: "international" },
  { code: "08", name: "UPS Worldwide Expedited", scope: "international" },
  // Standard is the cross-border ground service from the US, and the domestic ground service in Canada and Europe.
  { code: "11", name: "UPS Standard", scope: "both" },
  { code: "54", name: "UPS Worldwide Express Plus", scope: "international" },
  { code: "65", name: "UPS Worldwide Saver", scope: "both" },
  { code: "96", name: "UPS Worldwide Express Freight", scope: "international" },
  { code: "71", name: "UPS Worldwide Express Freight Midday", scope: "international" },
  { code: "17", name: "UPS Worldwide Economy DDU", scope: "international" },
  { code: "72", name: "UPS Worldwide Economy DDP", scope: "international" },
  { code: "70", name: "UPS Access Point Economy", scope: "international" },
];

/** Names UPS uses for the same code when shipping from another country (karrio units.py, origin "CA"). */
const NAMES_BY_ORIGIN: Record<string, Record<string, string>> = {
  CA: {
    "01": "UPS Express",
    "02": "UPS Expedited",
    "13": "UPS Express Saver",
    "14": "UPS Express Early",
    "65": "UPS Express Saver",
  },
};

/** US domestic services are offered from the US and Puerto Rico, and from Canada where UPS names them there. */
export const UPS_SERVICES: readonly CarrierService[] = CATALOGUE.map((s) => {
  const localNames = Object.fromEntries(Object.entries(NAMES_BY_ORIGIN).flatMap(([c, names]) => (names[s.code] ? [[c, names[s.code]]] : [])));
  const local = Object.keys(localNames);
  return {
    ...s,
    ...(s.scope === "domestic" ? { origins: ["US", "PR", ...local] } : {}),
    ...(local.length > 0 ? { localNames } : {}),
  };
});

/** UPS sometimes pads codes to three digits ("072"); the catalogue keys are the two-digit form. */
export function normaliseServiceCode(code: string): string {
  const c = code.trim();
  return /^0\d\d$/.test(c) ? c.slice(1) : c;
}

export function upsServiceName(code: string, originCountry?: string): string {
  const c = normaliseServiceCode(code);
  const local = originCountry ? NAMES_BY_ORIGIN[originCountry.toUpperCase()]?.[c] : undefined;
  return local ?? UPS_SERVICES.find((s) => s.code === c)?.name ?? `UPS service ${c}`;
}

export function upsServicesFor(originCountry: string, destinationCountry: string): CarrierService[] {
  const domestic = originCountry.toUpperCase() === destinationCountry.toUpperCase();
  return UPS_SERVICES.filter((s) => s.scope === "both" || s.scope === (domestic ? "domestic" : "international")).map((s) => ({
    ...s,
    name: upsServiceName(s.code, originCountry),
  }));
}
