// The merchant's connect form for AfterShip: the API key and the slug for carriers AfterShip cannot be told.
import { z } from "zod";
import { LIMITS, optionalText, requiredText, type ChannelAdminForm } from "../admin-form";

const schema = z.object({
  apiKey: requiredText("API key", LIMITS.secret),
  defaultSlug: optionalText("Default courier slug", LIMITS.label),
});
type Form = z.infer<typeof schema>;

export const aftershipForm: ChannelAdminForm = {
  fields: [
    { name: "apiKey", label: "API key", secret: true },
    { name: "defaultSlug", label: "Default courier slug", help: 'E.g. "intelipost" when the carrier cannot be mapped' },
  ],
  schema,
  toStored(raw) {
    const f = raw as Form;
    return { settings: { ...(f.defaultSlug ? { defaultSlug: f.defaultSlug } : {}) }, secrets: { apiKey: f.apiKey } };
  },
};
