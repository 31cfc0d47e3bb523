// The operator CLI works against the database of a running app: exporting or importing a live shop's setup must
// not need the server stopped (a SQLite file held open by the server made the CLI's migration step time out).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startDemo, type Demo } from "../../scripts/demo";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
let demo: Demo;
let dir: string;
let databaseUrl: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-cli-live-"));
  databaseUrl = `file:${path.join(dir, "live.sqlite")}`;
  const port = await freePort();
  demo = await startDemo({
    port,
    databaseUrl,
    quiet: true,
    env: { NODE_ENV: "development", HOST: "127.0.0.1", SHOPIFY_APP_URL: `http://localhost:${port}`, LOG_LEVEL: "error" },
  });
}, 120_000);

afterAll(async () => {
  await demo?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function waypost(...args: string[]) {
  return run(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/waypost.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "error" },
    timeout: 60_000,
  });
}

describe("the operator CLI while the app is running", () => {
  it("exports the live shop's setup and imports it back", async () => {
    const out = path.join(dir, "setup.json");
    await waypost("export", "--shop", demo.shop, "--out", out);
    const doc = JSON.parse(fs.readFileSync(out, "utf8")) as { zones: { id: string }[] };
    expect(doc.zones.length).toBeGreaterThan(0);

    doc.zones = doc.zones.filter((z) => z.id !== "ca");
    fs.writeFileSync(out, JSON.stringify(doc));
    const imported = await waypost("import", "--shop", demo.shop, out);
    expect(imported.stdout).toMatch(/Imported .* into waypost-demo\.myshopify\.com/);

    const again = await waypost("export", "--shop", demo.shop);
    expect((JSON.parse(again.stdout) as { zones: { id: string }[] }).zones.map((z) => z.id)).not.toContain("ca");
  }, 120_000);
});
