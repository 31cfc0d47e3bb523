// Writes docs/partners-api.openapi.json from the provider API's zod schemas (app/services/partners/openapi.ts).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { partnersOpenApi } from "../app/services/partners/openapi";

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../docs/partners-api.openapi.json");
fs.writeFileSync(out, `${JSON.stringify(partnersOpenApi(), null, 2)}\n`);
console.log(`Wrote ${path.relative(process.cwd(), out)}`);
