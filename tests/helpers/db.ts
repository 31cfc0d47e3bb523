// A private, migrated database per test file (vitest runs files in separate forked workers, so files never share).
// SQLite by default (a temp file: ~0.1 s to create and migrate); PostgreSQL when TEST_DATABASE_URL points at a
// server (a fresh database `waypost_test_<pid>_<rand>` on it, dropped afterwards).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createPrismaClient, type Db } from "../../app/db.server";
import { pgAdmin, quoteIdent, withDatabase } from "../../app/db/migration-adapters.server";
import { deployMigrations } from "../../app/db/migrations.server";
import { databaseBackend, sqliteFilePath } from "../../app/db/url";

export interface TestDatabase {
  url: string;
  prisma: Db;
  /** Deletes every row of every table (keeps _prisma_migrations). Fast and FK-safe. */
  reset(): Promise<void>;
  /** Disconnects and deletes the database. Idempotent. */
  drop(): Promise<void>;
}

/** A new, empty (unmigrated) database URL: PostgreSQL if TEST_DATABASE_URL is set, else a temp SQLite file. */
export async function testDatabaseUrl(): Promise<string> {
  const tag = `${process.pid}_${randomBytes(4).toString("hex")}`;
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    if (databaseBackend(server) !== "postgresql") throw new Error("TEST_DATABASE_URL must be a postgres:// URL");
    const name = `waypost_test_${tag}`;
    await pgAdmin(server, `CREATE DATABASE ${quoteIdent(name)}`);
    return withDatabase(server, name);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-test-"));
  return `file:${path.join(dir, `test_${tag}.sqlite`)}`;
}

/** Creates and migrates a database, and points DATABASE_URL (hence getDb()) at it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = await testDatabaseUrl();
  await deployMigrations({ url });
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  const prisma = createPrismaClient(url);
  const postgres = databaseBackend(url) === "postgresql";
  let tables: string[] | undefined;

  const listTables = async () =>
    (tables ??= (
      await prisma.$queryRawUnsafe<{ name: string }[]>(
        postgres
          ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'"
          : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
      )
    ).map((t) => t.name));

  async function reset() {
    const names = await listTables();
    if (names.length === 0) return;
    if (postgres) {
      await prisma.$executeRawUnsafe(`TRUNCATE TABLE ${names.map(quoteIdent).join(", ")} RESTART IDENTITY CASCADE`);
      return;
    }
    // SQLite has no TRUNCATE; switching FK checks off (one connection, outside a transaction) makes order irrelevant.
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
    try {
      for (const name of names) await prisma.$executeRawUnsafe(`DELETE FROM ${quoteIdent(name)}`);
    } finally {
      await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    }
  }

  let dropped: Promise<void> | undefined;
  const drop = () =>
    (dropped ??= (async () => {
      await prisma.$disconnect();
      // app code may have opened its own client through getDb() for this URL
      if (globalThis.__waypostPrisma?.url === url) {
        await globalThis.__waypostPrisma.client.$disconnect();
        globalThis.__waypostPrisma = undefined;
      }
      if (process.env.DATABASE_URL === url) {
        if (previousUrl === undefined) delete process.env.DATABASE_URL;
        else process.env.DATABASE_URL = previousUrl;
      }
      if (postgres) {
        const name = decodeURIComponent(new URL(url).pathname.slice(1));
        await pgAdmin(process.env.TEST_DATABASE_URL ?? url, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      } else {
        fs.rmSync(path.dirname(sqliteFilePath(url)), { recursive: true, force: true });
      }
    })());

  return { url, prisma, reset, drop };
}

/**
 * For a test file: `const db = useTestDatabase();` then use `db.prisma` / `db.reset()` inside tests and hooks.
 * The database is created in beforeAll and dropped in afterAll.
 */
export function useTestDatabase(): TestDatabase & { ready(): Promise<TestDatabase> } {
  let db: TestDatabase | undefined;
  let created: Promise<TestDatabase> | undefined;
  const ready = () => (created ??= createTestDatabase().then((d) => (db = d)));
  beforeAll(async () => {
    await ready();
  });
  afterAll(async () => {
    await db?.drop();
  });
  const get = () => {
    if (!db) throw new Error("useTestDatabase(): the database exists only inside tests and hooks (after beforeAll)");
    return db;
  };
  return {
    /** Resolves once the database exists (useful in a beforeAll that runs before this file's own). */
    ready,
    get url() {
      return get().url;
    },
    get prisma() {
      return get().prisma;
    },
    reset: () => get().reset(),
    drop: () => get().drop(),
  };
}
