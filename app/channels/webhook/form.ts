// The merchant's connect form for a webhook destination: where to POST and how to authenticate.
import { z } from "zod";
import { LIMITS, optionalPort, optionalText, requiredText, type ChannelAdminForm, type FormFieldErrors } from "../admin-form";

const schema = z.object({
  protocol: z.enum(["https", "http"]),
  host: requiredText("Host", LIMITS.host),
  port: optionalPort,
  path: z.preprocess((v) => (v === undefined || v === "" ? "/" : v), requiredText("Path", LIMITS.path)),
  authKind: z.enum(["none", "basic", "hmac"]),
  username: optionalText("Basic auth user", LIMITS.id),
  password: optionalText("Basic auth password", LIMITS.secret),
  hmacSecret: optionalText("HMAC secret", LIMITS.secret),
  signatureHeader: optionalText("Signature header", LIMITS.label),
});
type Form = z.infer<typeof schema>;

function missingAuth(f: Form): FormFieldErrors {
  const missing: FormFieldErrors = [];
  if (f.authKind === "basic" && !f.username) missing.push({ path: "username", message: "Basic auth needs a user" });
  if (f.authKind === "basic" && !f.password) missing.push({ path: "password", message: "Basic auth needs a password" });
  if (f.authKind === "hmac" && !f.hmacSecret) missing.push({ path: "hmacSecret", message: "HMAC signing needs a secret" });
  return missing;
}

export const webhookForm: ChannelAdminForm = {
  fields: [
    { name: "protocol", label: "Protocol", options: ["https", "http"] },
    { name: "host", label: "Host" },
    { name: "port", label: "Port" },
    { name: "path", label: "Path" },
    { name: "authKind", label: "Authentication", options: ["none", "basic", "hmac"] },
    { name: "username", label: "Basic auth user" },
    { name: "password", label: "Basic auth password", secret: true },
    { name: "hmacSecret", label: "HMAC secret (16+ characters)", secret: true },
    { name: "signatureHeader", label: "Signature header", help: "Default X-Waypost-Signature" },
  ],
  schema,
  toStored(raw) {
    const f = raw as Form;
    const missing = missingAuth(f);
    if (missing.length) return { errors: missing };
    const auth =
      f.authKind === "basic"
        ? { kind: "basic", username: f.username }
        : f.authKind === "hmac"
          ? { kind: "hmac", ...(f.signatureHeader ? { header: f.signatureHeader } : {}) }
          : { kind: "none" };
    return {
      settings: { protocol: f.protocol, host: f.host, ...(f.port ? { port: f.port } : {}), path: f.path, auth },
      secrets: { password: f.authKind === "basic" ? f.password : undefined, hmacSecret: f.authKind === "hmac" ? f.hmacSecret : undefined },
      fieldOf: { "auth.username": "username", "auth.header": "signatureHeader" },
    };
  },
};
