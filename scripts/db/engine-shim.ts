// Speaks the native schema engine's protocol to the stock Prisma CLI, backed by the wasm engine (see
// schema-engine-shim.mjs). Protocol (read from prisma 7.10.1's cli.js, undocumented: re-test on every upgrade):
//   <bin> [--datamodels <file>]… [--datasource '{"url":…}']            newline-delimited JSON-RPC 2.0 on stdio
//   <bin> --datasource '{"url":…}' cli can-connect-to-database|create-database|drop-database
// One-shot `cli` commands report errors as JSON log lines on stderr, after a first line the CLI discards.
import fs from "node:fs";
import readline from "node:readline";
import { ensureDatabase, FILTERS } from "../../app/db/migrations.server";
import { pgAdmin, quoteIdent, withDatabase } from "../../app/db/migration-adapters.server";
import { explainEngineError, type OpenEngine, openSchemaEngine } from "../../app/db/schema-engine.server";
import { databaseBackend, sqliteFilePath } from "../../app/db/url";
import pg from "pg";

interface Args {
  datamodels: string[];
  url?: string;
  cli?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { datamodels: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--datamodels") args.datamodels.push(argv[++i]);
    else if (a === "--datasource") args.url = (JSON.parse(argv[++i]) as { url?: string }).url;
    else if (a === "cli") args.cli = argv[++i];
    else if (a.startsWith("--")) i++; // --enabled-preview-features, --extension-types: nothing to do
  }
  return args;
}

const codeOf = (e: unknown) => (e as { code?: string }).code;

async function oneShot(command: string, url: string): Promise<void> {
  const sqlite = databaseBackend(url) === "sqlite";
  const name = sqlite ? sqliteFilePath(url) : decodeURIComponent(new URL(url).pathname.slice(1));
  if (command === "can-connect-to-database") {
    if (sqlite ? !fs.existsSync(name) : !(await pgCanConnect(url))) {
      throw Object.assign(new Error(`Database \`${name}\` does not exist`), { code: "P1003" });
    }
  } else if (command === "create-database") {
    await ensureDatabase(url);
    if (sqlite) fs.closeSync(fs.openSync(name, "a"));
  } else if (command === "drop-database") {
    if (sqlite) fs.rmSync(name, { force: true });
    else await pgAdmin(withDatabase(url, "postgres"), `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } else throw new Error(`unsupported cli command ${command}`);
}

async function pgCanConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if (codeOf(error) === "3D000") return false;
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

function serve(args: Args): void {
  const url = args.url ?? ":memory:";
  const schemaFiles = args.datamodels.map((path) => ({ path, content: fs.readFileSync(path, "utf8") }));
  let open: Promise<OpenEngine> | undefined;
  const engine = async () => (await (open ??= openSchemaEngine({ url, schemaFiles }))).engine;
  const closeEngine = async () => {
    const o = open;
    open = undefined;
    await (await o?.catch(() => undefined))?.close();
  };
  const send = (msg: object) => process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...msg })}\n`);
  let printId = 0;

  async function call(method: string, params: any): Promise<unknown> {
    if (method === "getDatabaseVersion") return (await engine()).version(params);
    if (method === "reset" && url !== ":memory:" && databaseBackend(url) === "sqlite") {
      // the wasm SQLite reset only deletes rows; tables would survive. Start over from an empty file.
      await closeEngine();
      fs.rmSync(sqliteFilePath(url), { force: true });
      return {};
    }
    if (method === "diff") {
      const result = await (await engine()).diff(params);
      if (result.stdout) send({ id: `print-${++printId}`, method: "print", params: { content: result.stdout } });
      return { exitCode: result.exitCode };
    }
    if (method === "devDiagnostic") {
      try {
        return await (await engine()).devDiagnostic(params);
      } catch (error) {
        if (codeOf(error) !== "P1014") throw error;
        // no _prisma_migrations table yet: create it (applying nothing), like the native engine does implicitly
        const migrationsList = { ...params.migrationsList, migrationDirectories: [] };
        await (await engine()).applyMigrations({ migrationsList, filters: FILTERS });
        return (await engine()).devDiagnostic(params);
      }
    }
    const e = (await engine()) as unknown as Record<string, (p: unknown) => Promise<unknown>>;
    if (typeof e[method] !== "function") throw new Error(`unsupported schema engine method ${method}`);
    return (await e[method].call(e, params)) ?? {};
  }

  let queue = Promise.resolve();
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    const msg = JSON.parse(line) as { id?: number | string; method?: string; params?: unknown };
    if (!msg.method) return; // the CLI's answers to our print requests
    queue = queue.then(async () => {
      try {
        send({ id: msg.id, result: await call(msg.method!, msg.params) });
      } catch (error) {
        const e = explainEngineError(error);
        const data = { is_panic: false, message: e.message.replace(/^P\d{4}: /, ""), error_code: codeOf(e) ?? codeOf(error) };
        send({ id: msg.id, error: { code: 4466, message: "An error happened. Check the data field for details.", data } });
      }
    });
  });
  const shutdown = () => void queue.then(closeEngine).finally(() => process.exit(0));
  rl.on("close", shutdown);
  process.on("SIGTERM", shutdown);
}

export async function main(argv: string[]): Promise<void> {
  if (argv.includes("--version") || argv.includes("-V")) {
    process.stdout.write("schema-engine-wasm-shim (@prisma/schema-engine-wasm)\n");
    return;
  }
  const args = parseArgs(argv);
  if (!args.cli) return serve(args);
  try {
    if (!args.url) throw new Error("--datasource with a url is required");
    await oneShot(args.cli, args.url);
  } catch (error) {
    const fields = { error_code: codeOf(error) ?? "P1000", message: (error as Error).message };
    process.stderr.write(`schema-engine-wasm-shim\n${JSON.stringify({ level: "ERROR", target: "schema_engine::logger", fields })}\n`);
    process.exitCode = 1;
  }
}
