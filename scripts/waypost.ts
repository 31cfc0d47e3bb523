// `npm run waypost -- <command>`: operator commands.
//   export --shop <domain> [--out file.json]          the shop's shipping setup as one JSON document
//   import --shop <domain> <file.json> [--dry-run]    validate, then replace the setup atomically
//   schema [--out docs/shipping-config.schema.json]   write the JSON Schema of that document
//   services <carrier> [--json]                       a carrier's service catalogue (app/services/carrier-catalogue.server.ts)
//   landed-cost --to DE --from US --currency EUR --item "6109.10,CN,2500,2" [--json]   duties and taxes (scripts/landed-cost.ts)
import fs from "node:fs";
import { parseArgs } from "node:util";

if (process.argv[2] === "landed-cost") {
  const { runLandedCost } = await import("./landed-cost");
  process.exit(runLandedCost(process.argv.slice(3)));
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    shop: { type: "string" },
    out: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
const [command, file] = positionals;

async function main(): Promise<number> {
  if (command === "services") {
    const { carrierCatalogue, formatCatalogue } = await import("../app/services/carrier-catalogue.server");
    const rows = file ? carrierCatalogue(file) : null;
    if (!rows) {
      console.error("usage: npm run waypost -- services <carrier> [--json], e.g. services ups");
      return 2;
    }
    process.stdout.write(values.json ? JSON.stringify(rows, null, 2) + "\n" : formatCatalogue(rows));
    return 0;
  }
  const io = await import("../app/services/shipping-config-io.server");
  if (command === "schema") {
    const text = JSON.stringify(io.shippingConfigJsonSchema(), null, 2) + "\n";
    if (values.out) fs.writeFileSync(values.out, text);
    else process.stdout.write(text);
    return 0;
  }
  if (command !== "export" && command !== "import") {
    console.error("usage: npm run waypost -- export --shop <domain> [--out file.json] | import --shop <domain> <file.json> [--dry-run] | schema [--out file]");
    return 2;
  }
  if (!values.shop) {
    console.error("--shop <domain> is required, e.g. --shop waypost-demo.myshopify.com");
    return 2;
  }
  const { deployMigrations } = await import("../app/db/migrations.server");
  await deployMigrations({ url: process.env.DATABASE_URL ?? "file:./waypost.sqlite" });

  if (command === "export") {
    const text = JSON.stringify(await io.exportSetup(values.shop), null, 2) + "\n";
    if (values.out) {
      fs.writeFileSync(values.out, text);
      console.log(`Wrote the shipping setup of ${values.shop} to ${values.out}`);
    } else process.stdout.write(text);
    return 0;
  }
  if (!file) {
    console.error("import needs a file: npm run waypost -- import --shop <domain> setup.json");
    return 2;
  }
  const result = await io.importSetup(values.shop, fs.readFileSync(file, "utf8"), { dryRun: values["dry-run"] });
  if (!result.ok) {
    console.error(`${file} was not imported (nothing changed):`);
    for (const e of result.errors) console.error(`  ${e.path}: ${e.message}`);
    return 1;
  }
  console.log(
    result.dryRun
      ? `${file} is valid: ${result.zones} zones, ${result.services} services (dry run: nothing changed)`
      : `Imported ${file} into ${values.shop}: ${result.zones} zones, ${result.services} services (config version ${result.version})`,
  );
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
