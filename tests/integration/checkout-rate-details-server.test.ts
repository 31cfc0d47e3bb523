// The extension's route through the built server (node server.mjs → Remix), as the browser reaches it: Remix
// sends the CORS preflight (OPTIONS) to the loader, and a signed POST gets the JSON answer with CORS headers.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/demo";
import { checkoutSessionToken } from "../helpers/checkout";
import { BROWSER_UA } from "../helpers/shopify";

const ROOT = path.resolve(import.meta.dirname, "../..");
const built = fs.existsSync(path.join(ROOT, "build/server/index.js"));
const SECRET = "checkout-server-secret";
const KEY = "checkout-server-key";
const ORIGIN = "https://extensions.shopifycdn.com";

describe.skipIf(!built)("POST /api/checkout/rate-details on the built server", () => {
  let child: ChildProcess | undefined;
  let base = "";
  let output = "";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-checkout-"));

  beforeAll(async () => {
    const port = await freePort();
    child = spawn(process.execPath, ["server.mjs"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        PORT: String(port),
        SHOPIFY_API_KEY: KEY,
        SHOPIFY_API_SECRET: SECRET,
        SHOPIFY_APP_URL: "https://waypost.example.com",
        DATABASE_URL: `file:${path.join(dir, "db.sqlite")}`,
        WAYPOST_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
        OUTBOX_WORKER: "off",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 45_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`node server.mjs exited (${child.exitCode}):\n${output}`);
      if (await fetch(`${base}/carrier-service/rates`, { method: "POST", body: "{}" }).then(() => true, () => false)) break;
      if (Date.now() > deadline) throw new Error(`node server.mjs did not start within 45 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const call = (method: string, headers: Record<string, string> = {}, body?: unknown) =>
    fetch(`${base}/api/checkout/rate-details`, {
      method,
      headers: { Origin: ORIGIN, "User-Agent": BROWSER_UA, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("answers the preflight with 204 and CORS headers", async () => {
    const res = await call("OPTIONS", { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toContain("Authorization");
  });

  it("answers a signed POST for an unknown rate with 200 and no entries; a forged one with 401", async () => {
    const body = { country: "DE", lines: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 1 }], code: "x" };
    const token = checkoutSessionToken({ shop: "shop1.myshopify.com", secret: SECRET, aud: KEY });
    const ok = await call("POST", { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("*");
    expect(await ok.json()).toEqual({ rates: [] });
    const forged = checkoutSessionToken({ shop: "shop1.myshopify.com", secret: "guess", aud: KEY });
    const rejected = await call("POST", { Authorization: `Bearer ${forged}`, "Content-Type": "application/json" }, body);
    expect(rejected.status).toBe(401);
    expect(rejected.headers.get("access-control-allow-origin")).toBe("*");
  });
});
