// Path given to Prisma's CLI as PRISMA_SCHEMA_ENGINE_BINARY. `prisma generate` only checks that the file exists
// (otherwise it tries to download the native engine from binaries.prisma.sh, unreachable here).
import path from "node:path";

export const ENGINE_PLACEHOLDER = path.join(import.meta.dirname, "schema-engine-shim.mjs");
