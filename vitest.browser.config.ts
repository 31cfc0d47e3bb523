// Browser tests (tests/browser): the demo server in the vitest main process (global setup), the system Chromium
// driven by playwright-core. Run with: npm run test:browser. Skipped with a notice when Chromium is not installed.
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["tests/browser/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/browser/global-setup.ts"],
    // One demo server and one shop: files run one after another, each with its own Chromium profile.
    fileParallelism: false,
    pool: "forks",
    // The server build is loaded by Node as-is, exactly like `node server.mjs` (see scripts/demo.ts).
    server: { deps: { external: [/\/build\/server\//] } },
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
