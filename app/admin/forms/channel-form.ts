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
}

export function channelFromForm(connector: ChannelConnector<unknown>, raw: Record<string, unknown>): FormResult<ChannelFromForm> {
  const common = CommonFields.safeParse(raw);
  const own = connector.form.schema.safeParse(raw);
  if (!common.success || !own.success) {
    return { ok: false, errors: [...(common.success ? [] : fieldErrorsOf(common.error)), ...(own.success ? [] : fieldErrorsOf(own.error))] };
  }
  const stored = connector.form.toStored(own.data);
  if ("errors" in stored) return { ok: false, errors: stored.errors };
  const settings = connector.settingsSchema.safeParse(stored.settings);
  if (!settings.success) return { ok: false, errors: fieldErrorsOf(settings.error, stored.fieldOf) };
  const secrets = Object.fromEntries(Object.entries(stored.secrets).filter(([, v]) => v !== undefined && v !== "")) as Record<string, string>;
  const sealed = connector.secretsSchema.safeParse(secrets);
  if (!sealed.success) return { ok: false, errors: fieldErrorsOf(sealed.error) };
  const { name, wants, inboundSecret } = common.data;
  if (inboundSecret && connector.inboundFormat) secrets.inboundSecret = inboundSecret;
  return { ok: true, value: { name, settings: { ...(settings.data as object), wants }, secrets } };
}
