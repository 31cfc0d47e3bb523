// The merchant's connect form for Wish: the OAuth app's client credentials and the current tokens.
import { z } from "zod";
import { checkbox, LIMITS, optionalText, requiredText, type ChannelAdminForm } from "../admin-form";

const schema = z.object({
  clientId: requiredText("Client id", LIMITS.id),
  clientSecret: requiredText("Client secret", LIMITS.secret),
  accessToken: requiredText("Access token", LIMITS.secret),
  refreshToken: optionalText("Refresh token", LIMITS.secret),
  shippingProvider: optionalText("Fixed shipping provider", LIMITS.label),
  sandbox: checkbox,
});
type Form = z.infer<typeof schema>;

export const wishForm: ChannelAdminForm = {
  fields: [
    { name: "clientId", label: "Client id" },
    { name: "clientSecret", label: "Client secret", secret: true },
    { name: "accessToken", label: "Access token", secret: true },
    { name: "refreshToken", label: "Refresh token", secret: true, help: "Lets Waypost renew the access token by itself" },
    { name: "shippingProvider", label: "Fixed shipping provider", help: 'E.g. "Intelipost" for Brazil orders tracked by NF-e; blank = mapped from the carrier' },
    { name: "sandbox", label: "Sandbox", checkbox: true },
  ],
  schema,
  toStored(raw) {
    const f = raw as Form;
    return {
      settings: { clientId: f.clientId, ...(f.shippingProvider ? { shippingProvider: f.shippingProvider } : {}), ...(f.sandbox ? { sandbox: true } : {}) },
      secrets: { accessToken: f.accessToken, refreshToken: f.refreshToken, clientSecret: f.clientSecret },
    };
  },
};
