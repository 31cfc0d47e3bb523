// Keeps every registered carrier complete and self-contained: a connector missing a piece, a folder missing an
// expected file, a carrier file importing another carrier or the database, or a file outside a carrier's folder
// naming the carrier in code fails here, not in production.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CarrierIdSchema } from "~/domain/shipping-config";
import type { AnyCarrierConnector } from "./connector";
import { CARRIERS, carrierRegistry, createCarrierRegistry } from "./registry.server";

const CARRIERS_DIR = import.meta.dirname;
const CAPABILITIES = ["rates", "negotiatedRates", "timeInTransit", "landedCost", "labels", "tracking"] as const;
const SCOPES = ["domestic", "international", "both"];

/** Everything wrong with one connector's declaration; empty when complete. */
function declarationProblems(c: AnyCarrierConnector): string[] {
  const problems: string[] = [];
  if (!CarrierIdSchema.safeParse(c.id).success) problems.push(`id "${c.id}" is not a carrier id`);
  if (!c.displayName?.trim()) problems.push("no displayName");
  if (!(c.settingsSchema instanceof z.ZodType)) problems.push("no settingsSchema");
  if (!(c.secretsSchema instanceof z.ZodType)) problems.push("no secretsSchema");
  for (const key of CAPABILITIES) if (typeof c.capabilities?.[key] !== "boolean") problems.push(`capability ${key} is not declared`);
  if (typeof c.requiresConnection !== "boolean") problems.push("requiresConnection is not declared");
  if (typeof c.createSource !== "function") problems.push("no createSource");
  if (!Array.isArray(c.services)) problems.push("no services list");
  // A live carrier rates a fixed catalogue; only a connection-less carrier (tables) lets the merchant name services.
  else if (c.capabilities?.rates && c.requiresConnection && c.services.length === 0) problems.push("rates but lists no services");
  const codes = (c.services ?? []).map((s) => s.code);
  if (new Set(codes).size !== codes.length) problems.push("duplicate service codes");
  for (const s of c.services ?? []) if (!s.code || !s.name || !SCOPES.includes(s.scope)) problems.push(`service ${s.code || "?"} is incomplete`);
  if (c.requiresConnection) problems.push(...adminProblems(c));
  for (const [role, name] of Object.entries(c.env ?? {})) if (!/^[A-Z][A-Z0-9_]*$/.test(String(name))) problems.push(`env ${role} "${name}" is not a variable name`);
  return problems;
}

