// A registered carrier's service catalogue for people writing settings as code (`npm run waypost -- services ups`)
// and for the zone editor's service picker: code, name, domestic/international and the origin countries it is
// offered from. Names can depend on the origin (UPS "01" is "UPS Express" from Canada).
import { carrierRegistry, type CarrierRegistry } from "~/carriers/registry.server";
import type { CarrierService } from "~/carriers/connector";

export interface CatalogueRow {
  code: string;
  name: string;
  scope: CarrierService["scope"];
  /** ["any"] when the carrier does not restrict the service by origin. */
  origins: string[];
  localNames?: Record<string, string>;
}

export function carrierCatalogue(carrierId: string, carriers: CarrierRegistry = carrierRegistry): CatalogueRow[] | null {
  const carrier = carriers.get(carrierId);
  if (!carrier || carrier.services.length === 0) return null;
  return carrier.services.map((s) => ({
    code: s.code,
    name: s.name,
    scope: s.scope,
    origins: s.origins ? [...s.origins] : ["any"],
    ...(s.localNames ? { localNames: { ...s.localNames } } : {}),
  }));
}

/** Services offered from `origin` to `destination` (domestic when the countries match), under their local names. */
export function servicesFor(carrierId: string, origin: string, destination: string | null, carriers: CarrierRegistry = carrierRegistry) {
  const from = origin.toUpperCase();
  const domestic = destination === null ? null : from === destination.toUpperCase();
  return (carrierCatalogue(carrierId, carriers) ?? [])
    .filter((r) => r.origins.includes("any") || r.origins.includes(from))
    .filter((r) => domestic === null || r.scope === "both" || r.scope === (domestic ? "domestic" : "international"))
    .map((r) => ({ code: r.code, name: r.localNames?.[from] ?? r.name, scope: r.scope }));
}

export function formatCatalogue(rows: CatalogueRow[]): string {
  const lines = rows.map((r) => {
    const local = r.localNames ? `  (${Object.entries(r.localNames).map(([c, n]) => `${c}: ${n}`).join(", ")})` : "";
    return `${r.code.padEnd(5)} ${r.name.padEnd(38)} ${r.scope.padEnd(14)} ${r.origins.join(",")}${local}`;
  });
  return [`${"code".padEnd(5)} ${"name".padEnd(38)} ${"scope".padEnd(14)} origins`, ...lines].join("\n") + "\n";
}

/** Every registered carrier with a catalogue, and its services offered from `origin` (the zone editor's picker). */
export function carrierChoices(origin: string, carriers: CarrierRegistry = carrierRegistry) {
  return carriers
    .all()
    .filter((c) => c.services.length > 0 && c.requiresConnection)
    .map((c) => ({ id: c.id, displayName: c.displayName, services: servicesFor(c.id, origin, null, carriers) }));
}
