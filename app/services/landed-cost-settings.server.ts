// The landed-cost settings page: the document's `landedCost` part, saved at the version the page was loaded at,
// plus what the page warns about (services that use landed cost, variants without customs data).
import type { FieldError } from "~/lib/field-errors";
import { type LandedCostForm, formToLandedCost, landedCostToForm } from "~/admin/forms/landed-cost-form";
import { getShippingSetup, saveShippingSetup } from "./shipping-config.server";

export async function loadLandedCostSettings(domain: string) {
  const setup = await getShippingSetup(domain);
  if (!setup) return null;
  const services = setup.config.zones.flatMap((z) => z.services.filter((s) => (s.landedCost ?? z.landedCost) !== "off").map((s) => `${z.name}: ${s.name}`));
  return { version: setup.version, currency: setup.config.currency, form: landedCostToForm(setup.config.landedCost, setup.config.currency), services };
}

export type LandedCostSaveResult =
  | { ok: true; version: number }
  | { ok: false; kind: "invalid"; errors: FieldError[] }
  | { ok: false; kind: "conflict" | "unknown_shop"; message: string };

export async function saveLandedCostSettings(domain: string, input: { version: number; form: LandedCostForm }): Promise<LandedCostSaveResult> {
  const setup = await getShippingSetup(domain);
  if (!setup) return { ok: false, kind: "unknown_shop", message: `No shop ${domain} is installed` };
  const { settings, errors } = formToLandedCost(input.form, setup.config.currency);
  if (errors.length > 0) return { ok: false, kind: "invalid", errors };
  const saved = await saveShippingSetup(domain, { ...setup.config, landedCost: settings }, input.version);
  return saved.ok ? { ok: true, version: saved.version } : saved;
}
