// Kept apart from vite.config.ts so the Remix Vite plugin never loads under vitest.
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    // Extensions' tests too: logic under node, components under happy-dom (a `@vitest-environment` line per file).
    include: ["app/**/*.test.ts", "tests/**/*.test.ts", "scripts/**/*.test.ts", "extensions/*/src/**/*.test.{ts,tsx}"],
    exclude: ["tests/browser/**", "node_modules/**", "extensions/*/node_modules/**", "extensions/*/dist/**"],
    environment: "node",
    setupFiles: ["tests/setup.ts"],
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores (one on a 2-core machine). More workers finish sooner on a
    // quiet machine, but the deadline tests (checkout answers within its budget) then share a core with another
    // file's servers: `WAYPOST_TEST_WORKERS=2` is there to try it, the default stays safe.
    ...(Number(process.env.WAYPOST_TEST_WORKERS) > 0 ? { maxWorkers: Number(process.env.WAYPOST_TEST_WORKERS) } : {}),
  },
});
