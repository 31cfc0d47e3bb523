#!/usr/bin/env node
// PRISMA_SCHEMA_ENGINE_BINARY for the stock Prisma CLI (set by prisma.config.ts). `prisma generate` only needs
// this file to exist; `prisma migrate dev|deploy|status|reset|diff`, `db push|pull|execute` run through it on
// the wasm engine (scripts/db/engine-shim.ts). The project's own path remains scripts/db/cli.ts.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./engine-shim.ts");
await main(process.argv.slice(2));
