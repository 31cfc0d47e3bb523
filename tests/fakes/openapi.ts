// Validates JSON bodies against a vendor's OpenAPI 3.0 file, so a fake refuses what the real API would.
// "Closed" mode also refuses properties the spec does not declare: UPS ignores them silently, which is how
// a misspelt NegotiatedRatesIndicator would cost a merchant their discount without any error.
import { readFileSync } from "node:fs";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import YAML from "yaml";

type Json = Record<string, unknown>;
export type OpenApiDoc = { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };

export function loadOpenApi(file: string): OpenApiDoc {
  return YAML.parse(readFileSync(file, "utf8")) as OpenApiDoc;
}

function close(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(close);
  if (!node || typeof node !== "object") return;
  const s = node as Json;
  if (s.properties && typeof s.properties === "object" && s.additionalProperties === undefined) {
    // Spec bug: some schemas require a property they never declare (RateRequest.Request.RequestOption).
    for (const name of (s.required as string[] | undefined) ?? []) (s.properties as Json)[name] ??= {};
    s.additionalProperties = false;
  }
  for (const v of Object.values(s)) close(v);
}

export interface SchemaValidator {
  (value: unknown): string[];
}

/**
 * A validator for `components.schemas[name]`, or for an inline request-body schema given by
 * `{ path, method, contentType }`. `patch` may adjust a copy of the schemas where the spec contradicts its
 * own examples; every patch should say which example it follows.
 */
export function openApiValidator(
  doc: OpenApiDoc,
  target: string | { path: string; method: string; contentType: string },
  opts: { closed?: boolean; patch?: (schemas: Record<string, Json>) => void } = {},
): SchemaValidator {
  const schemas = structuredClone(doc.components.schemas);
  let name = typeof target === "string" ? target : `__body ${target.method} ${target.path}`;
  if (typeof target !== "string") {
    const op = doc.paths[target.path]?.[target.method] as { requestBody?: { content?: Record<string, { schema?: Json }> } } | undefined;
    const schema = op?.requestBody?.content?.[target.contentType]?.schema;
    if (!schema) throw new Error(`no ${target.contentType} body for ${target.method} ${target.path}`);
    name = name.replace(/[^A-Za-z0-9_]/g, "_");
    schemas[name] = structuredClone(schema);
  }
  opts.patch?.(schemas);
  if (opts.closed) close(schemas);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const id = "https://fake.local/openapi.json";
  ajv.addSchema({ $id: id, components: { schemas } });
  const validate = ajv.getSchema(`${id}#/components/schemas/${name}`) as ValidateFunction | undefined;
  if (!validate) throw new Error(`no schema ${name}`);
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map(describe));
}

function describe(e: ErrorObject): string {
  const extra = e.keyword === "additionalProperties" ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : "";
  return `${e.instancePath || "(root)"} ${e.message ?? e.keyword}${extra}`;
}
