// The merchant's connect form for a webhook destination: where to POST (one pasted URL) and how to authenticate.
// The URL is split into the stored settings (protocol, host, port, path); posts that send those parts separately
// (older forms, scripts) are still read. A typed secret is never dropped: the authentication follows what was typed,
// and a secret typed next to a different authentication choice is an error.
import { z } from "zod";
import { LIMITS, optionalPort, optionalText, type ChannelAdminForm, type FormFieldErrors } from "../admin-form";

const AUTH_KINDS = ["none", "basic", "hmac"] as const;
type AuthKind = (typeof AUTH_KINDS)[number];

const schema = z.object({
  url: optionalText("Webhook URL", LIMITS.host + LIMITS.path + 20),
  protocol: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["https", "http"]).optional()),
  host: optionalText("Host", LIMITS.host),
  port: optionalPort,
  path: optionalText("Path", LIMITS.path),
  authKind: z.preprocess((v) => (v === "" ? undefined : v), z.enum(AUTH_KINDS).optional()),
  username: optionalText("Basic auth user", LIMITS.id),
  password: optionalText("Basic auth password", LIMITS.secret),
  hmacSecret: optionalText("HMAC secret", LIMITS.secret),
  signatureHeader: optionalText("Signature header", LIMITS.label),
});
type Form = z.infer<typeof schema>;

interface Destination {
  protocol: "https" | "http";
  host: string;
  port?: number;
  path: string;
}

/** "https://erp.example.com:8443/hooks/waypost?key=1" → its parts; an error key (errors.json) for anything else. */
export function parseWebhookUrl(text: string): Destination | { error: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { error: "webhook_url_format" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { error: "webhook_url_scheme" };
  if (url.username || url.password) return { error: "webhook_url_login" };
  if (url.hash) return { error: "webhook_url_fragment" };
  if (!url.hostname) return { error: "webhook_url_host" };
  return {
    protocol: url.protocol === "https:" ? "https" : "http",
    host: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: `${url.pathname || "/"}${url.search}`,
  };
}

function destinationOf(f: Form): Destination | { errors: FormFieldErrors } {
  if (f.url) {
    const parsed = parseWebhookUrl(f.url);
    return "error" in parsed ? { errors: [{ path: "url", message: parsed.error }] } : parsed;
  }
  if (!f.host) return { errors: [{ path: "url", message: "webhook_url_required" }] };
  return { protocol: f.protocol ?? "https", host: f.host, ...(f.port ? { port: f.port } : {}), path: f.path ?? "/" };
}

/** The authentication the merchant meant: the one chosen, or (when none was chosen) the one whose secret was typed. */
export function authKindOf(f: Pick<Form, "authKind" | "hmacSecret" | "username" | "password">): AuthKind {
  if (f.authKind) return f.authKind;
  if (f.hmacSecret) return "hmac";
  if (f.username || f.password) return "basic";
  return "none";
}

function authErrors(f: Form, kind: AuthKind): FormFieldErrors {
  const out: FormFieldErrors = [];
  if (kind === "basic" && !f.username) out.push({ path: "username", message: "basic_auth_user" });
  if (kind === "basic" && !f.password) out.push({ path: "password", message: "basic_auth_password" });
  if (kind === "hmac" && !f.hmacSecret) out.push({ path: "hmacSecret", message: "hmac_secret_required" });
  if (kind !== "hmac" && f.hmacSecret) {
    out.push({ path: "hmacSecret", message: "hmac_secret_other_auth" });
  }
  if (kind !== "basic" && (f.username || f.password)) {
    out.push({ path: f.username ? "username" : "password", message: "basic_login_other_auth" });
  }
  return out;
}

export const webhookForm: ChannelAdminForm = {
  fields: [
    { name: "url", label: "Webhook URL", placeholder: "https://erp.example.com/webhooks/waypost", help: "Paste the full address your system receives events at." },
    {
      name: "authKind",
      label: "Authentication",
      options: ["none", "hmac", "basic"],
      optionLabels: { none: "None", hmac: "HMAC signature (recommended)", basic: "Basic auth (user and password)" },
    },
    { name: "username", label: "Basic auth user", shownWhen: { field: "authKind", is: ["basic"] } },
    { name: "password", label: "Basic auth password", secret: true, shownWhen: { field: "authKind", is: ["basic"] } },
    { name: "hmacSecret", label: "HMAC secret (16+ characters)", secret: true, shownWhen: { field: "authKind", is: ["hmac"] } },
    { name: "signatureHeader", label: "Signature header", help: "Default X-Waypost-Signature", shownWhen: { field: "authKind", is: ["hmac"] } },
  ],
  schema,
  toStored(raw) {
    const f = raw as Form;
    const destination = destinationOf(f);
    const kind = authKindOf(f);
    const errors = [...("errors" in destination ? destination.errors : []), ...authErrors(f, kind)];
    if (errors.length || "errors" in destination) return { errors };
    const auth =
      kind === "basic"
        ? { kind: "basic", username: f.username }
        : kind === "hmac"
          ? { kind: "hmac", ...(f.signatureHeader ? { header: f.signatureHeader } : {}) }
          : { kind: "none" };
    const urlField = f.url ? "url" : undefined;
    return {
      settings: { ...destination, auth },
      secrets: { password: kind === "basic" ? f.password : undefined, hmacSecret: kind === "hmac" ? f.hmacSecret : undefined },
      fieldOf: {
        "auth.username": "username",
        "auth.header": "signatureHeader",
        ...(urlField ? { protocol: urlField, host: urlField, port: urlField, path: urlField } : {}),
      },
    };
  },
  destinationKey: (settings) => {
    const s = settings as Partial<Destination>;
    return `${s.protocol}://${String(s.host ?? "").toLowerCase()}${s.port ? `:${s.port}` : ""}${s.path ?? "/"}`;
  },
};
