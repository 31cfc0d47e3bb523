// Shipping settings as code: the whole setup out as one JSON document, and back in atomically.
// Used by `npm run waypost -- export|import` and the demo seed.
import { z } from "zod";
import { carrierRegistry } from "~/carriers/registry.server";
import { ShippingConfigSchema, type ShippingConfig } from "~/domain/shipping-config";
import { getShippingSetup, saveShippingSetup, validateShippingSetup, type FieldError } from "./shipping-config.server";

export async function exportSetup(domain: string): Promise<ShippingConfig> {
  const setup = await getShippingSetup(domain);
  if (!setup) throw new Error(`No shop ${domain} is installed`);
  const { $schema: _ignored, ...config } = setup.config;
  return config as ShippingConfig;
}

type ImportResult =
  | { ok: true; dryRun: boolean; zones: number; services: number; version?: number }
  | { ok: false; errors: FieldError[] };

export async function importSetup(domain: string, text: string, { dryRun = false } = {}): Promise<ImportResult> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: "(document)", message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const valid = validateShippingSetup(json);
  if (!valid.ok) return { ok: false, errors: valid.errors };
  const counts = { zones: valid.config.zones.length, services: valid.config.zones.reduce((n, z) => n + z.services.length, 0) };
  if (dryRun) return { ok: true, dryRun: true, ...counts };
  const saved = await saveShippingSetup(domain, valid.config);
  if (!saved.ok) return { ok: false, errors: saved.kind === "invalid" ? saved.errors : [{ path: "(shop)", message: saved.message }] };
  return { ok: true, dryRun: false, version: saved.version, ...counts };
}

/** The JSON Schema for editors and CI of merchants who keep their setup in git (docs/shipping-config.schema.json). */
export function shippingConfigJsonSchema() {
  const schema = z.toJSONSchema(ShippingConfigSchema, { io: "input", unrepresentable: "any" }) as JsonSchemaNode;
  // The domain knows carrier ids only by shape; editors should offer the registered ones.
  const source = schema.properties?.zones?.items?.properties?.services?.items?.properties?.source;
  if (source) source.enum = carrierRegistry.ids();
  return schema;
}

type JsonSchemaNode = { properties?: Record<string, JsonSchemaNode>; items?: JsonSchemaNode; enum?: string[] } & Record<string, unknown>;
