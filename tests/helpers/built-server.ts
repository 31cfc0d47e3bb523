// `node server.mjs` on the production build, on a free port, with a throwaway SQLite file; for tests that must
// see what Remix really does with a request (method routing, headers) rather than call a route module.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/demo";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const buildExists = () => fs.existsSync(path.join(ROOT, "build/server/index.js"));

export interface BuiltServer {
  base: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startBuiltServer(env: Record<string, string>): Promise<BuiltServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-built-"));
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["server.mjs"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: String(port),
      SHOPIFY_APP_URL: "https://waypost.example.com",
      DATABASE_URL: `file:${path.join(dir, "db.sqlite")}`,
      WAYPOST_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
      OUTBOX_WORKER: "off",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node server.mjs exited (${child.exitCode}):\n${output}`);
    if (await fetch(`${base}/carrier-service/rates`, { method: "POST", body: "{}" }).then(() => true, () => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`node server.mjs did not start within 45 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, output: () => output, stop };
}
