// Zone administration: read the shipping document for the zone pages and apply one zone's edit as one validated
// save of the whole document (nothing is half-saved). The form's version guards against overwriting a concurrent edit.
import { type FieldError, issuesToFieldErrors, localizeZoneErrors } from "~/lib/field-errors";
import { type ZoneForm, defaultWeightUnit, emptyZoneForm, formToZone, zoneToForm } from "~/admin/forms/zone-form";
import { ShippingConfigSchema, matchableZones, type ShippingConfig, type ZoneConfig } from "~/domain/shipping-config";
import { findZoneOverlaps } from "~/domain/zones";
import { type SaveResult, getShippingSetup, saveShippingSetup } from "./shipping-config.server";

const NEW_ZONE = "new";

interface ZoneSummary {
  id: string;
  name: string;
  priority: number;
  /** The page words them in the admin's language (app/admin/forms/region-summary.ts). */
  regions: ZoneConfig["regions"];
  enabledServices: number;
  services: number;
}

export async function listZones(domain: string) {
  const setup = await getShippingSetup(domain);
  if (!setup) return null;
  const zones: ZoneSummary[] = setup.config.zones
    .map((z, i) => ({
      id: z.id ?? `zone-${i}`,
      name: z.name,
      priority: z.priority,
      regions: z.regions,
      enabledServices: z.services.filter((s) => s.enabled).length,
      services: z.services.length,
    }))
    .sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
  return { version: setup.version, currency: setup.config.currency, zones, overlaps: zoneOverlaps(setup.config) };
}

/** Zones that share addresses, with the one checkout uses (the zones list and zone page warn about them). */
function zoneOverlaps(config: ShippingConfig) {
  return findZoneOverlaps(matchableZones(config));
}

export async function loadZoneEditor(domain: string, zoneId: string) {
  const setup = await getShippingSetup(domain);
  if (!setup) return null;
  const { config } = setup;
  const unit = defaultWeightUnit(config.origin.country);
  const base = { version: setup.version, currency: config.currency, originCountry: config.origin.country, overlaps: zoneOverlaps(config) };
  if (zoneId === NEW_ZONE) return { ...base, isNew: true, zoneId: null, form: emptyZoneForm(unit) };
  const zone = config.zones.find((z) => z.id === zoneId);
  if (!zone) return null;
  return { ...base, isNew: false, zoneId, form: zoneToForm(zone, config.currency, unit) };
}

type ZoneSaveResult =
  | { ok: true; zoneId: string; version: number }
  | { ok: false; kind: "invalid"; errors: FieldError[]; other: FieldError[] }
  | { ok: false; kind: "conflict" | "unknown_shop" | "not_found"; message: string };

/** Saves the zone the form describes (a new one when zoneId is NEW_ZONE) if the setup is still at `version`. */
export async function saveZone(domain: string, input: { zoneId: string; form: ZoneForm; version: number }): Promise<ZoneSaveResult> {
  const setup = await getShippingSetup(domain);
  if (!setup) return { ok: false, kind: "unknown_shop", message: `No shop ${domain} is installed` };
  if (setup.version !== input.version) return conflict();
  const draft = structuredClone(setup.config);
  const isNew = input.zoneId === NEW_ZONE;
  const index = isNew ? draft.zones.length : draft.zones.findIndex((z) => z.id === input.zoneId);
  if (index < 0) return { ok: false, kind: "not_found", message: "This zone no longer exists; it may have been deleted in another tab." };

  const { zone, errors: typingErrors } = formToZone(input.form, draft.currency);
  const id = isNew ? newZoneId(zone.name, draft) : input.zoneId;
  draft.zones[index] = { ...zone, id } as ShippingConfig["zones"][number];

  if (typingErrors.length > 0) {
    // Report typing mistakes together with whatever else the document check finds, without saving anything.
    const parsed = ShippingConfigSchema.safeParse(draft);
    const schemaErrors = parsed.success ? [] : issuesToFieldErrors(parsed.error.issues);
    const { zone: zoneErrors, other } = localizeZoneErrors(schemaErrors, index);
    const typed = new Set(typingErrors.map((e) => e.path));
    return { ok: false, kind: "invalid", errors: [...typingErrors, ...zoneErrors.filter((e) => !typed.has(e.path))], other };
  }
  return toZoneResult(await saveShippingSetup(domain, draft, setup.version), index, id);
}

export async function deleteZone(domain: string, input: { zoneId: string; version: number }): Promise<ZoneSaveResult> {
  const setup = await getShippingSetup(domain);
  if (!setup) return { ok: false, kind: "unknown_shop", message: `No shop ${domain} is installed` };
  if (setup.version !== input.version) return conflict();
  const index = setup.config.zones.findIndex((z) => z.id === input.zoneId);
  if (index < 0) return { ok: false, kind: "not_found", message: "This zone no longer exists; it may have been deleted in another tab." };
  const draft = { ...setup.config, zones: setup.config.zones.filter((_, i) => i !== index) };
  return toZoneResult(await saveShippingSetup(domain, draft, setup.version), -1, input.zoneId);
}

function toZoneResult(result: SaveResult, index: number, zoneId: string): ZoneSaveResult {
  if (result.ok) return { ok: true, zoneId, version: result.version };
  if (result.kind === "invalid") {
    const { zone, other } = localizeZoneErrors(result.errors, index);
    return { ok: false, kind: "invalid", errors: zone, other };
  }
  return result;
}

function conflict(): ZoneSaveResult {
  return {
    ok: false,
    kind: "conflict",
    message: "The shipping setup changed since you opened this page (another tab or another staff member saved). Reload to see the latest version, then apply your change again.",
  };
}

/** A readable id from the name that is never taken and never the "new" route segment. */
function newZoneId(name: string, config: ShippingConfig): string {
  const taken = new Set(config.zones.map((z) => z.id));
  const base = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 30) || "zone";
  let id = base;
  for (let n = 2; taken.has(id) || id === NEW_ZONE; n++) id = `${base}-${n}`;
  return id;
}
