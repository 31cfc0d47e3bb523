// The shop settings page (Boxes and origin): origin, currency, time zone, processing and boxes, saved as one validated document at the
// version the page was loaded at.
import { type FieldError, issuesToFieldErrors } from "~/lib/field-errors";
import { type SettingsForm, applySettingsForm, settingsToForm } from "~/admin/forms/shop-settings-form";
import { defaultWeightUnit } from "~/admin/forms/zone-form";
import { ShippingConfigSchema } from "~/domain/shipping-config";
import { getShippingSetup, saveShippingSetup } from "./shipping-config.server";

export async function loadSettings(domain: string) {
  const setup = await getShippingSetup(domain);
  if (!setup) return null;
  const metric = defaultWeightUnit(setup.config.origin.country) === "kg";
  return { version: setup.version, form: settingsToForm(setup.config, metric ? "cm" : "in", metric ? "kg" : "lb") };
}

export type SettingsSaveResult =
  | { ok: true; version: number }
  | { ok: false; kind: "invalid"; errors: FieldError[] }
  | { ok: false; kind: "conflict" | "unknown_shop"; message: string };

export async function saveSettings(domain: string, input: { version: number; form: SettingsForm }): Promise<SettingsSaveResult> {
  const setup = await getShippingSetup(domain);
  if (!setup) return { ok: false, kind: "unknown_shop", message: `No shop ${domain} is installed` };
  if (setup.version !== input.version) {
    return { ok: false, kind: "conflict", message: "The shipping setup changed since you opened this page. Reload to see the latest version, then apply your change again." };
  }
  const { config, errors } = applySettingsForm(setup.config, input.form);
  if (errors.length > 0) {
    const parsed = ShippingConfigSchema.safeParse(config);
    const typed = new Set(errors.map((e) => e.path));
    const schema = parsed.success ? [] : issuesToFieldErrors(parsed.error.issues);
    return { ok: false, kind: "invalid", errors: [...errors, ...schema.filter((e) => !typed.has(e.path))] };
  }
  const saved = await saveShippingSetup(domain, config, setup.version);
  return saved.ok ? { ok: true, version: saved.version } : saved;
}
