// The whole demo (scripts/demo.ts: app, fake Shopify, carriers, channels, mail catcher) on a free port with its own
// SQLite file, started once for a test file and stopped after it. The demo tests check what its printed
// instructions promise, so they run it exactly as `npm run demo` does, quietly.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { freePort, startDemo, type Demo } from "../../scripts/demo";

/** Starts the demo before the file's tests; the returned function gives it to them. */
export function useDemo(name: string, startTimeoutMs = 300_000): () => Demo {
  let demo: Demo | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `waypost-demo-${name}-`));
    const port = await freePort();
    demo = await startDemo({
      port,
      databaseUrl: `file:${path.join(dir, "demo.sqlite")}`,
      quiet: true,
      env: { NODE_ENV: "development", HOST: "127.0.0.1", SHOPIFY_APP_URL: `http://localhost:${port}`, LOG_LEVEL: "error" },
    });
  }, startTimeoutMs);
  afterAll(async () => {
    await demo?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!demo) throw new Error("the demo has not started");
    return demo;
  };
}
