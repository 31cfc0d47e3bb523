// DATABASE_URL parsing shared by the runtime client, migrations and tooling.
import path from "node:path";

export type DatabaseBackend = "sqlite" | "postgresql";

export function databaseBackend(url: string): DatabaseBackend {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(
    `DATABASE_URL must be a SQLite file URL (file:./waypost.sqlite) or a PostgreSQL URL (postgres://user@host:5432/db); got "${url.split(":")[0]}:..."`,
  );
}

/** Absolute path of a file: URL, resolved from the project root (the cwd of every entry point). */
export function sqliteFilePath(url: string): string {
  const raw = url.replace(/^file:(\/\/)?/, "").split("?")[0];
  return path.resolve(process.cwd(), raw);
}
