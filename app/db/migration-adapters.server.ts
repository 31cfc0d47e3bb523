// Driver-adapter factories for the wasm schema engine ONLY (the app's runtime client uses the stock adapters).
// Each fixes a bug found while driving @prisma/schema-engine-wasm through the stock adapters
// (see docs: shared notes "offline-stack.md" Part 2 §2):
//   SQLite  - the engine sends multi-statement scripts through executeRaw, which better-sqlite3 rejects;
//           - timestamps as integer ms (unixepoch-ms), what the native engine writes into _prisma_migrations.
//   Postgres - adapter-pg cannot decode OIDs 18 ("char") and 19 (name) used by the engine's catalog queries;
//           - its connectToShadowDb connects to the MAIN database (connectionString beats `database`) and drops
//             the shadow before closing its pool; we create/connect/close/drop ourselves;
//           - its executeScript splits on every ';' (breaks on ';' inside strings); we send the script whole.
// Every connection opened here is tracked so `close()` can end them: the CLI must exit promptly and the app
// must not leak pools after a boot-time deploy.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { databaseBackend, sqliteFilePath } from "./url";

export interface MigrationAdapter {
  /** Wrapped factory, the third argument of SchemaEngine.new. */
  factory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory;
  /** Plain (unwrapped) connection for our own queries on _prisma_migrations; closed by close(). */
  connect(): Promise<SqlDriverAdapter>;
  /** Ends every connection and pool this factory opened, and removes shadow databases. Idempotent. */
  close(): Promise<void>;
}

// ---- shared bookkeeping -------------------------------------------------------------------------------------

type Closer = () => Promise<void>;

function tracker() {
  const closers = new Set<Closer>();
  return {
    /** Returns an idempotent closer that also unregisters itself. */
    add(fn: Closer): Closer {
      let done: Promise<void> | undefined;
      const once: Closer = () => {
        closers.delete(once);
        return (done ??= fn());
      };
      closers.add(once);
      return once;
    },
    async closeAll() {
      // Shadow databases register after their pools, so close in reverse order.
      for (const fn of [...closers].reverse()) await fn().catch(() => {});
    },
  };
}

/** Make adapter.dispose() idempotent and route it through the tracker (engine and close() may both call it). */
function tracked(adapter: SqlDriverAdapter, t: ReturnType<typeof tracker>, extra?: Closer): SqlDriverAdapter {
  const dispose = adapter.dispose.bind(adapter);
  const closer = t.add(async () => {
    await dispose();
    await extra?.();
  });
  adapter.dispose = closer;
  return adapter;
}

// ---- SQLite -------------------------------------------------------------------------------------------------

const MULTI_STATEMENT = /more than one statement/;

/** executeRaw → executeScript when better-sqlite3 rejects parameterless multi-statement SQL. */
function fixSqliteExecuteRaw(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length === 0 && error instanceof RangeError && MULTI_STATEMENT.test(error.message)) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      throw error;
    }
  };
  return adapter;
}

function sqliteFactory(url: string, t: ReturnType<typeof tracker>): SqlMigrationAwareDriverAdapterFactory {
  const file = url === ":memory:" ? url : sqliteFilePath(url);
  // better-sqlite3 creates the file, not its directory.
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const options = { timestampFormat: "unixepoch-ms" as const };
  const stock = new PrismaBetterSqlite3({ url: `file:${file}` }, options);
  // A fresh in-memory database per shadow connection: nothing to clean up but the handle.
  const shadow = new PrismaBetterSqlite3({ url: ":memory:" }, options);
  return {
    provider: "sqlite",
    adapterName: stock.adapterName,
    connect: async () => tracked(fixSqliteExecuteRaw(await stock.connect()), t),
    connectToShadowDb: async () => tracked(fixSqliteExecuteRaw(await shadow.connect()), t),
  };
}

// ---- PostgreSQL ---------------------------------------------------------------------------------------------

const RELABEL_AS_TEXT = new Set([18, 19]); // "char", name → text (OID 25)

function relabel<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const f of (r as pg.QueryResult | undefined)?.fields ?? []) {
      if (RELABEL_AS_TEXT.has(f.dataTypeID)) f.dataTypeID = 25;
    }
  }
  return result;
}

/** pg.Client whose results never carry OIDs adapter-pg cannot decode (covers pool.query and checked-out clients). */
class RelabelClient extends pg.Client {
  // pg's query() has many overloads; we only post-process the result, in both callback and promise styles.
  /* eslint-disable @typescript-eslint/no-explicit-any -- the overload set cannot be named without any */
  override query(...args: any[]): any {
    const i = args.findIndex((a) => typeof a === "function");
    if (i >= 0) {
      const cb = args[i];
      args[i] = (err: Error | null, res: unknown) => cb(err, err ? res : relabel(res));
      return (super.query as any)(...args);
    }
    const ret = (super.query as any)(...args);
    return ret && typeof ret.then === "function" ? ret.then(relabel) : ret;
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

/** The pg.Pool the engine's adapters use: relabelling clients. It is a real pg.Pool so adapter-pg accepts it. */
class MigrationPgPool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super({ ...config, Client: RelabelClient as unknown as typeof pg.Client });
  }
}

/** The same URL pointing at another database: only the path changes (user, host, params are kept). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function pgAdapter(url: string, t: ReturnType<typeof tracker>, extra?: Closer): Promise<SqlDriverAdapter> {
  const pool = new MigrationPgPool({ connectionString: url, max: 4 });
  pool.on("error", () => {}); // an idle client dropped by the server must not crash the process
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  // One round trip for the whole script: pg's simple-query protocol handles multi-statement text correctly.
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  return tracked(adapter, t, extra);
}

/** Runs one statement on a short-lived connection (CREATE/DROP DATABASE cannot run inside a transaction). */
export async function pgAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function pgFactory(url: string, t: ReturnType<typeof tracker>): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => pgAdapter(url, t),
    connectToShadowDb: async () => {
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await pgAdmin(url, `CREATE DATABASE ${quoteIdent(name)}`);
      // The dispose order matters: the pool is ended (by tracked()) before the DROP runs.
      return pgAdapter(withDatabase(url, name), t, () =>
        pgAdmin(url, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
      );
    },
  };
}

// ---- entry point --------------------------------------------------------------------------------------------

/** Adapter factory for the schema engine, for a DATABASE_URL (or ":memory:" for a throwaway SQLite db). */
export function createMigrationAdapter(url: string): MigrationAdapter {
  const t = tracker();
  const raw = url === ":memory:" || databaseBackend(url) === "sqlite" ? sqliteFactory(url, t) : pgFactory(url, t);
  return {
    factory: bindMigrationAwareSqlAdapterFactory(raw),
    connect: () => raw.connect(),
    close: () => t.closeAll(),
  };
}
