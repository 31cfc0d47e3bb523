// Persistence of a shop's shipping setup: one validated JSON document per shop with a version stamp.
// Every save validates the whole document and replaces it atomically, so nothing is ever half-saved, and bumps
// Shop.configVersion, which every instance's rating cache compares (app/services/rating/shop-config-cache.server.ts).
import crypto from "node:crypto";
import { getDb } from "~/db.server";
import { ShippingConfigSchema, formatIssuePath, type ShippingConfig } from "~/domain/shipping-config";
import { carrierRegistry } from "~/carriers/registry.server";
import { issueMessage, type MessageParams } from "~/lib/field-errors";
import { invalidateShopConfig } from "./rating/service.server";
import { carrierIssues } from "./shipping-config-carriers.server";

/**
 * An error about the document. `message` is English (the CLI prints it); `key` and `params` say the same as a key of
 * errors.json, for the admin's settings-as-code import.
 */
export interface FieldError {
  path: string;
  message: string;
  key?: string;
  params?: MessageParams;
}

export type SaveResult =
  | { ok: true; version: number; config: ShippingConfig }
  | { ok: false; kind: "invalid"; errors: FieldError[] }
  | { ok: false; kind: "conflict"; message: string }
  | { ok: false; kind: "unknown_shop"; message: string };

function emptyConfig(currency = "USD"): ShippingConfig {
  return ShippingConfigSchema.parse({ version: 1, currency, timeZone: "UTC", origin: { country: "US" } });
}

export async function getShippingSetup(domain: string): Promise<{ config: ShippingConfig; version: number; shopId: string } | null> {
  const shop = await getDb().shop.findUnique({ where: { domain }, select: { id: true, shippingConfig: true, configVersion: true, currency: true } });
  if (!shop) return null;
  const parsed = ShippingConfigSchema.safeParse(shop.shippingConfig);
  return { config: parsed.success ? parsed.data : emptyConfig(shop.currency), version: shop.configVersion, shopId: shop.id };
}

/** Validates a whole document, carriers included; errors carry paths like `zones[2].services[0].rules.caps.min`. */
export function validateShippingSetup(input: unknown): { ok: true; config: ShippingConfig } | { ok: false; kind: "invalid"; errors: FieldError[] } {
  const parsed = ShippingConfigSchema.safeParse(input);
  if (parsed.success) {
    const errors = carrierIssues(parsed.data, carrierRegistry);
    return errors.length === 0 ? { ok: true, config: parsed.data } : { ok: false, kind: "invalid", errors };
  }
  return {
    ok: false,
    kind: "invalid",
    errors: parsed.error.issues.map((i) => {
      const keyed = issueMessage(i);
      return { path: formatIssuePath(i.path) || "(document)", message: i.message, key: keyed.message, ...(keyed.params ? { params: keyed.params } : {}) };
    }),
  };
}

/** Validates and stores the whole document. `expectedVersion` guards against overwriting a concurrent edit. */
export async function saveShippingSetup(domain: string, input: unknown, expectedVersion?: number): Promise<SaveResult> {
  const valid = validateShippingSetup(input);
  if (!valid.ok) return valid;
  const config = withZoneIds(valid.config);
  const db = getDb();
  const shop = await db.shop.findUnique({ where: { domain }, select: { id: true } });
  if (!shop) return { ok: false, kind: "unknown_shop", message: `No shop ${domain} is installed` };
  const updated = await db.shop.updateMany({
    where: { domain, ...(expectedVersion !== undefined ? { configVersion: expectedVersion } : {}) },
    data: { shippingConfig: config as never, configVersion: { increment: 1 }, currency: config.currency, timeZone: config.timeZone },
  });
  if (updated.count === 0) {
    return { ok: false, kind: "conflict", message: "The shipping setup changed since you opened it. Reload to see the latest version, then apply your change again." };
  }
  invalidateShopConfig(domain);
  const after = await db.shop.findUniqueOrThrow({ where: { domain }, select: { configVersion: true } });
  return { ok: true, version: after.configVersion, config };
}

function withZoneIds(config: ShippingConfig): ShippingConfig {
  const taken = new Set(config.zones.map((z) => z.id).filter(Boolean));
  return {
    ...config,
    zones: config.zones.map((zone) => {
      if (zone.id) return zone;
      let id = slug(zone.name);
      while (!id || taken.has(id)) id = `${slug(zone.name).slice(0, 30) || "zone"}-${crypto.randomBytes(3).toString("hex")}`;
      taken.add(id);
      return { ...zone, id };
    }),
  };
}

function slug(name: string) {
  return name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40);
}

