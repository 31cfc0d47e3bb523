// Shipping settings as code: the whole setup out as one JSON document, and back in atomically.
// Used by `npm run waypost -- export|import`, the settings page (app/routes/app.settings.code.tsx) and the demo seed.
import { z } from "zod";
import { parseBoundedJson } from "~/lib/bounded-json";
import { carrierRegistry } from "~/carriers/registry.server";
import { ShippingConfigSchema, type ShippingConfig } from "~/domain/shipping-config";
import { getShippingSetup, saveShippingSetup, validateShippingSetup, type FieldError } from "./shipping-config.server";

export async function exportSetup(domain: string): Promise<ShippingConfig> {
  const setup = await getShippingSetup(domain);
  if (!setup) throw new Error(`No shop ${domain} is installed`);
  const { $schema: _ignored, ...config } = setup.config;
  return config as ShippingConfig;
}

export type ImportResult =
  | { ok: true; dryRun: boolean; zones: number; services: number; version?: number }
  | { ok: false; errors: FieldError[] };

/** The largest settings document the admin and the CLI accept (a large setup with duty tables is ~200 KB). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export async function importSetup(domain: string, text: string, { dryRun = false } = {}): Promise<ImportResult> {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_IMPORT_BYTES) {
    const sizeKb = Math.ceil(bytes / 1024);
    const maxKb = MAX_IMPORT_BYTES / 1024;
    return { ok: false, errors: [{ path: "(document)", message: `the file is ${sizeKb} KB; the largest accepted is ${maxKb} KB`, key: "import_too_large", params: { sizeKb, maxKb } }] };
  }
  // Bounded parsing (nesting depth, NUL, lone surrogates): the same document may come from a browser upload.
  const parsed = parseBoundedJson(text);
  // The reason is technical ("nests deeper than 64 levels"): it goes into the sentence as it came.
  if (!parsed.ok) return { ok: false, errors: [{ path: "(document)", message: `the file ${parsed.reason}`, key: "import_unreadable", params: { reason: parsed.reason } }] };
  const json = parsed.value;
  const valid = validateShippingSetup(json);
  if (!valid.ok) return { ok: false, errors: valid.errors };
  const counts = { zones: valid.config.zones.length, services: valid.config.zones.reduce((n, z) => n + z.services.length, 0) };
  if (dryRun) return { ok: true, dryRun: true, ...counts };
  const saved = await saveShippingSetup(domain, valid.config);
  if (!saved.ok) {
    return { ok: false, errors: saved.kind === "invalid" ? saved.errors : [{ path: "(shop)", message: saved.message, key: saved.kind === "conflict" ? "setup_changed" : "shop_not_installed" }] };
  }
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
