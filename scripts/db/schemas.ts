// prisma/schema.prisma is the single source of truth; Prisma needs one schema per provider (the provider is fixed
// per schema and per generated client), so the PostgreSQL schema is derived text, committed, and checked.
import fs from "node:fs";
import path from "node:path";

export const SOURCE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";
export const HEADER =
  "// GENERATED from prisma/schema.prisma — do not edit. Regenerate with `npm run db:generate`.\n" +
  "// Only the datasource provider and the generated client's output differ from the source.\n\n";

/** Blocks like `generator client { ... }` / `datasource db { ... }` (their bodies never contain braces). */
const BLOCK = /^(generator|datasource)\s+(\w+)\s*\{[^{}]*\}/gm;

/** The PostgreSQL schema text for a SQLite source schema text. Pure, so it is easy to test. */
export function toPostgresSchema(source: string): string {
  let datasources = 0;
  const out = source.replace(BLOCK, (block, kind: string, name: string) => {
    if (kind === "datasource") {
      datasources++;
      if (!/provider\s*=\s*"sqlite"/.test(block)) throw new Error(`${SOURCE_SCHEMA}: datasource ${name} must use provider = "sqlite"`);
      return block.replace(/(provider\s*=\s*)"sqlite"/, '$1"postgresql"');
    }
    const output = /output\s*=\s*"([^"]+)"/.exec(block)?.[1];
    if (!output) {
      // e.g. a prisma-client-js generator writing into node_modules: generating it twice would clash.
      return `// generator ${name} (no output path) is generated from ${SOURCE_SCHEMA} only`;
    }
    if (path.posix.basename(output) !== "sqlite") {
      throw new Error(`${SOURCE_SCHEMA}: generator ${name} output must end in "/sqlite" (got "${output}")`);
    }
    // Same folder, sibling "postgresql", expressed relative to prisma/postgresql/ (one level deeper).
    const target = path.posix.join("..", path.posix.dirname(output), "postgresql");
    return block.replace(/(output\s*=\s*)"[^"]+"/, `$1"${target}"`);
  });
  if (datasources !== 1) throw new Error(`${SOURCE_SCHEMA}: expected exactly one datasource block`);
  return HEADER + out;
}

/** Writes prisma/postgresql/schema.prisma; returns true when its content changed. */
export function writePostgresSchema(root = process.cwd()): boolean {
  const target = path.join(root, POSTGRES_SCHEMA);
  const next = toPostgresSchema(fs.readFileSync(path.join(root, SOURCE_SCHEMA), "utf8"));
  const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : null;
  if (current === next) return false;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, next);
  return true;
}

/** Throws when the committed PostgreSQL schema is missing or differs from what generation would produce. */
export function checkSchemas(root = process.cwd()): void {
  const target = path.join(root, POSTGRES_SCHEMA);
  const expected = toPostgresSchema(fs.readFileSync(path.join(root, SOURCE_SCHEMA), "utf8"));
  const actual = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : null;
  if (actual === expected) return;
  const why = actual === null ? "is missing" : `differs from ${SOURCE_SCHEMA} (first difference at line ${firstDiffLine(actual, expected)})`;
  throw new Error(
    `${POSTGRES_SCHEMA} ${why}. It is generated: edit ${SOURCE_SCHEMA} only, then run \`npm run db:generate\` and commit both.`,
  );
}

function firstDiffLine(a: string, b: string): number {
  const x = a.split("\n");
  const y = b.split("\n");
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i + 1;
}
