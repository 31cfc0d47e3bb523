import { z } from "zod";
import { LIMITS } from "../admin-form";

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

const headerName = z.string().trim().max(LIMITS.label).regex(/^[A-Za-z0-9-]+$/, "not a valid header name");

/** Non-secret settings; the password / HMAC secret live in the secrets record. */
export const webhookSettingsSchema = z.object({
  protocol: z.enum(["http", "https"]),
  host,
  port: z.number().int().min(1).max(65535).optional(),
  path,
  auth: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("none") }),
    z.object({ kind: z.literal("basic"), username: z.string().min(1).max(LIMITS.id) }),
    z.object({ kind: z.literal("hmac"), header: headerName.optional() }),
  ]),
});
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

export const webhookSecretsSchema = z.object({
  password: z.string().min(1).max(LIMITS.secret).optional(),
  hmacSecret: z.string().min(16, "use an HMAC secret of at least 16 characters").max(LIMITS.secret).optional(),
});
export const webhookSecretFields = ["password", "hmacSecret"] as const;
