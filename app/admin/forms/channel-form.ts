// The channel connect form: the fields every connection has (name, what it sends, inbound secret) plus the
// connector's own form, turned into stored settings and secrets that the connector's schemas accept.
import { z } from "zod";
import { LIMITS, optionalText, requiredText } from "~/channels/admin-form";
import type { ChannelConnector } from "~/channels/channel";
import { TRACKING_WANTS } from "~/services/tracking/connection-extras.server";
import { fieldErrorsOf, type FormResult } from "./field-errors";

const CommonFields = z.object({
  name: requiredText("Name", LIMITS.name),
  wants: z.enum(TRACKING_WANTS),
  inboundSecret: optionalText("Inbound tracking secret", LIMITS.secret),
});

interface ChannelFromForm {
  name: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
  /** Where it sends, comparable between connections of the same type (see ChannelAdminForm.destinationKey). */
  destination: string;
}

/** Settings as one comparable string: keys sorted, what-it-sends left out (it is not where it sends). */
function settingsKey(settings: Record<string, unknown>): string {
  const { wants: _wants, baseUrl: _baseUrl, ...rest } = settings;
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sort(rest));
}

export function destinationKeyOf(connector: ChannelConnector<unknown>, settings: Record<string, unknown>): string {
  return connector.form.destinationKey?.(settings) ?? settingsKey(settings);
}

export function channelFromForm(connector: ChannelConnector<unknown>, raw: Record<string, unknown>): FormResult<ChannelFromForm> {
  const common = CommonFields.safeParse(raw);
  const own = connector.form.schema.safeParse(raw);
  if (!common.success || !own.success) {
    return { ok: false, errors: [...(common.success ? [] : fieldErrorsOf(common.error)), ...(own.success ? [] : fieldErrorsOf(own.error))] };
  }
  const form = connector.form.toStored(own.data);
  if ("errors" in form) return { ok: false, errors: form.errors };
  const settings = connector.settingsSchema.safeParse(form.settings);
  if (!settings.success) return { ok: false, errors: fieldErrorsOf(settings.error, form.fieldOf) };
  const secrets = Object.fromEntries(Object.entries(form.secrets).filter(([, v]) => v !== undefined && v !== "")) as Record<string, string>;
  const sealed = connector.secretsSchema.safeParse(secrets);
  if (!sealed.success) return { ok: false, errors: fieldErrorsOf(sealed.error) };
  const { name, wants, inboundSecret } = common.data;
  if (inboundSecret && connector.inboundFormat) secrets.inboundSecret = inboundSecret;
  const stored = settings.data as Record<string, unknown>;
  return { ok: true, value: { name, settings: { ...stored, wants }, secrets, destination: destinationKeyOf(connector, stored) } };
}
