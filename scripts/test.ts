// `npm test`: every check, in order, stopping at the first failure.
//   1. schemas and migrations in sync       tsx scripts/db/cli.ts check
//   2. GraphQL types in sync                tsx scripts/graphql-codegen.ts --check
//   3. lint                                 eslint .
//   4. types                                tsc --noEmit
//   4b. translations                        tsx scripts/i18n/check.ts (every key in every locale, no literal admin text)
//   5. build (only when out of date)        remix vite:build — so the production-inert test checks the real build
//   Steps 1–5 are independent and each uses one core, so they run side by side, as many at once as there are
//   cores; each one's output is held and printed whole when it ends, so the log reads as if they ran in order.
//   6. unit + integration                   vitest run            (TEST_DATABASE_URL=postgres://… runs it on PostgreSQL)
//   7. browser                              vitest run --config vitest.browser.config.ts   (skipped without Chromium,
//                                           unless WAYPOST_BROWSER_TESTS=required)
// The last line is always `N passed, M failed` (vitest's test counts; a failed non-vitest step counts as one
// failure): CI reads it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildStatus, runBuild } from "./dev/build";
import { CHROMIUM_MISSING_NOTICE, chromiumAvailable } from "../tests/browser/chromium";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);
const out = (line = "") => process.stdout.write(`${line}\n`);

const totals = { passed: 0, failed: 0, skipped: 0 };

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("error", (error) => {
      out(`could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Runs a command with its output held, for steps that run side by side. */
function runHeld(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (error) => resolve({ code: 127, output: `could not start ${command}: ${error.message}` }));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTestSuites?: number;
  numFailedTestSuites?: number;
}

/** Runs vitest with its JSON report beside the normal one, and adds its counts to the totals. */
async function vitest(label: string, extraArgs: string[]): Promise<boolean> {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "waypost-vitest-")), "report.json");
  const code = await run(bin("vitest"), ["run", ...extraArgs, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]);
  let counts: VitestJson | undefined;
  try {
    counts = JSON.parse(fs.readFileSync(report, "utf8")) as VitestJson;
  } catch {
    // no report: vitest failed before running anything (config error, global setup failure)
  }
  fs.rmSync(path.dirname(report), { recursive: true, force: true });
  if (counts) {
    totals.passed += counts.numPassedTests;
    totals.failed += counts.numFailedTests;
    totals.skipped += counts.numPendingTests + counts.numTodoTests;
    // A file that fails to load (syntax error, failing beforeAll) has no failed *test*; it still fails the run.
    if (code !== 0 && counts.numFailedTests === 0) totals.failed += Math.max(1, counts.numFailedTestSuites ?? 0);
  } else if (code !== 0) {
    totals.failed += 1;
  }
  out(`-- ${label}: ${code === 0 ? "ok" : `FAILED (exit ${code})`}`);
  return code === 0;
}

interface Check {
  label: string;
  /** Resolves to the exit code and the output to show. */
  start(): Promise<{ code: number; output: string }>;
}

const command = (label: string, cmd: string, args: string[]): Check => ({ label, start: () => runHeld(cmd, args) });

/**
 * Runs the checks at most `parallel` at a time; each one's output is printed whole, in the listed order, as soon as
 * it and every check before it have ended. Returns false when any failed (all of them still run to the end, so one
 * run shows every failing check).
 */
async function checks(list: Check[], parallel: number): Promise<boolean> {
  const results: Promise<{ code: number; output: string; seconds: string }>[] = [];
  const slots: Promise<unknown>[] = [];
  for (const check of list) {
    if (slots.length >= parallel) await Promise.race(slots);
    const started = Date.now();
    const result = check.start().then((r) => ({ ...r, seconds: ((Date.now() - started) / 1000).toFixed(1) }));
    const slot: Promise<unknown> = result.finally(() => slots.splice(slots.indexOf(slot), 1));
    slots.push(slot);
    results.push(result);
  }
  let ok = true;
  for (const [i, check] of list.entries()) {
    const { code, output, seconds } = await results[i];
    out(`\n== ${check.label}`);
    if (output.trim()) out(output.trimEnd());
    out(`-- ${check.label}: ${code === 0 ? "ok" : `FAILED (exit ${code})`} in ${seconds} s`);
    if (code !== 0) {
      totals.failed += 1;
      ok = false;
    }
  }
  return ok;
}

function finish(ok: boolean): never {
  out();
  if (totals.skipped) out(`(${totals.skipped} skipped)`);
  out(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(ok && totals.failed === 0 ? 0 : 1);
}

async function main() {
  const started = Date.now();
  const backend = process.env.TEST_DATABASE_URL ? "PostgreSQL (TEST_DATABASE_URL)" : "SQLite (temporary files)";
  out(`Waypost test suite: database ${backend}.`);

  const browserRequired = process.env.WAYPOST_BROWSER_TESTS === "required";
  // WAYPOST_BROWSER_TESTS=skip: CI's second pass on an older Node has already run them on Node 22.
  const browser = process.env.WAYPOST_BROWSER_TESTS !== "skip" && chromiumAvailable();
  if (!browser && browserRequired) {
    out(`WAYPOST_BROWSER_TESTS=required but ${CHROMIUM_MISSING_NOTICE}`);
    totals.failed += 1;
    finish(false);
  }

  const build: Check = {
    label: "build",
    async start() {
      const status = buildStatus(ROOT);
      if (!status.needed) return { code: 0, output: status.reason };
      try {
        await runBuild({ quiet: true });
        return { code: 0, output: status.reason };
      } catch (error) {
        return { code: 1, output: `${status.reason}\n${error instanceof Error ? error.message : String(error)}` };
      }
    },
  };
  const parallel = Math.max(1, Number(process.env.WAYPOST_TEST_PARALLEL) || os.availableParallelism());
  out(`Static checks and the build: ${parallel} at a time.`);
  const staticOk = await checks(
    [
      // The two slowest first, so they overlap the most.
      command("types (tsc --noEmit)", bin("tsc"), ["--noEmit"]),
      command("lint (eslint)", bin("eslint"), ["."]),
      build,
      command("schemas and migrations (db check)", bin("tsx"), ["scripts/db/cli.ts", "check"]),
      command("GraphQL types (codegen drift)", bin("tsx"), ["scripts/graphql-codegen.ts", "--check"]),
      command("translations (i18n check)", bin("tsx"), ["scripts/i18n/check.ts"]),
    ],
    parallel,
  );
  if (!staticOk) finish(false);

  out("\n== unit and integration tests (vitest)");
  if (!(await vitest("unit and integration tests", []))) finish(false);

  if (browser) {
    out("\n== browser tests (system Chromium)");
    if (!(await vitest("browser tests", ["--config", "vitest.browser.config.ts"]))) finish(false);
  } else {
    out(`\n== browser tests SKIPPED. ${process.env.WAYPOST_BROWSER_TESTS === "skip" ? "WAYPOST_BROWSER_TESTS=skip" : CHROMIUM_MISSING_NOTICE}`);
  }
  out(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  finish(true);
}

void main();
