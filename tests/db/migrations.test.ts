import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { pgAdmin, quoteIdent } from "../../app/db/migration-adapters.server";
import {
  deployMigrations,
  MigrationFailedError,
  migrationStatus,
  resolveMigration,
} from "../../app/db/migrations.server";
import { checkSchemas } from "../../scripts/db/schemas";
import { testDatabaseUrl } from "../helpers/db";

const root = process.cwd();
const sqliteMigrations = path.join(root, "prisma/migrations");
const pgMigrations = path.join(root, "prisma/postgresql/migrations");
const models = [...fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8").matchAll(/^model (\w+) \{/gm)].map(
  (m) => m[1],
);
const migrationNames = (dir: string) =>
  fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

const temps: string[] = [];
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-migtest-"));
  temps.push(dir);
  return dir;
}
function freshSqliteUrl(): { url: string; file: string } {
  const file = path.join(tempDir(), "db.sqlite");
  return { url: `file:${file}`, file };
}
/** A writable copy of the real migrations folder, to add broken or extra migrations to. */
function copyOfMigrations(): string {
  const dir = path.join(tempDir(), "migrations");
  fs.cpSync(sqliteMigrations, dir, { recursive: true });
  return dir;
}
function addMigration(dir: string, name: string, sql: string) {
  fs.mkdirSync(path.join(dir, name));
  fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
}
function sqliteRows(file: string, sql: string) {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe("migrations on SQLite", () => {
  it("deploy on a fresh SQLite file creates every table and one _prisma_migrations row per migration, with the sha256 of migration.sql as checksum", async () => {
    const { url, file } = freshSqliteUrl();
    const started = performance.now();
    const { applied } = await deployMigrations({ url });
    const ms = performance.now() - started;
    process.stdout.write(`    fresh SQLite deploy: ${ms.toFixed(0)} ms\n`);

    expect(applied).toEqual(migrationNames(sqliteMigrations));
    const tables = sqliteRows(file, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining([...models, "_prisma_migrations"]));
    const rows = sqliteRows(file, "SELECT * FROM _prisma_migrations ORDER BY migration_name");
    expect(rows.map((r) => r.migration_name)).toEqual(applied);
    for (const row of rows) {
      expect(row.checksum).toBe(sha256(path.join(sqliteMigrations, String(row.migration_name), "migration.sql")));
      expect(row.finished_at).toEqual(expect.any(Number)); // integer ms, like the native engine writes
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("deploying twice applies nothing the second time and adds no rows", async () => {
    const { url, file } = freshSqliteUrl();
    await deployMigrations({ url });
    const lines: string[] = [];
    expect(await deployMigrations({ url, log: (l) => lines.push(l) })).toEqual({ applied: [] });
    expect(lines).toEqual(["No pending migrations to apply."]);
    expect(sqliteRows(file, "SELECT count(*) AS n FROM _prisma_migrations")[0].n).toBe(migrationNames(sqliteMigrations).length);
  });

  it("a broken migration leaves a failed row, and the next deploy throws MigrationFailedError naming it, its logged error and how to resolve it", async () => {
    const { url, file } = freshSqliteUrl();
    const dir = copyOfMigrations();
    addMigration(dir, "29990101000000_broken", 'CREATE TABLE "Shop" ("id" TEXT);\n');
    addMigration(dir, "29990102000000_after", 'CREATE TABLE "After" ("id" TEXT);\n');

    const first = await deployMigrations({ url, migrationsDir: dir }).catch((e) => e);
    expect(first).toBeInstanceOf(MigrationFailedError);
    const failed = sqliteRows(file, "SELECT * FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'");
    expect(failed).toHaveLength(1);
    expect(failed[0].finished_at).toBeNull();
    expect(failed[0].rolled_back_at).toBeNull();
    expect(String(failed[0].logs)).toMatch(/already exists/);

    const next = await deployMigrations({ url, migrationsDir: dir }).catch((e) => e);
    expect(next).toBeInstanceOf(MigrationFailedError);
    expect(next.migration).toBe("29990101000000_broken");
    expect(next.justFailed).toBe(false);
    expect(next.message).toContain("29990101000000_broken");
    expect(next.message).toMatch(/already exists/);
    expect(next.message).toContain("npm run db:status");
    expect(next.message).toContain("tsx scripts/db/cli.ts resolve --rolled-back 29990101000000_broken");
    // nothing after the failed migration ran
    expect(sqliteRows(file, "SELECT count(*) AS n FROM sqlite_master WHERE name = 'After'")[0].n).toBe(0);

    // The documented way out: fix the migration, mark it rolled back, deploy again.
    fs.writeFileSync(path.join(dir, "29990101000000_broken", "migration.sql"), 'CREATE TABLE "Fixed" ("id" TEXT);\n');
    await resolveMigration({ url, migration: "29990101000000_broken", as: "rolled-back", migrationsDir: dir });
    expect((await deployMigrations({ url, migrationsDir: dir })).applied).toEqual([
      "29990101000000_broken",
      "29990102000000_after",
    ]);
  });

  it("status reports pending migrations, and a later multi-statement migration applies on top", async () => {
    const { url } = freshSqliteUrl();
    const dir = copyOfMigrations();
    const initial = migrationNames(dir);
    expect((await migrationStatus({ url, migrationsDir: dir })).pending).toEqual(initial);

    await deployMigrations({ url, migrationsDir: dir });
    addMigration(
      dir,
      "29990101000000_two_statements",
      'CREATE TABLE "A" ("id" TEXT);\nCREATE TABLE "B" ("id" TEXT); -- two statements: the adapter fix\n',
    );
    const status = await migrationStatus({ url, migrationsDir: dir });
    expect(status).toMatchObject({ pending: ["29990101000000_two_statements"], failed: [], applied: initial, edited: [] });

    await deployMigrations({ url, migrationsDir: dir });
    expect(await migrationStatus({ url, migrationsDir: dir })).toMatchObject({ pending: [], failed: [] });
  });

  it("status reports no drift on a database that only migrations touched", async () => {
    const { url } = freshSqliteUrl();
    await deployMigrations({ url });
    expect((await migrationStatus({ url, drift: true })).drift).toBeNull();
  });
});

describe("schemas", () => {
  it("the generated PostgreSQL schema is in sync with prisma/schema.prisma", () => {
    expect(() => checkSchemas()).not.toThrow();
  });
});

const pgServer = process.env.TEST_DATABASE_URL;
if (!pgServer) {
  process.stdout.write("    PostgreSQL migration tests SKIPPED: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run them\n");
}
describe.skipIf(!pgServer)(
  `migrations on PostgreSQL${pgServer ? "" : " (SKIPPED: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run)"}`,
  () => {
    it("deploy on a fresh database creates every table and one row per migration with the sha256 checksum, and a second deploy is a no-op", async () => {
      const url = await testDatabaseUrl();
      const name = new URL(url).pathname.slice(1);
      // start from a database that does not exist: deploy must create it
      await pgAdmin(pgServer!, `DROP DATABASE ${quoteIdent(name)}`);
      const client = new pg.Client({ connectionString: url });
      try {
        const started = performance.now();
        const { applied } = await deployMigrations({ url });
        process.stdout.write(`    fresh PostgreSQL deploy: ${(performance.now() - started).toFixed(0)} ms\n`);
        expect(applied).toEqual(migrationNames(pgMigrations));
        expect(await deployMigrations({ url })).toEqual({ applied: [] });

        await client.connect();
        const tables = (await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).rows.map(
          (r) => r.tablename,
        );
        expect(tables).toEqual(expect.arrayContaining([...models, "_prisma_migrations"]));
        const rows = (await client.query("SELECT * FROM _prisma_migrations ORDER BY migration_name")).rows;
        expect(rows.map((r) => r.migration_name)).toEqual(applied);
        for (const row of rows) {
          expect(row.checksum).toBe(sha256(path.join(pgMigrations, row.migration_name, "migration.sql")));
          expect(row.finished_at).toBeInstanceOf(Date);
        }
      } finally {
        await client.end().catch(() => {});
        await pgAdmin(pgServer!, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      }
    });

    it("a broken migration leaves a failed row, and the next deploy throws MigrationFailedError naming it", async () => {
      const url = await testDatabaseUrl();
      const name = new URL(url).pathname.slice(1);
      const dir = path.join(tempDir(), "migrations");
      fs.cpSync(pgMigrations, dir, { recursive: true });
      addMigration(dir, "29990101000000_broken", 'CREATE TABLE "Shop" ("id" TEXT);\n');
      try {
        await expect(deployMigrations({ url, migrationsDir: dir })).rejects.toBeInstanceOf(MigrationFailedError);
        const next = await deployMigrations({ url, migrationsDir: dir }).catch((e) => e);
        expect(next).toBeInstanceOf(MigrationFailedError);
        expect(next.message).toContain("29990101000000_broken");
        expect(next.message).toMatch(/already exists/);
        expect((await migrationStatus({ url, migrationsDir: dir })).failed).toEqual(["29990101000000_broken"]);
      } finally {
        await pgAdmin(pgServer!, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      }
    });

    it("a migration with a semicolon inside a string literal applies (the script is sent whole)", async () => {
      const url = await testDatabaseUrl();
      const name = new URL(url).pathname.slice(1);
      const dir = path.join(tempDir(), "migrations");
      fs.cpSync(pgMigrations, dir, { recursive: true });
      addMigration(dir, "29990101000000_comment", `COMMENT ON TABLE "Shop" IS 'shops; the merchants';\n`);
      try {
        await deployMigrations({ url, migrationsDir: dir });
        expect(await migrationStatus({ url, migrationsDir: dir })).toMatchObject({ pending: [], failed: [] });
      } finally {
        await pgAdmin(pgServer!, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      }
    });
  },
);
