// What the partner services need from the outside world, passed in as one object (tests hand in fakes): the
// database, the Admin API per shop, the app's public URL (fulfillment-service callbacks), a mailer and the clock.
import { getDb, type Db } from "~/db.server";
import { env } from "~/env.server";
import type { AdminClient } from "~/shopify/admin-operations.server";
import { adminFor } from "~/shopify/offline-admin.server";
import { smtpMailer, type Mailer } from "./mail.server";

export interface PartnersContext {
  db: Db;
  adminFor(shop: string): Promise<AdminClient>;
  appUrl: string;
  mailer: Mailer;
  now(): Date;
  production: boolean;
  allowLoopback: boolean;
  lookup?: (host: string) => Promise<string[]>;
}

export function partnersContext(overrides: Partial<PartnersContext> = {}): PartnersContext {
  const e = env();
  return {
    db: overrides.db ?? getDb(),
    adminFor: overrides.adminFor ?? adminFor,
    appUrl: overrides.appUrl ?? e.SHOPIFY_APP_URL.replace(/\/$/, ""),
    mailer: overrides.mailer ?? smtpMailer(e.SMTP_URL, e.SMTP_FROM),
    now: overrides.now ?? (() => new Date()),
    production: overrides.production ?? e.NODE_ENV === "production",
    allowLoopback: overrides.allowLoopback ?? e.ALLOW_LOOPBACK_DESTINATIONS === "true",
    ...(overrides.lookup ? { lookup: overrides.lookup } : {}),
  };
}

/** A sentence of the portal namespace (`portal.json`) with its values; the page translates it. */
export type Notice = { key: string; params?: Record<string, string | number> };

/**
 * A failure the caller can act on (a 4xx, or 502 when Shopify refused), `status` says which. `key` (+ `params`)
 * names the sentence in the `portal` namespace the portal and the merchant's page show; `message` stays English
 * for the provider API, scripts and logs, and `code` is the key's stable, API-facing name.
 */
export class PartnerError extends Error {
  override name = "PartnerError";
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 410 | 422 | 429 | 502,
    readonly key: `errors.${string}`,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }

  /** "errors.orderNotFound" → "order_not_found": what API clients branch on. */
  get code(): string {
    return errorCode(this.key);
  }

  get notice(): Notice {
    return this.params ? { key: this.key, params: this.params } : { key: this.key };
  }
}

export const errorCode = (key: string) => key.replace(/^errors\./, "").replace(/\./g, "_").replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
