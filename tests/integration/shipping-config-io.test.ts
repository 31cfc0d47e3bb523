import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig } from "../helpers/fixtures";
import { getDb } from "~/db.server";
import { exportSetup, importSetup, shippingConfigJsonSchema } from "~/services/shipping-config-io.server";

const SHOP = "io-test.myshopify.com";
const db = useTestDatabase();

beforeAll(async () => {
  await db.ready();
  await getDb().shop.create({ data: { domain: SHOP } });
});

describe("shipping settings as code", () => {
  it("round-trips exactly: export, import, export", async () => {
    expect((await importSetup(SHOP, JSON.stringify(demoShippingConfig()))).ok).toBe(true);
    const first = await exportSetup(SHOP);
    expect((await importSetup(SHOP, JSON.stringify(first))).ok).toBe(true);
    expect(await exportSetup(SHOP)).toEqual(first);
    expect(first.zones.map((z) => z.id)).toEqual(["us", "us-remote", "ca", "eu", "br-sp-capital", "br"]);
  });

  it("reports precise error paths and changes nothing when the document is invalid", async () => {
    const before = await exportSetup(SHOP);
    const doc = demoShippingConfig() as any;
    doc.zones[2].services[0].rules.caps = { min: -5 };
    doc.zones[0].regions.push({ type: "postal", country: "US", pattern: "" });
    const result = await importSetup(SHOP, JSON.stringify(doc));
    expect(result.ok).toBe(false);
    const paths = (result as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toContain("zones[2].services[0].rules.caps.min");
    expect(paths.some((p) => p.startsWith("zones[0].regions[1]"))).toBe(true);
    expect(await exportSetup(SHOP)).toEqual(before);
  });

  it("validates without saving on a dry run", async () => {
    const before = await getDb().shop.findUniqueOrThrow({ where: { domain: SHOP } });
    const doc = demoShippingConfig() as any;
    doc.zones = doc.zones.slice(0, 1);
    const result = await importSetup(SHOP, JSON.stringify(doc), { dryRun: true });
    expect(result).toMatchObject({ ok: true, dryRun: true, zones: 1 });
    expect((await getDb().shop.findUniqueOrThrow({ where: { domain: SHOP } })).configVersion).toBe(before.configVersion);
  });

  it("says which JSON is broken when the file is not JSON", async () => {
    const result = await importSetup(SHOP, "{ zones: ");
    expect(result).toMatchObject({ ok: false, errors: [{ path: "(document)" }] });
  });

  it("keeps the committed JSON Schema in step with the zod schema", () => {
    const committed = JSON.parse(fs.readFileSync("docs/shipping-config.schema.json", "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(shippingConfigJsonSchema())));
  });

  it("exits non-zero from the CLI with the error paths when an import is invalid", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "wp-")), "bad.json");
    fs.writeFileSync(file, JSON.stringify({ version: 1, currency: "usd", timeZone: "Mars/Base", origin: { country: "US" } }));
    const run = promisify(execFile)("npx", ["tsx", "scripts/waypost.ts", "import", "--shop", SHOP, file], { env: { ...process.env, DATABASE_URL: db.url } });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("currency: must be an ISO 4217 code") });
    await expect(run).rejects.toMatchObject({ stderr: expect.stringContaining("timeZone: must be an IANA time zone") });
  });
});
