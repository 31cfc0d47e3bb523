// Once per browser-test run: build the app if needed and start the demo (fake Admin API, seeded demo shop, local
// admin frame) on a free port with a fresh temporary SQLite database. Tests reach it through inject("browser").
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, startDemo } from "../../scripts/demo";
import { CHROMIUM_MISSING_NOTICE, chromiumAvailable } from "./chromium";

export interface BrowserTestEnv {
  available: boolean;
  baseUrl: string;
  shop: string;
  apiKey: string;
  apiSecret: string;
  /** The demo server's database, for tests that must set up a state the UI cannot reach (an empty shop). */
  databaseUrl: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    browser: BrowserTestEnv;
  }
}

const API_KEY = "waypost-browser-key";
const API_SECRET = "waypost-browser-secret";

export default async function setup(project: TestProject) {
  if (!chromiumAvailable()) {
    process.stdout.write(`\n  ⚠  Browser tests SKIPPED. ${CHROMIUM_MISSING_NOTICE}\n\n`);
    project.provide("browser", { available: false, baseUrl: "", shop: "", apiKey: "", apiSecret: "", databaseUrl: "" });
    return;
  }
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-browser-"));
  const port = await freePort();
  const databaseUrl = `file:${path.join(dir, "demo.sqlite")}`;
  const demo = await startDemo({
    port,
    databaseUrl,
    quiet: true,
    log: (line) => {
      if (line.startsWith("Build:")) process.stdout.write(`  ${line}\n`);
    },
    // Hermetic: nothing from the caller's environment changes what the browser sees.
    env: {
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_APP_URL: `http://localhost:${port}`,
      LOG_LEVEL: "warn",
    },
  });
  process.stdout.write(`  Demo server for browser tests: ${demo.url} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  project.provide("browser", { available: true, baseUrl: demo.url, shop: demo.shop, apiKey: API_KEY, apiSecret: API_SECRET, databaseUrl });

  return async () => {
    await demo.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
