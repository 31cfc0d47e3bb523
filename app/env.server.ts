// Every environment variable Waypost reads, validated once at boot. A missing or malformed value stops the server
// with a message naming the variable and the shape it should have; production never falls back to blanks.
import { z } from "zod";
import type { CarrierEnvNames } from "~/carriers/admin";
import { CARRIERS } from "~/carriers/registry.server";

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
    // Scale-out: carrier state shared by every instance (USPS quota ledgers, cached tokens) lives in Redis when set.
    REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, "must look like redis://host:6379").optional(),
    // Each carrier's own variables (base-URL override, Waypost's developer app) are declared by its connector
    // (`env` in app/carriers/<id>/) and validated below by carrierEnv(), the same way for every carrier.
    // Where a carrier's OAuth callback sends the merchant back to; the app path is appended URL-encoded. Default: the
    // Shopify admin (https://admin.shopify.com/store/<store>/apps/<api key><path>). The demo's local admin frame sets it.
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

/** What one carrier gets from the environment: a base-URL override and Waypost's own app at the carrier. */
export interface CarrierEnv {
  baseUrl?: string;
  appCredentials?: { clientId: string; clientSecret: string };
}

export type Env = z.infer<typeof EnvSchema> & {
  /** By carrier id; only carriers with something set appear. */
  carriers: Readonly<Record<string, CarrierEnv>>;
};

type Issue = { name: string; message: string };
const OverrideUrl = z.url("must be an absolute URL such as http://127.0.0.1:4010");

/**
 * Reads the variables each carrier declares. A base-URL override is refused in production: it would send the
 * carrier's calls, with the merchant's tokens and credentials, to another host. An app id goes with its secret.
 */
export function carrierEnv(
  source: Record<string, string | undefined>,
  production: boolean,
  carriers: readonly { id: string; displayName: string; env?: CarrierEnvNames }[] = CARRIERS,
): { carriers: Record<string, CarrierEnv>; issues: Issue[] } {
  const out: Record<string, CarrierEnv> = {};
  const issues: Issue[] = [];
  const read = (name: string | undefined) => (name && source[name] ? source[name] : undefined);
  for (const c of carriers) {
    if (!c.env) continue;
    const found: CarrierEnv = {};
    const baseUrl = read(c.env.baseUrl);
    if (baseUrl !== undefined && c.env.baseUrl) {
      if (!OverrideUrl.safeParse(baseUrl).success) issues.push({ name: c.env.baseUrl, message: "must be an absolute URL such as http://127.0.0.1:4010" });
      else if (production) issues.push({ name: c.env.baseUrl, message: `points ${c.displayName} calls (and the merchant's ${c.displayName} credentials) at another host; not allowed in production` });
      else found.baseUrl = baseUrl;
    }
    const clientId = read(c.env.clientId);
    const clientSecret = read(c.env.clientSecret);
    if (clientId && clientSecret) found.appCredentials = { clientId, clientSecret };
    else if ((clientId || clientSecret) && c.env.clientId && c.env.clientSecret) {
      issues.push({ name: clientId ? c.env.clientSecret : c.env.clientId, message: `${c.env.clientId} and ${c.env.clientSecret} go together` });
    }
    if (found.baseUrl || found.appCredentials) out[c.id] = found;
  }
  return { carriers: out, issues };
}

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses an environment; throws EnvError listing every bad variable with what it should look like. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  const carriers = carrierEnv(source, (result.success ? result.data.NODE_ENV : source.NODE_ENV) === "production");
  if (result.success && carriers.issues.length === 0) return { ...result.data, carriers: carriers.carriers };
  // Values are never echoed: several of these variables are secrets.
  const issues = [...(result.success ? [] : result.error.issues.map((issue) => ({ name: String(issue.path[0] ?? "environment"), message: issue.message }))), ...carriers.issues];
  const lines = issues.map(({ name, message }) => {
    const got = source[name];
    if (got === undefined || got === "") return `  ${name} is missing: ${HINTS[name] ?? message}`;
    return `  ${name} is invalid: ${message}`;
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
