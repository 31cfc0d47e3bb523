// Runs before every test file: safe test configuration, and unexpected console.error fails the test.
import { afterEach, beforeEach, vi } from "vitest";

process.env.NODE_ENV ??= "test";
process.env.SHOPIFY_API_KEY ??= "test-api-key";
process.env.SHOPIFY_API_SECRET ??= "test-api-secret";
process.env.SHOPIFY_APP_URL ??= "https://waypost.test";
process.env.WAYPOST_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");

let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length > 0) {
    const shown = errors.map((a) => a.map(String).join(" ")).join("\n");
    throw new Error(`console.error was called during the test:\n${shown}`);
  }
});
