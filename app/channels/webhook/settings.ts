import { z } from "zod";

const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])$/, "host must be a hostname or IP address, without scheme or path");

const path = z
  .string()
  .trim()
  .max(2000)
  .regex(/^[^\s#]*$/, "path cannot contain spaces or #")
  .transform((p) => (p.startsWith("/") ? p : `/${p}`));

export const DEFAULT_SIGNATURE_HEADER = "X-Waypost-Signature";

const headerName = z.string().trim().regex(/^[A-Za-z0-9-]+$/, "not a valid header name");

/** Non-secret settings; the password / HMAC secret live in the secrets record. */
export const webhookSettingsSchema = z.object({
  protocol: z.enum(["http", "https"]),
  host,
  port: z.number().int().min(1).max(65535).optional(),
  path,
  auth: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("none") }),
    z.object({ kind: z.literal("basic"), username: z.string().min(1) }),
    z.object({ kind: z.literal("hmac"), header: headerName.optional() }),
  ]),
});
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

export const webhookSecretsSchema = z.object({
  password: z.string().min(1).optional(),
  hmacSecret: z.string().min(16, "use an HMAC secret of at least 16 characters").optional(),
});
export const webhookSecretFields = ["password", "hmacSecret"] as const;

/** The merchant-facing form, with secrets inline; split it with `splitWebhookForm` before storing. */
export const webhookFormSchema = webhookSettingsSchema.extend({
  auth: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("none") }),
    z.object({ kind: z.literal("basic"), username: z.string().min(1), password: z.string().min(1) }),
    z.object({ kind: z.literal("hmac"), secret: webhookSecretsSchema.shape.hmacSecret.unwrap(), header: headerName.optional() }),
  ]),
});
export type WebhookForm = z.infer<typeof webhookFormSchema>;

export function splitWebhookForm(form: WebhookForm): { settings: WebhookSettings; secrets: Record<string, string> } {
  const { auth, ...rest } = form;
  switch (auth.kind) {
    case "none":
      return { settings: { ...rest, auth }, secrets: {} };
    case "basic":
      return { settings: { ...rest, auth: { kind: "basic", username: auth.username } }, secrets: { password: auth.password } };
    case "hmac":
      return {
        settings: { ...rest, auth: { kind: "hmac", ...(auth.header ? { header: auth.header } : {}) } },
        secrets: { hmacSecret: auth.secret },
      };
  }
}
