// The demo mechanism (local admin frame, App Bridge stand-in, locally signed session tokens, fake Admin API) is
// development tooling: it cannot be switched on in production and nothing in the production request path
// reaches it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localAdminFrame } from "../../scripts/dev/local-admin";
import { DemoRefusedError, freePort, startDemo } from "../../scripts/demo";
import { BROWSER_UA, sessionToken } from "../helpers/shopify";

const ROOT = path.resolve(import.meta.dirname, "../..");

function withNodeEnv<T>(value: string, fn: () => T): T {
  const env = process.env as Record<string, string | undefined>;
  const previous = env.NODE_ENV;
  env.NODE_ENV = value;
  try {
    return fn();
  } finally {
    env.NODE_ENV = previous;
  }
}

describe("the demo tooling refuses production", () => {
  it("creating the local admin frame middleware throws when NODE_ENV=production", () => {
    const create = () => localAdminFrame({ apiKey: "k", apiSecret: "s", shop: "waypost-demo.myshopify.com" });
    expect(() => withNodeEnv("production", create)).toThrow(/refuses to run with NODE_ENV=production/);
    expect(typeof withNodeEnv("development", create)).toBe("function");
  });

  it("startDemo() refuses NODE_ENV=production before touching anything", async () => {
    await expect(startDemo({ env: { NODE_ENV: "production" } })).rejects.toBeInstanceOf(DemoRefusedError);
  });

  it("`npm run demo` exits with a clear message under NODE_ENV=production", () => {
    const tsx = path.join(ROOT, "node_modules/.bin/tsx");
    const run = spawnSync(tsx, ["scripts/demo.ts"], { cwd: ROOT, env: { ...process.env, NODE_ENV: "production" }, encoding: "utf8", timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/refuses to run with NODE_ENV=production/);
    expect(run.stdout).not.toMatch(/__admin/);
  });
});

describe("app/ never reaches the tooling", () => {
  function shippedFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return ["__fixtures__", "generated", "node_modules"].includes(entry.name) ? [] : shippedFiles(full);
      return /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(entry.name) && !/\.test\.[jt]sx?$/.test(entry.name) ? [full] : [];
    });
  }
  const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"']+)["']/g;

  it("no non-test file under app/ imports scripts/ or tests/ (nor mentions the local admin frame)", () => {
    const offenders: string[] = [];
    const files = shippedFiles(path.join(ROOT, "app"));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      for (const [, specifier] of text.matchAll(SPECIFIER)) {
        const resolved = specifier.startsWith(".")
          ? path.resolve(path.dirname(file), specifier)
          : specifier.startsWith("~/")
            ? path.resolve(ROOT, "app", specifier.slice(2))
            : null;
        const inTooling = resolved
          ? [path.join(ROOT, "scripts"), path.join(ROOT, "tests")].some((dir) => resolved === dir || resolved.startsWith(dir + path.sep))
          : /^(scripts|tests)\//.test(specifier);
        if (inTooling) offenders.push(`${path.relative(ROOT, file)} imports ${specifier}`);
      }
      if (/local-admin|__dev\/|startShopifyAdminFake|pointShopifyAt/.test(text)) offenders.push(`${path.relative(ROOT, file)} mentions the demo tooling`);
    }
    expect(offenders).toEqual([]);
  });
});

const built = fs.existsSync(path.join(ROOT, "build/server/index.js"));
if (!built) {
  process.stdout.write("\n  ⚠  production-inert: build/ is missing, so the built-server checks are SKIPPED (run `npm run build`).\n\n");
}

describe.skipIf(!built)("the production build, started with NODE_ENV=production", () => {
  let child: ChildProcess | undefined;
  let base = "";
  let output = "";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-prod-"));
  const SECRET = "production-secret-not-the-demo-one";
  const KEY = "production-key";
  const SHOP = "waypost-demo.myshopify.com";
  const HOST = Buffer.from("admin.shopify.com/store/waypost-demo").toString("base64url");

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
        DATABASE_URL: `file:${path.join(dir, "prod.sqlite")}`,
        WAYPOST_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
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
      const up = await fetch(`${base}/carrier-service/rates`, { method: "POST", body: "{}" }).then(() => true, () => false);
      if (up) break;
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

  const get = (p: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${p}`, { redirect: "manual", headers: { "User-Agent": BROWSER_UA, ...headers } });

  it.each(["/__admin", "/__admin?path=/app", "/__dev/session-token", "/__dev/app-bridge.js", "/__dev/fonts.css"])("GET %s is 404", async (p) => {
    const res = await get(p);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/eyJhbGciOi/); // no session token handed out
  });

  it("GET /app without a session token does not render the app", async () => {
    for (const p of ["/app", `/app?embedded=1&shop=${SHOP}&host=${HOST}`]) {
      const res = await get(p);
      expect([302, 401], p).toContain(res.status);
      expect(await res.text()).not.toContain("Checkout rates");
    }
  });

  it("a token signed with the demo's secret is refused", async () => {
    const token = sessionToken(SHOP, { secret: "waypost-demo-secret", key: KEY });
    const res = await get(`/app?embedded=1&shop=${SHOP}&host=${HOST}&id_token=${token}`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/auth\/session-token\?/);
    const data = await get("/app?_data=routes%2Fapp._index", { Authorization: `Bearer ${token}` });
    expect(data.status).toBe(401);
  });

  it("documents load Shopify's real App Bridge, not the stand-in", async () => {
    const res = await get(`/auth/session-token?shop=${SHOP}&host=${HOST}&shopify-reload=${encodeURIComponent(`https://waypost.example.com/app?shop=${SHOP}`)}`);
    const html = await res.text();
    expect(html).toContain("https://cdn.shopify.com/shopifycloud/app-bridge.js");
    expect(html).not.toContain("/__dev/");
    expect(res.headers.get("content-security-policy") ?? "").not.toContain("'self'");
  });

  it("the built bundles contain none of the demo tooling", () => {
    const files = [path.join(ROOT, "build/server/index.js")];
    const assets = path.join(ROOT, "build/client/assets");
    if (fs.existsSync(assets)) files.push(...fs.readdirSync(assets).filter((f) => f.endsWith(".js")).map((f) => path.join(assets, f)));
    const hits = files.filter((f) => /__dev\/|\/__admin|local-admin|waypost-demo-secret|startShopifyAdminFake/.test(fs.readFileSync(f, "utf8")));
    expect(hits.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
