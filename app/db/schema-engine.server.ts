// Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm) and opens engine instances
// bound to our migration adapters. Why not the native engine: it is downloaded at install time, and this
// project's machines cannot reach binaries.prisma.sh. Why not the package's main entry: it does
// `import "./schema_engine_bg.wasm"`, which Node 20 rejects (ERR_UNKNOWN_FILE_EXTENSION); so we instantiate
// the .wasm ourselves with the wasm-bindgen glue, exactly like Prisma's CLI loader does.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { createMigrationAdapter, type MigrationAdapter } from "./migration-adapters.server";

export type { SchemaEngine };
type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg"); // eslint-disable-line @typescript-eslint/consistent-type-imports -- the glue is loaded lazily; a static import would load the wasm at startup

// Engine timers (it has setTimeout but never clearTimeout: e.g. a timeout raced against a query) would keep Node
// alive ~10 s after the work is done. We track them and clear the leftovers when the last engine closes.
const pendingTimers = new Set<NodeJS.Timeout>();
let openEngines = 0;
let gluePromise: Promise<Glue> | undefined;

// The wasm reports Rust panics through this global before trapping; without it the panic message is lost and
// a TypeError is thrown instead. We keep the last message to attach it to the RuntimeError that follows.
let lastPanic: string | undefined;
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message: (message: string) => {
    lastPanic = message;
  },
};

async function loadGlue(): Promise<Glue> {
  const glue: Glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const require = createRequire(import.meta.url);
  const file = path.join(
    path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
    "schema_engine_bg.wasm",
  );
  const imports: Record<string, unknown> = { ...glue };
  for (const name of Object.keys(glue)) {
    if (!name.startsWith("__wbg_setTimeout_")) continue;
    imports[name] = (fn: () => void, ms: number) => {
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        fn();
      }, ms >>> 0);
      pendingTimers.add(timer);
      return timer;
    };
  }
  const module = new WebAssembly.Module(fs.readFileSync(file));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": imports as WebAssembly.ModuleImports });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return glue;
}

interface OpenEngineOptions {
  /** DATABASE_URL of the database to work on, or ":memory:" for a throwaway SQLite database. */
  url: string;
  /** Prisma schema files (path, content) the engine may need (create/diff); optional for deploy/status. */
  schemaFiles?: { path: string; content: string }[];
  /** Engine log lines (JSON strings); ignored by default. */
  log?: (line: string) => void;
}

export interface OpenEngine {
  engine: SchemaEngine;
  adapter: MigrationAdapter;
  /** Frees the engine and closes every connection it (or its shadow databases) opened. Idempotent. */
  close(): Promise<void>;
}

export async function openSchemaEngine(options: OpenEngineOptions): Promise<OpenEngine> {
  const glue = await (gluePromise ??= loadGlue());
  const adapter = createMigrationAdapter(options.url);
  let engine: SchemaEngine;
  try {
    engine = await glue.SchemaEngine.new(
      // An empty list (rather than undefined) makes some engine calls panic.
      { datamodels: options.schemaFiles?.length ? options.schemaFiles.map((f) => [f.path, f.content] as [string, string]) : undefined },
      (line: string) => options.log?.(line),
      adapter.factory,
    );
  } catch (error) {
    await adapter.close();
    throw explainEngineError(error, adapter);
  }
  openEngines++;
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      try {
        engine.free();
      } finally {
        await adapter.close();
        if (--openEngines === 0) {
          for (const t of pendingTimers) clearTimeout(t);
          pendingTimers.clear();
        }
      }
    })());
  return { engine, adapter, close };
}

/** Runs fn with an engine, always closing it; engine errors become readable Errors. */
export async function withSchemaEngine<T>(options: OpenEngineOptions, fn: (e: OpenEngine) => Promise<T>): Promise<T> {
  const open = await openSchemaEngine(options);
  try {
    return await fn(open);
  } catch (error) {
    throw explainEngineError(error, open.adapter);
  } finally {
    await open.close();
  }
}

/** Engine error: the wasm throws plain objects/strings; driver errors show up as "External error id#N". */
class SchemaEngineError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly meta?: unknown,
  ) {
    super(message);
    this.name = "SchemaEngineError";
  }
}

export function explainEngineError(error: unknown, adapter?: MigrationAdapter): Error {
  if (error instanceof SchemaEngineError) return error;
  if (error instanceof WebAssembly.RuntimeError && lastPanic) {
    const panic = new SchemaEngineError(`schema engine panicked: ${lastPanic}`);
    lastPanic = undefined;
    panic.cause = error;
    return panic;
  }
  if (error instanceof Error && !("code" in error) && !/External error id#/.test(error.message)) return error;
  const e = error as { message?: string; code?: string; meta?: unknown } | string;
  let message = typeof e === "string" ? e : (e?.message ?? String(error));
  const code = typeof e === "string" ? undefined : e?.code;
  // Replace "External error id#N" by the driver's own error where the registry still has it.
  message = message.replace(/External error id#(\d+)/g, (whole, id) => {
    const original = adapter?.factory.errorRegistry.consumeError(Number(id))?.error as
      | { message?: string; cause?: { originalMessage?: string } }
      | undefined;
    const text = original?.cause?.originalMessage ?? original?.message;
    return text ? `${whole}: ${text}` : whole;
  });
  const out = new SchemaEngineError(code ? `${code}: ${message}` : message, code, typeof e === "string" ? undefined : e?.meta);
  out.cause = error;
  return out;
}
