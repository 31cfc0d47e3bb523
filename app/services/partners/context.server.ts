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

/** A failure the caller shows as is (a 4xx with this message); `status` says which. */
export class PartnerError extends Error {
  override name = "PartnerError";
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 410 | 422 | 429 | 502 = 400,
  ) {
    super(message);
  }
}
