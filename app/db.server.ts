// The Prisma client for the configured backend: SQLite (embedded default) or PostgreSQL (scale-out).
// The backend is chosen by DATABASE_URL's scheme, never by a code fork: both clients are generated from the same
// models (prisma/schema.prisma), so the SQLite client's types describe both.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { databaseBackend, sqliteFilePath, type DatabaseBackend } from "./db/url";
import { withStatementCache } from "./db/sqlite-statement-cache.server";

export type Db = SqliteClient;

export function createPrismaClient(url: string): Db {
  if (databaseBackend(url) === "postgresql") {
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
    return client as unknown as Db;
  }
  // unixepoch-ms matches what Prisma's native engine writes, so a database migrated here stays readable by it.
  const adapter = withStatementCache(new PrismaBetterSqlite3({ url: `file:${sqliteFilePath(url)}` }, { timestampFormat: "unixepoch-ms" }));
  return new SqliteClient({ adapter });
}

declare global {
  var __waypostPrisma: { url: string; client: Db } | undefined;
}

// Read on every call rather than through env(): tests point each file at its own database after boot.
const databaseUrl = () => process.env.DATABASE_URL ?? "file:./waypost.sqlite";

/** The backend of the database getDb() talks to (raw SQL differs between the two). */
export function getDbBackend(): DatabaseBackend {
  return databaseBackend(databaseUrl());
}

/** One client per process (kept across Vite dev reloads), for the DATABASE_URL in force. */
export function getDb(): Db {
  const url = databaseUrl();
  if (!globalThis.__waypostPrisma || globalThis.__waypostPrisma.url !== url) {
    globalThis.__waypostPrisma = { url, client: createPrismaClient(url) };
  }
  return globalThis.__waypostPrisma.client;
}

const prisma = new Proxy({} as Db, {
  get: (_target, prop) => Reflect.get(getDb(), prop),
});

export default prisma;
