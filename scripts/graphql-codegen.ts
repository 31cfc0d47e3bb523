// `npm run graphql-codegen`: types every Admin API operation from the schema subset we keep in the repository.
// `npm run graphql-codegen -- --check`: generates into a scratch folder and fails when the committed files differ
// (an operation changed without regenerating, or a hand edit of generated output). `npm test` runs the check.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchema, introspectionFromSchema } from "graphql";
import { ADMIN_API_VERSION } from "../.graphqlrc";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SUBSET = path.join(ROOT, `app/shopify/graphql/schema/admin-${ADMIN_API_VERSION}.subset.graphql`);
const TYPES_DIR = path.join(ROOT, "app/types");
const GENERATED = [`admin-${ADMIN_API_VERSION}.schema.json`, "admin.types.d.ts", "admin.generated.d.ts"];

function generate(outDir: string) {
  fs.mkdirSync(outDir, { recursive: true });
  const schema = buildSchema(fs.readFileSync(SUBSET, "utf8"));
  const introspection = introspectionFromSchema(schema, { descriptions: false });
  fs.writeFileSync(path.join(outDir, GENERATED[0]), `${JSON.stringify(introspection)}\n`);
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/graphql-codegen"), ["--silent"], {
    cwd: ROOT,
    env: { ...process.env, WAYPOST_CODEGEN_OUT: outDir },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    process.exit(1);
  }
}

if (process.argv.includes("--check")) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-codegen-"));
  try {
    generate(scratch);
    const drifted = GENERATED.filter((name) => {
      const committed = path.join(TYPES_DIR, name);
      return !fs.existsSync(committed) || fs.readFileSync(committed, "utf8") !== fs.readFileSync(path.join(scratch, name), "utf8");
    });
    if (drifted.length) {
      console.error(`GraphQL types are out of date: ${drifted.join(", ")}. Run \`npm run graphql-codegen\` and commit app/types/.`);
      process.exit(1);
    }
    console.log("GraphQL types match the operations and the schema subset.");
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
} else {
  generate(TYPES_DIR);
  console.log(`Generated ${GENERATED.map((name) => `app/types/${name}`).join(", ")}.`);
}
