// Every package the code imports is declared in package.json: an undeclared one works only by the accident of
// being hoisted from another package's dependencies, and disappears when that package changes.
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE_DIRS = ["app", "scripts", "tests", "bench", "extensions"];
const ROOT_FILES = ["server.mjs", "vite.config.ts", "vitest.config.ts", "vitest.browser.config.ts", "prisma.config.ts", "eslint.config.js", ".graphqlrc.ts"];
const SKIP = new Set(["node_modules", "generated", "build", "dist"]);

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mjs|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

function packageName(specifier: string): string | null {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("~/") || specifier.startsWith("node:")) return null;
  if (builtinModules.includes(specifier.split("/")[0])) return null;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

describe("declared dependencies", () => {
  it("declares every package that the app, scripts, tests and benchmarks import", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]);
    const files = [...SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d))), ...ROOT_FILES.map((f) => path.join(ROOT, f)).filter((f) => fs.existsSync(f))];
    const importPattern = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm;
    const missing = new Map<string, string>();
    for (const file of files) {
      // Extensions are their own npm workspaces with their own manifests.
      if (file.includes(`${path.sep}extensions${path.sep}`)) continue;
      const text = fs.readFileSync(file, "utf8");
      for (const match of text.matchAll(importPattern)) {
        const name = packageName(match[1] ?? match[2] ?? match[3]);
        if (name && !declared.has(name) && !missing.has(name)) missing.set(name, path.relative(ROOT, file));
      }
    }
    expect(Object.fromEntries(missing)).toEqual({});
  });
});
