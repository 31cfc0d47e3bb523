// What every carrier folder exports: one CarrierConnector, registered in ./registry.server.ts. The rating service
// only ever sees this shape, so adding a carrier is a folder plus one registry line (docs/architecture.md).
// A connector gets its credentials and its HTTP client passed in; it never imports the database or another carrier.
import type { z } from "zod";
import type { ServiceConfig } from "~/domain/shipping-config";
import type { CarrierAdmin, CarrierEnvNames } from "./admin";
import type { CarrierMessage, RateSource } from "./carrier";
import type { LabelProvider } from "./labels";

export interface CarrierService {
  code: string;
  name: string;
  scope: "domestic" | "international" | "both";
  description?: string;
  /** Origin countries the service is offered from; absent means any. */
  origins?: readonly string[];
  /** The carrier's name for it from specific origin countries, when it differs (ISO country → name). */
  localNames?: Readonly<Record<string, string>>;
}

export interface CarrierCapabilities {
  rates: boolean;
  negotiatedRates: boolean;
  timeInTransit: boolean;
  landedCost: boolean;
  labels: boolean;
  tracking: boolean;
}

export interface CarrierConnectionContext<Settings, Secrets> {
  id: string;
  shop: string;
  mode: "test" | "production";
  settings: Settings;
  /** As of when the shop's configuration was compiled; a connector keeps secrets it rotates in its own state. */
  secrets: Secrets;
  /** Persist rotated secrets (refreshed OAuth tokens); the service seals and stores them, scoped by shop and id. */
  saveSecrets(next: Secrets): Promise<void>;
  /** The stored secrets and an opaque version of them (another instance may have rotated them since compile). */
  loadSecrets?(): Promise<{ secrets: Secrets; version: string } | null>;
  /** Stores `next` only if the stored secrets are still at `expectedVersion`: the new version, or null when another writer won. */
  compareAndSwapSecrets?(expectedVersion: string, next: Secrets): Promise<string | null>;
  /** The carrier refused the connection's sign-in: the merchant must connect again (rating then uses fallbacks). */
  reportNeedsReconnect?(reason: string): Promise<void>;
}

export interface CarrierDeps {
  fetch: typeof fetch;
  now: () => number;
  /** per-carrier base URL override (tests, fakes) */
  baseUrl?: string;
  /** Waypost's own developer app at the carrier (from the environment), e.g. to refresh OAuth tokens. */
  appCredentials?: { clientId: string; clientSecret: string };
  /** State shared by every instance (quota ledgers, cached tokens); absent, a carrier keeps it in this process. */
  sharedState?: CarrierStateStore;
}

/**
 * Small JSON values shared by all instances, one row per key (app/services/carrier-state.server.ts keeps them in
 * the database). `update` runs `fn` atomically against the stored value: no other update of the key interleaves.
 * Values are untrusted JSON: the carrier parses what it reads. A key holding a connection's data contains
 * `:<connection id>:`, so erasing a shop erases it too.
 */
export interface CarrierStateStore {
  update<T>(key: string, fn: (value: unknown) => { value: unknown; result: T }): Promise<T>;
  read(key: string): Promise<unknown>;
}

/**
 * What the merchant set up for this carrier in one zone: the enabled services that name it as their source.
 * Live carriers can ignore it (their prices come from the carrier); the table carrier prices from it.
 */
export interface SourceSetup {
  services: readonly ServiceConfig[];
}

export interface CarrierConnector<Settings = unknown, Secrets = unknown> {
  id: string;
  displayName: string;
  settingsSchema: z.ZodType<Settings>;
  secretsSchema: z.ZodType<Secrets>;
  /** The carrier's fixed service catalogue; empty only for a carrier whose services the merchant defines (table). */
  services: readonly CarrierService[];
  capabilities: CarrierCapabilities;
  /** false for the table carrier: it rates from the shop's own configuration, with no account behind it. */
  requiresConnection: boolean;
  createSource(connection: CarrierConnectionContext<Settings, Secrets> | null, deps: CarrierDeps, setup: SourceSetup): RateSource;
  /** Present when `capabilities.landedCost`: duties, taxes and fees quoted by the carrier for a connection. */
  createLandedCostSource?(connection: CarrierConnectionContext<Settings, Secrets>, deps: CarrierDeps): LandedCostSource;
  /** Required when `requiresConnection`: the connect form and steps behind Carriers → <carrier> (./admin.ts). */
  admin?: CarrierAdmin<Settings, Secrets>;
  /** The environment variables this carrier reads, by role; env.server.ts validates them for every carrier alike. */
  env?: CarrierEnvNames;
  /** Present when `capabilities.labels`: buys, voids and tracks labels on the connection's own account. */
  createLabelProvider?(connection: CarrierConnectionContext<Settings, Secrets>, deps: CarrierDeps): LabelProvider;
  /** With `createLabelProvider`: the service a label defaults to, and the company name Shopify shows with its tracking. */
  /** `internationalService`: the class an order abroad gets when its checkout choice does not go abroad. */
  labelDefaults?: { service: string; internationalService?: string; trackingCompany: string };
}

/** One cart to quote duties and taxes for; amounts in integer minor units of `currency`. */
export interface LandedCostQuoteRequest {
  /** Our reference for the quote (the carrier may echo it). */
  id: string;
  currency: string;
  originCountry: string;
  destination: { country: string; province?: string };
  /** YYYY-MM-DD */
  shipDate: string;
  items: {
    hsCode: string;
    originCountry: string;
    unitValue: number;
    quantity: number;
    unitWeightGrams: number;
    sku?: string;
  }[];
}

export interface CarrierLandedCostLine {
  kind: "duty" | "tax" | "fee";
  label: string;
  /** Index into the request's items; absent for shipment-level lines. */
  item?: number;
  /** Integer minor units of the quote's currency. */
  amount: number;
}

export interface LandedCostQuote {
  /** False when the carrier gave no usable figures (see messages): the caller falls back to its own estimate. */
  ok: boolean;
  currency: string;
  /** The carrier's name for the source, e.g. "UPS Landed Cost API". */
  source: string;
  quoteId?: string;
  lines: CarrierLandedCostLine[];
  totals: { duties: number; taxes: number; fees: number };
  messages: CarrierMessage[];
}

/** Never throws: failures come back as `{ ok: false, messages }`. */
export interface LandedCostSource {
  id: string;
  quote(req: LandedCostQuoteRequest, opts: { signal: AbortSignal }): Promise<LandedCostQuote>;
}

/** A connector of any settings/secrets types, as the registry holds them (createSource's parameter is contravariant). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCarrierConnector = CarrierConnector<any, any>;
