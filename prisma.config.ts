// Config for the stock Prisma CLI (used for `prisma generate`; migrations go through scripts/db/cli.ts).
// The backend follows DATABASE_URL's scheme, like app/db.server.ts: SQLite schema + migrations by default,
// the generated PostgreSQL ones for postgres:// URLs.
import path from "node:path";
import { defineConfig } from "prisma/config";

// Offline: the CLI wants the native schema engine even for `generate`; any existing file satisfies it.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "scripts/db/schema-engine-shim.mjs");

const url = process.env.DATABASE_URL ?? "file:./waypost.sqlite";
const postgres = /^postgres(ql)?:\/\//i.test(url);

export default defineConfig({
  schema: postgres ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgresql/migrations" : "prisma/migrations" },
  datasource: { url },
});
