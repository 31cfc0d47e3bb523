// Offline replacement for `prisma migrate …` (the native schema engine cannot be downloaded here).
//   tsx scripts/db/cli.ts generate                    PostgreSQL schema from prisma/schema.prisma + both clients
//   tsx scripts/db/cli.ts check                       schemas in sync, migrations reproduce the schema (both backends)
//   tsx scripts/db/cli.ts create <name>               new migration for BOTH backends (no user database needed)
//   tsx scripts/db/cli.ts deploy | status             against DATABASE_URL (default file:./waypost.sqlite)
//   tsx scripts/db/cli.ts resolve --rolled-back|--applied <migration>
// Exit codes: 0 ok, 1 failure / not up to date, 2 usage.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { deployMigrations, MigrationFailedError, migrationStatus, resolveMigration } from "../../app/db/migrations.server";
import { BACKENDS, createMigration, migrationsDiff, PostgresUnreachableError } from "./authoring";
import { checkSchemas, POSTGRES_SCHEMA, SOURCE_SCHEMA, writePostgresSchema } from "./schemas";
import { ENGINE_PLACEHOLDER } from "./engine-path";

const databaseUrl = () => process.env.DATABASE_URL ?? "file:./waypost.sqlite";
const out = (line: string) => process.stdout.write(`${line}\n`);

/** Runs the stock `prisma generate` for one schema, output captured and shown only on failure. */
function prismaGenerate(schema: string): Promise<void> {
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build/index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "generate", "--schema", schema], {
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? ENGINE_PLACEHOLDER, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma generate --schema ${schema} failed (exit ${code}):\n${output}`)),
    );
  });
}

async function generate() {
  if (writePostgresSchema()) out(`Updated ${POSTGRES_SCHEMA} from ${SOURCE_SCHEMA}.`);
  await Promise.all([prismaGenerate(SOURCE_SCHEMA), prismaGenerate(POSTGRES_SCHEMA)]);
}

async function check(): Promise<number> {
  let failures = 0;
  try {
    checkSchemas();
    out(`ok   ${POSTGRES_SCHEMA} is in sync with ${SOURCE_SCHEMA}`);
  } catch (error) {
    failures++;
    out(`FAIL ${(error as Error).message}`);
  }
  for (const backend of BACKENDS) {
    try {
      const diff = await migrationsDiff(backend);
      if (diff === null) out(`ok   ${backend} migrations reproduce the schema`);
      else {
        failures++;
        out(`FAIL ${backend} migrations are behind the schema; run \`npm run db:migrate:create -- <name>\`:\n${diff}`);
      }
    } catch (error) {
      failures++;
      out(`FAIL ${backend}: ${(error as Error).message}`);
    }
  }
  return failures ? 1 : 0;
}

async function create(name: string | undefined): Promise<number> {
  if (!name || !/^[A-Za-z0-9_-]+$/.test(name)) {
    out("usage: tsx scripts/db/cli.ts create <name>   (letters, digits, _ and - only)");
    return 2;
  }
  // The PostgreSQL migration is generated from the PostgreSQL schema: bring it up to date first.
  if (writePostgresSchema()) out(`Updated ${POSTGRES_SCHEMA} from ${SOURCE_SCHEMA}.`);
  let folderName: string | undefined;
  let exit = 0;
  for (const backend of BACKENDS) {
    try {
      const created = await createMigration({ backend, name, folderName });
      if (created.name) {
        folderName ??= created.name; // same folder name for both backends
        out(`Created ${path.relative(process.cwd(), created.dir!)}/migration.sql`);
      } else out(`${backend}: no schema changes, no migration created.`);
    } catch (error) {
      exit = 1;
      const skipped = error instanceof PostgresUnreachableError ? " (PostgreSQL migration SKIPPED)" : "";
      out(`${backend}: ${(error as Error).message}${skipped}`);
    }
  }
  return exit;
}

async function deploy(): Promise<number> {
  const started = performance.now();
  const { applied } = await deployMigrations({ url: databaseUrl(), log: out });
  out(`Done in ${Math.round(performance.now() - started)} ms (${applied.length} applied).`);
  return 0;
}

async function status(): Promise<number> {
  const s = await migrationStatus({ url: databaseUrl(), drift: true });
  out(`Database: ${redact(databaseUrl())}`);
  out(`Applied: ${s.applied.length}`);
  for (const n of s.pending) out(`Pending: ${n}`);
  for (const n of s.failed) out(`FAILED:  ${n}  (fix it, then: tsx scripts/db/cli.ts resolve --rolled-back ${n})`);
  for (const n of s.edited) out(`Edited after being applied: ${n}`);
  for (const n of s.unknown) out(`Applied but missing from the migrations folder: ${n}`);
  if (s.drift) out(`Drift: the database schema differs from the migrations:\n${s.drift}`);
  const upToDate = !s.pending.length && !s.failed.length && !s.drift;
  out(upToDate ? "Database schema is up to date." : "Database schema is NOT up to date.");
  return upToDate ? 0 : 1;
}

async function resolve(args: string[]): Promise<number> {
  const flag = args.find((a) => a === "--rolled-back" || a === "--applied");
  const migration = args.find((a) => !a.startsWith("--"));
  if (!flag || !migration) {
    out("usage: tsx scripts/db/cli.ts resolve --rolled-back|--applied <migration>");
    return 2;
  }
  const as = flag === "--applied" ? "applied" : "rolled-back";
  await resolveMigration({ url: databaseUrl(), migration, as });
  out(`Marked ${migration} as ${as}.`);
  return 0;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case "generate":
      await generate();
      return 0;
    case "check":
      return check();
    case "create":
      return create(args[0]);
    case "deploy":
      return deploy();
    case "status":
      return status();
    case "resolve":
      return resolve(args);
    default:
      out("usage: tsx scripts/db/cli.ts generate|check|create <name>|deploy|status|resolve --rolled-back|--applied <name>");
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${error instanceof MigrationFailedError ? error.message : (error?.stack ?? error)}\n`);
    process.exitCode = 1;
  },
);
