// Every environment variable Waypost reads, validated once at boot. A missing or malformed value stops the server
// with a message naming the variable and the shape it should have; production never falls back to blanks.
import { z } from "zod";

const isProduction = () => process.env.NODE_ENV === "production";

const base64Key32 = z.string().refine((v) => {
  try {
    return Buffer.from(v, "base64").length === 32;
  } catch {
    return false;
  }
}, "must be 32 random bytes in base64 (generate one with: openssl rand -base64 32)");

const MAX_OLD_SECRET_MS = 7 * 24 * 3600_000;

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    SHOPIFY_API_KEY: z.string().min(1),
    SHOPIFY_API_SECRET: z.string().min(1),
    // After a rotation the previous secret is accepted (webhooks, rate callbacks, session tokens alike) only until
    // SHOPIFY_API_SECRET_OLD_EXPIRES_AT, which is required with it and at most 7 days ahead: a forgotten variable
    // must not keep a leaked secret valid forever (issue 8, defect 7).
    SHOPIFY_API_SECRET_OLD: z.string().min(1).optional(),
    SHOPIFY_API_SECRET_OLD_EXPIRES_AT: z.iso
      .datetime({ offset: true, message: "must be an ISO 8601 time such as 2026-12-01T18:00:00Z" })
      .transform((v) => new Date(v))
      .optional(),
    SHOPIFY_APP_URL: z.url("must be an absolute URL such as https://waypost.example.com"),
    SCOPES: z
      .string()
      .default("read_orders,read_products,write_shipping,read_fulfillments,write_fulfillments,read_merchant_managed_fulfillment_orders,write_merchant_managed_fulfillment_orders"),
    SHOP_CUSTOM_DOMAIN: z.string().optional(),
    DATABASE_URL: z
      .string()
      .default("file:./waypost.sqlite")
      .refine(
        (v) => v.startsWith("file:") || /^postgres(ql)?:\/\//.test(v),
        "must be file:./path.sqlite (embedded) or postgres://user:pass@host:5432/db",
      ),
    WAYPOST_ENCRYPTION_KEY: base64Key32,
    WAYPOST_ENCRYPTION_KEYS_OLD: z.string().optional(),
    RATES_DEADLINE_MS: z.coerce.number().int().min(100).max(10_000).default(2_000),
    RATES_SAFETY_MARGIN_MS: z.coerce.number().int().min(0).max(5_000).default(400),
    QUOTE_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
    QUOTE_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    OUTBOX_WORKER: z.enum(["on", "off"]).default("on"),
    ALLOW_LOOPBACK_DESTINATIONS: z.enum(["true", "false"]).default("false"),
    /** Unset means "info", except under tests, where logs stay quiet unless asked for. */
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).optional(),
    // Where USPS calls go instead of apis.usps.com / apis-tem.usps.com: the demo's and tests' loopback fake.
    // Scale-out: carrier state shared by every instance (USPS quota ledgers, cached tokens) lives in Redis when set.
    REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, "must look like redis://host:6379").optional(),
    USPS_API_URL: z.url("must be an absolute URL such as http://127.0.0.1:4010").optional(),
    // Waypost's UPS developer app: the authorization-code connect flow and token refresh need it (docs/carriers/ups.md).
    UPS_CLIENT_ID: z.string().min(1).optional(),
    UPS_CLIENT_SECRET: z.string().min(1).optional(),
    // Replaces both UPS hosts (CIE and production); the demo and tests point it at the loopback fake.
    UPS_BASE_URL: z.url("must be an absolute URL such as http://127.0.0.1:4010").optional(),
    // Where a carrier's OAuth callback sends the merchant back to; the app path is appended URL-encoded. Default: the
    // Shopify admin (https://admin.shopify.com/store/<store>/apps/<api key><path>). The demo's local admin frame sets it.
    // Mail transport for partner-portal emails (invitations, password reset): smtp://user:pass@host:port. Unset in
    // development: messages are logged as "not sent" and the portal shows the link to the signed-in provider only.
    SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/, "must look like smtp://user:pass@host:587").optional(),
    SMTP_FROM: z.string().max(200).default("Waypost <no-reply@waypost.invalid>"),
    ADMIN_RETURN_URL: z.url("must be an absolute URL ending where the app path goes, e.g. https://admin.example/apps?path=").optional(),
  })
  .superRefine((env, ctx) => {
    if (env.SHOPIFY_API_SECRET_OLD && !env.SHOPIFY_API_SECRET_OLD_EXPIRES_AT) {
      ctx.addIssue({ code: "custom", path: ["SHOPIFY_API_SECRET_OLD_EXPIRES_AT"], message: "is required with SHOPIFY_API_SECRET_OLD: when the old secret stops being accepted (ISO 8601, at most 7 days ahead)" });
    }
    const expires = env.SHOPIFY_API_SECRET_OLD_EXPIRES_AT;
    if (expires instanceof Date && expires.getTime() - Date.now() > MAX_OLD_SECRET_MS) {
      ctx.addIssue({ code: "custom", path: ["SHOPIFY_API_SECRET_OLD_EXPIRES_AT"], message: "must be at most 7 days ahead; retire the old secret promptly" });
    }
    if (env.NODE_ENV === "production" && env.UPS_BASE_URL) {
      ctx.addIssue({ code: "custom", path: ["UPS_BASE_URL"], message: "points UPS calls (and the merchant's UPS tokens) at another host; not allowed in production" });
    }
    if (env.NODE_ENV === "production" && env.USPS_API_URL) {
      ctx.addIssue({ code: "custom", path: ["USPS_API_URL"], message: "points USPS calls (and the merchant's USPS credentials) at another host; not allowed in production" });
    }
    if (!env.UPS_CLIENT_ID !== !env.UPS_CLIENT_SECRET) {
      ctx.addIssue({ code: "custom", path: [env.UPS_CLIENT_ID ? "UPS_CLIENT_SECRET" : "UPS_CLIENT_ID"], message: "UPS_CLIENT_ID and UPS_CLIENT_SECRET go together" });
    }
    if (env.NODE_ENV === "production" && !env.SHOPIFY_APP_URL.startsWith("https://")) {
      ctx.addIssue({ code: "custom", path: ["SHOPIFY_APP_URL"], message: "must use https:// in production" });
    }
  });

/** What a required variable should look like, shown when it is missing. */
const HINTS: Record<string, string> = {
  SHOPIFY_API_KEY: "the app's client id from the Partner Dashboard (shopify.app.toml client_id)",
  SHOPIFY_API_SECRET: "the app's client secret from the Partner Dashboard",
  SHOPIFY_APP_URL: "the app's public https URL, e.g. https://waypost.example.com",
  WAYPOST_ENCRYPTION_KEY: "32 random bytes in base64 (openssl rand -base64 32)",
};

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses an environment; throws EnvError listing every bad variable with what it should look like. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (result.success) return result.data;
  // Values are never echoed: several of these variables are secrets.
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const got = source[name];
    if (got === undefined || got === "") return `  ${name} is missing: ${HINTS[name] ?? issue.message}`;
    return `  ${name} is invalid: ${issue.message}`;
  });
  throw new EnvError(`Waypost cannot start: bad configuration.\n${lines.join("\n")}\nSee README.md#configuration.`);
}

let cached: Env | undefined;

/** The validated environment of this process (parsed on first use, i.e. at boot). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function resetEnvForTests() {
  cached = undefined;
}

export { isProduction };
