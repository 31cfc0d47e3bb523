// The carrier plug-in contract as agreed for the registry; kept here until the shared one lands, then this
// file's exports are replaced by imports from the registry's module.
import type { z } from "zod";
import type { RateSource } from "../carrier";

export interface CarrierService {
  code: string;
  name: string;
  scope: "domestic" | "international" | "both";
  description?: string;
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
  secrets: Secrets;
  saveSecrets(next: Secrets): Promise<void>;
}

export interface CarrierDeps {
  fetch: typeof fetch;
  now: () => number;
  baseUrl?: string;
}

export interface CarrierConnector<Settings = unknown, Secrets = unknown> {
  id: string;
  displayName: string;
  settingsSchema: z.ZodType<Settings>;
  secretsSchema: z.ZodType<Secrets>;
  services: readonly CarrierService[];
  capabilities: CarrierCapabilities;
  requiresConnection: boolean;
  createSource(connection: CarrierConnectionContext<Settings, Secrets> | null, deps: CarrierDeps): RateSource;
}
