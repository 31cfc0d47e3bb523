// Developer-side migration work (`create`, `check`): needs no user database. SQLite work happens in a temp file
// or in memory; PostgreSQL work in temporary databases on PG_SHADOW_URL's server (needs CREATEDB).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { pgAdmin, quoteIdent, withDatabase } from "../../app/db/migration-adapters.server";
import { FILTERS, LAYOUT, migrationLockText, readMigrationsList } from "../../app/db/migrations.server";
import { withSchemaEngine } from "../../app/db/schema-engine.server";
import type { DatabaseBackend } from "../../app/db/url";

export const BACKENDS: DatabaseBackend[] = ["sqlite", "postgresql"];

export function pgServerUrl(): string {
  return process.env.PG_SHADOW_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

export class PostgresUnreachableError extends Error {
  override name = "PostgresUnreachableError";
}

/** Fails fast (3 s) with a clear message instead of the engine's generic connection error. */
export async function assertPgReachable(url = pgServerUrl()): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(url);
    where.password = "";
    throw new PostgresUnreachableError(
      `PostgreSQL is unreachable at ${where.host} (${(error as Error).message}). ` +
        "Start it or set PG_SHADOW_URL to a server where this user may CREATE DATABASE.",
    );
  } finally {
    await client.end().catch(() => {});
  }
}

function schemaFiles(backend: DatabaseBackend, root: string) {
  const file = path.join(root, LAYOUT[backend].schema);
  return [{ path: file, content: fs.readFileSync(file, "utf8") }];
}

/** A throwaway database for `fn`, always removed afterwards. */
async function withScratchDatabase<T>(backend: DatabaseBackend, fn: (url: string) => Promise<T>): Promise<T> {
  if (backend === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-migrate-"));
    try {
      return await fn(`file:${path.join(dir, "scratch.sqlite")}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const server = pgServerUrl();
  await assertPgReachable(server);
  const name = `waypost_migrate_${randomUUID().replace(/-/g, "")}`;
  await pgAdmin(server, `CREATE DATABASE ${quoteIdent(name)}`);
  try {
    return await fn(withDatabase(server, name));
  } finally {
    await pgAdmin(server, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  }
}

export interface CreatedMigration {
  backend: DatabaseBackend;
  /** Folder name, `<yyyyMMddHHmmss>_<name>`, or null when the schema has no changes. */
  name: string | null;
  dir?: string;
}

/**
 * Like `prisma migrate dev --create-only`: replay existing migrations, diff against the schema, write the new
 * migration folder + migration_lock.toml. `folderName` lets both backends share one timestamp.
 */
export async function createMigration(options: {
  backend: DatabaseBackend;
  name: string;
  folderName?: string;
  root?: string;
}): Promise<CreatedMigration> {
  const { backend, name } = options;
  const root = options.root ?? process.cwd();
  const baseDir = path.join(root, LAYOUT[backend].migrations);
  const files = schemaFiles(backend, root);
  return withScratchDatabase(backend, (url) =>
    withSchemaEngine({ url, schemaFiles: files }, async ({ engine }) => {
      const migrationsList = readMigrationsList(baseDir);
      // createMigration reads the shadow-db state that only devDiagnostic fills, and devDiagnostic needs the
      // _prisma_migrations table that applyMigrations creates: hence this order (see the shared notes).
      await engine.applyMigrations({ migrationsList, filters: FILTERS });
      const { action } = await engine.devDiagnostic({ migrationsList, filters: FILTERS });
      if (action.tag === "reset") throw new Error(`${backend}: migration history is inconsistent: ${action.reason}`);
      const out = await engine.createMigration({
        draft: false,
        migrationName: name,
        migrationsList,
        schema: { files },
        filters: FILTERS,
      });
      if (out.migrationScript === null) return { backend, name: null };
      const folder = options.folderName ?? out.generatedMigrationName;
      const dir = path.join(baseDir, folder);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `migration.${out.extension}`), out.migrationScript);
      fs.writeFileSync(path.join(baseDir, "migration_lock.toml"), migrationLockText(out.connectorType));
      return { backend, name: folder, dir };
    }),
  );
}

/** Null when the migrations folder reproduces the schema exactly; otherwise a human summary of what is missing. */
export async function migrationsDiff(backend: DatabaseBackend, root = process.cwd()): Promise<string | null> {
  const baseDir = path.join(root, LAYOUT[backend].migrations);
  const migrationsList = readMigrationsList(baseDir);
  if (migrationsList.migrationDirectories.length === 0 || migrationsList.lockfile.content === null) {
    return `no migrations in ${LAYOUT[backend].migrations} (run \`npm run db:migrate:create -- <name>\`)`;
  }
  const files = schemaFiles(backend, root);
  // The main connection is unused by a migrations→schema diff; the engine replays into a shadow database.
  const url = backend === "sqlite" ? ":memory:" : pgServerUrl();
  if (backend === "postgresql") await assertPgReachable(url);
  const result = await withSchemaEngine({ url, schemaFiles: files }, ({ engine }) =>
    engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files },
      script: false,
      exitCode: true,
      filters: FILTERS,
    }),
  );
  return result.exitCode === 0 ? null : (result.stdout ?? "differences found").trim();
}