/** What the generic carrier page, connect service and callback need from a carrier that takes an account. */
function adminProblems(c: AnyCarrierConnector): string[] {
  const a = c.admin;
  if (!a) return ["requires a connection but declares no admin (connect form, schema, verify)"];
  const problems: string[] = [];
  if (!Array.isArray(a.fields) || a.fields.length === 0) problems.push("admin declares no form fields");
  const names = (a.fields ?? []).map((f) => f.name);
  if (new Set(names).size !== names.length) problems.push("admin has duplicate field names");
  for (const f of a.fields ?? []) if (!f.name || !f.label?.trim()) problems.push(`field ${f.name || "?"} has no name or label`);
  if (!Array.isArray(a.methods) || a.methods.length === 0) problems.push("admin declares no connect method");
  const methodIds = (a.methods ?? []).map((m) => m.id);
  for (const m of a.methods ?? []) {
    if (!m.id || !m.label?.trim() || !m.submitLabel?.trim()) problems.push(`method ${m.id || "?"} has no id, label or submit label`);
    if (!(m.schema instanceof z.ZodType)) problems.push(`method ${m.id} has no form schema`);
    if (m.flow !== "sign_in" && m.flow !== "credentials") problems.push(`method ${m.id} has no flow`);
    if (m.flow === "sign_in" && (typeof a.oauth?.authorizeUrl !== "function" || typeof a.oauth?.exchangeCode !== "function")) problems.push(`method ${m.id} signs in but the admin has no oauth steps`);
    if (m.flow === "sign_in" && !(c.env?.clientId && c.env.clientSecret)) problems.push(`method ${m.id} signs in but no env names Waypost's app (clientId, clientSecret)`);
  }
  for (const f of a.fields ?? []) for (const id of f.methods ?? []) if (!methodIds.includes(id)) problems.push(`field ${f.name} names unknown method ${id}`);
  for (const step of ["toStored", "verify", "describe"] as const) if (typeof a[step] !== "function") problems.push(`admin has no ${step}`);
  return problems;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Everything wrong with a carrier's folder: missing files, or imports of another carrier or of the database. */
function folderProblems(id: string, otherIds: string[], root = CARRIERS_DIR): string[] {
  const dir = path.join(root, id);
  if (!fs.existsSync(dir)) return [`no folder app/carriers/${id}`];
  const names = fs.readdirSync(dir);
  const problems: string[] = [];
  if (!names.includes("index.ts") && !names.includes("index.server.ts")) problems.push("no index.ts / index.server.ts");
  if (!names.includes("services.ts")) problems.push("no services.ts");
  const fixtures = path.join(dir, "__fixtures__");
  if (!fs.existsSync(fixtures) || fs.readdirSync(fixtures).length === 0) problems.push("no __fixtures__ with fixtures");
  if (!names.some((n) => n.endsWith(".test.ts"))) problems.push("no tests");
  const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;
  for (const file of filesUnder(dir).filter((f) => /\.tsx?$/.test(f))) {
    for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(specifier)) {
      const rel = path.relative(root, spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : "");
      const carrier = spec.startsWith("~/carriers/") ? spec.split("/")[2] : spec.startsWith(".") ? rel.split(path.sep)[0] : undefined;
      if (carrier && otherIds.includes(carrier)) problems.push(`${path.basename(file)} imports carrier ${carrier}`);
      if (/(^|\/)db\.server$|^~\/db\/|^~\/generated\/|^@prisma\//.test(spec)) problems.push(`${path.basename(file)} imports the database (${spec})`);
      if (/^~\/services\//.test(spec)) problems.push(`${path.basename(file)} imports a service (${spec})`);
    }
  }
  return problems;
}

/**
 * Files outside the carrier folders that may name carriers, because they hold data about the outside world rather
 * than plug-in code (ADR 0007): the dimensional-weight rules named after the published rule each reproduces, and
 * the carrier-name tables that normalise what fulfillments and channels call a carrier.
 */
const NAME_EXCEPTIONS = [/^domain\/billable-weight\.ts$/, /^admin\/forms\/shop-settings-form\.ts$/, /^domain\/tracking\/carrier-names\.ts$/, /^channels\/[^/]+\/carrier-names\.ts$/];

/** Lower-cased words of an identifier or path: upsConnector → ups, connector; UPS_BASE_URL → ups, base, url. */
const wordsOf = (text: string) =>
  text
    .split(/[^A-Za-z0-9]+/)
    .flatMap((w) => w.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/))
    .map((w) => w.toLowerCase());

/** Code with comments removed, and its string literals apart (template literals whole). */
function codeAndStrings(src: string): { code: string; strings: string[] } {
  let code = "";
  const strings: string[] = [];
  for (let i = 0; i < src.length; ) {
    const [ch, next] = [src[i], src[i + 1]];
    if (ch === "/" && next === "/") {
      const end = src.indexOf("\n", i);
      i = end < 0 ? src.length : end;
    } else if (ch === "/" && next === "*") {
      const end = src.indexOf("*/", i + 2);
      i = end < 0 ? src.length : end + 2;
    } else if (ch === '"' || ch === "'" || ch === "`") {
      let j = i + 1;
      let text = "";
      while (j < src.length && src[j] !== ch && (ch === "`" || src[j] !== "\n")) {
        text += src[j] === "\\" ? (src[++j] ?? "") : src[j];
        j++;
      }
      strings.push(text);
      code += " ";
      i = j + 1;
    } else {
      code += ch;
      i++;
    }
  }
  return { code, strings };
}

/**
 * Every place a file under `appDir`, outside `carriers/<id>/` of a registered carrier, the registry, tests and
 * the documented exceptions, names a carrier id in code: an identifier with the id as one of its words, or an
 * identifier-like string (no spaces: an id, an import path, a key prefix, a variable name). Comments and prose
 * strings (merchant-facing text) are not code; "upsert" is not "ups".
 */
function carrierNamesOutsideFolders(appDir: string, ids: readonly string[]): string[] {
  const found: string[] = [];
  const names = new Set(ids.filter((id) => id !== "table"));
  const named = (text: string) => wordsOf(text).some((w) => names.has(w));
  for (const file of filesUnder(appDir)) {
    const rel = path.relative(appDir, file).split(path.sep).join("/");
    if (!/\.(ts|tsx)$/.test(rel) || /\.test\.tsx?$/.test(rel) || rel.startsWith("generated/")) continue;
    if (ids.some((id) => rel.startsWith(`carriers/${id}/`)) || rel === "carriers/registry.server.ts" || NAME_EXCEPTIONS.some((re) => re.test(rel))) continue;
    if (named(rel)) found.push(`${rel}: (file name)`);
    const { code, strings } = codeAndStrings(fs.readFileSync(file, "utf8"));
    for (const [identifier] of code.matchAll(/[A-Za-z_$][\w$]*/g)) if (named(identifier)) found.push(`${rel}: ${identifier}`);
    for (const s of strings) if (!/\s/.test(s) && named(s)) found.push(`${rel}: "${s}"`);
  }
  return found.sort((a, b) => (a.split(":")[0] === b.split(":")[0] ? 0 : a < b ? -1 : 1));
}

describe("the carrier registry", () => {
  it("registers each carrier once, under its own id", () => {
    expect(carrierRegistry.ids()).toEqual(CARRIERS.map((c) => c.id));
    expect(carrierRegistry.get("table")?.displayName).toBe("Rate tables");
    expect(carrierRegistry.get("nope")).toBeUndefined();
    expect(() => createCarrierRegistry([CARRIERS[0], CARRIERS[0]])).toThrow(/registered twice/);
  });

  it.each(CARRIERS.map((c) => [c.id, c] as const))("%s declares every piece of a connector", (_id, connector) => {
    expect(declarationProblems(connector)).toEqual([]);
  });

  it.each(CARRIERS.map((c) => [c.id] as const))("%s has the expected folder and imports neither another carrier nor the database", (id) => {
    expect(folderProblems(id, carrierRegistry.ids().filter((other) => other !== id))).toEqual([]);
  });

  it("notices a connector that lacks a piece", () => {
    const broken = { ...CARRIERS[0], id: "Bad Id", secretsSchema: undefined, requiresConnection: true, services: [], createSource: undefined } as unknown as AnyCarrierConnector;
    expect(declarationProblems(broken)).toEqual([
      "id \"Bad Id\" is not a carrier id",
      "no secretsSchema",
      "no createSource",
      "rates but lists no services",
      "requires a connection but declares no admin (connect form, schema, verify)",
    ]);
    expect(folderProblems("no-such-carrier", [])).toEqual(["no folder app/carriers/no-such-carrier"]);
  });

  it("notices a connect piece without a form, a schema, a verify step or the OAuth steps its sign-in needs", () => {
    const live = CARRIERS.find((c) => c.admin?.oauth)!;
    const admin = live.admin!;
    const noForm = { ...live, admin: { ...admin, fields: [], methods: [{ ...admin.methods[0], schema: undefined }], verify: undefined } } as unknown as AnyCarrierConnector;
    expect(declarationProblems(noForm)).toEqual(["admin declares no form fields", `method ${admin.methods[0].id} has no form schema`, "admin has no verify"]);
    const signInWithoutOAuth = { ...live, env: { baseUrl: "lower_case" }, admin: { ...admin, oauth: undefined } } as unknown as AnyCarrierConnector;
    expect(declarationProblems(signInWithoutOAuth)).toEqual([
      `method ${admin.methods[0].id} signs in but the admin has no oauth steps`,
      `method ${admin.methods[0].id} signs in but no env names Waypost's app (clientId, clientSecret)`,
      "env baseUrl \"lower_case\" is not a variable name",
    ]);
  });

  it("names no registered carrier in code outside its own folder, the registry and the documented exceptions", () => {
    expect(carrierNamesOutsideFolders(path.resolve(CARRIERS_DIR, ".."), carrierRegistry.ids())).toEqual([]);
  });

  it("notices a carrier named in code outside its folder, but not in comments, prose or longer words", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "app-"));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    write("carriers/acme/index.ts", `export const acmeConnector = { id: "acme" };\n`);
    write("carriers/registry.server.ts", `import { acmeConnector } from "./acme";\n`);
    write("services/fine.server.ts", `// Acme's sign-in is described here.\nconst msg = "Connect Acme first";\nprisma.row.upsert({});\nconst macme = 1; const acmes = 2;\n`);
    write("services/acme-connect.server.ts", `export const x = 1;\n`);
    write("routes/app.tsx", `import { acmeConnector } from "~/carriers/acme";\nif (id === "acme") go(ACME_BASE_URL, 'acme:token:');\n`);
    write("services/page.test.ts", `const acmeOnly = "acme";\n`);
    expect(carrierNamesOutsideFolders(root, ["acme"])).toEqual([
      "routes/app.tsx: acmeConnector",
      "routes/app.tsx: ACME_BASE_URL",
      'routes/app.tsx: "~/carriers/acme"',
      'routes/app.tsx: "acme"',
      'routes/app.tsx: "acme:token:"',
      "services/acme-connect.server.ts: (file name)",
    ]);
  });

  it("notices a carrier folder that reaches into another carrier or the database", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "carriers-"));
    fs.mkdirSync(path.join(root, "acme"));
    fs.writeFileSync(path.join(root, "acme", "index.ts"), `import { x } from "../table/rate";\nimport prisma from "~/db.server";\nimport { y } from "~/carriers/table";\n`);
    expect(folderProblems("acme", ["table"], root)).toEqual([
      "no services.ts",
      "no __fixtures__ with fixtures",
      "no tests",
      "index.ts imports carrier table",
      "index.ts imports the database (~/db.server)",
      "index.ts imports carrier table",
    ]);
  });
});
