// Keeps every registered carrier complete and self-contained: a connector missing a piece, a folder missing an
// expected file, or a carrier file importing another carrier or the database fails here, not in production.
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
    expect(declarationProblems(broken)).toEqual(["id \"Bad Id\" is not a carrier id", "no secretsSchema", "no createSource", "rates but lists no services"]);
    expect(folderProblems("no-such-carrier", [])).toEqual(["no folder app/carriers/no-such-carrier"]);
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
