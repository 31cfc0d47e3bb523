// "Build if needed" for the demo, the browser tests and npm test: `remix vite:build` when build/server/index.js is
// missing or older than any file under app/ (a quick mtime check; tests and fixtures do not count).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Whether `remix vite:build` must run: no build yet, or a file under app/ (or the Vite config) is newer. */
export function buildStatus(root = ROOT): { needed: boolean; reason: string } {
  const server = path.join(root, "build/server/index.js");
  if (!fs.existsSync(server) || !fs.existsSync(path.join(root, "build/client"))) return { needed: true, reason: "no build yet" };
  const builtAt = fs.statSync(server).mtimeMs;
  const newer = newestSource(root);
  if (newer && newer.mtimeMs > builtAt) return { needed: true, reason: `${path.relative(root, newer.file)} changed since the last build` };
  return { needed: false, reason: "build is up to date" };
}

function newestSource(root: string): { file: string; mtimeMs: number } | null {
  let newest: { file: string; mtimeMs: number } | null = null;
  const consider = (file: string) => {
    const mtimeMs = fs.statSync(file).mtimeMs;
    if (!newest || mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  };
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "__fixtures__" && entry.name !== "node_modules") walk(full);
      } else if (!/\.test\.tsx?$/.test(entry.name)) {
        consider(full);
      }
    }
  };
  walk(path.join(root, "app"));
  for (const extra of ["vite.config.ts", "package-lock.json"]) if (fs.existsSync(path.join(root, extra))) consider(path.join(root, extra));
  return newest;
}

/** Runs `remix vite:build` (production mode whatever NODE_ENV says). Output is shown, or kept and shown on failure. */
export function runBuild({ quiet = false, root = ROOT } = {}): Promise<void> {
  // Vite must build React's production bundle even when the demo runs in development (or vitest in test).
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.NODE_ENV;
  const bin = path.join(root, "node_modules/.bin/remix");
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["vite:build"], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`remix vite:build failed (exit ${code})${output ? `:\n${output}` : ""}`))));
  });
}

export async function buildIfNeeded({ quiet = false, log = (_: string) => {} } = {}) {
  const status = buildStatus();
  if (!status.needed) {
    log(`Build: ${status.reason}.`);
    return false;
  }
  log(`Build: ${status.reason}; running remix vite:build...`);
  const started = Date.now();
  await runBuild({ quiet });
  log(`Build: done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}

