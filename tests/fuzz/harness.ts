// The standing fuzz suite's engine (issue 8). Every entry point in entry-points.ts receives generated hostile
// input with VALID signatures or session tokens, and every answer is checked against four invariants:
//   - no 5xx (a thrown non-Response counts as one);
//   - no answer slower than DEADLINE_MS;
//   - no row changed outside the addressed shop (the bystander shop's rows are compared before and after);
//   - the heap stays within HEAP_BUDGET_MB of where it started.
// Seeds: fixed when CI is set (reproducible), random locally (printed, and FUZZ_SEED=<n> replays it).
// Counts: FUZZ_RUNS scales every entry point's count (default 1) to keep the suite near 20 s on 2 cores.
import fs from "node:fs";
import fc from "fast-check";
import { expect } from "vitest";
import { getDb } from "~/db.server";
import { databaseBackend } from "~/db/url";

/** Shopify drops a webhook answered after 5 s; the rate callback's own budget is 2 s, Shopify's limit 3-10 s. */
export const DEADLINE_MS = 5_000;
export const HEAP_BUDGET_MB = 256;
export const CI_SEED = 20_261_201;

let seed: number | undefined;

/** One seed per process, so FUZZ_SEED=<printed seed> replays a whole file. */
export function fuzzSeed(): number {
  seed ??= process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.CI ? CI_SEED : Math.floor(Math.random() * 2 ** 31);
  return seed;
}

export const runsFor = (base: number) => Math.max(1, Math.round(base * Number(process.env.FUZZ_RUNS ?? 1)));

export interface Answer {
  status: number;
  text?: string;
}

/** One HTTP entry point: how to generate its input and how to send it (signed for the addressed shop). */
export interface EntryPoint<W, I> {
  name: string;
  runs: number;
  input: (world: W) => fc.Arbitrary<I>;
  send: (world: W, input: I) => Promise<Answer>;
}

export interface FuzzStats {
  entryPoint: string;
  seed: number;
  inputs: number;
  fiveXx: number;
  slowestMs: number;
  peakHeapMb: number;
  /** How many answers of each status: a suite where everything is 401 tests nothing. */
  statuses: Record<number, number>;
}

/** Calls a Remix action or loader and turns a thrown Response into an answer; anything else thrown is a 500. */
export async function answerOf(call: () => Promise<Response>): Promise<Answer> {
  try {
    const res = await call();
    return { status: res.status };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status };
    return { status: 500, text: thrown instanceof Error ? `${thrown.name}: ${thrown.message.slice(-400)}` : String(thrown) };
  }
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function fuzzEntryPoint<W, I>(world: W, entry: EntryPoint<W, I>, rows: RowGuard): Promise<FuzzStats> {
  const seed = fuzzSeed();
  const stats: FuzzStats = { entryPoint: entry.name, seed, inputs: 0, fiveXx: 0, slowestMs: 0, peakHeapMb: 0, statuses: {} };
  const heapStart = process.memoryUsage().heapUsed;
  const before = await rows.snapshot();
  const failures: string[] = [];
  await fc.assert(
    fc.asyncProperty(entry.input(world), async (input) => {
      const started = performance.now();
      const answer = await entry.send(world, input);
      const ms = performance.now() - started;
      stats.inputs += 1;
      stats.statuses[answer.status] = (stats.statuses[answer.status] ?? 0) + 1;
      stats.slowestMs = Math.max(stats.slowestMs, Math.round(ms));
      stats.peakHeapMb = Math.max(stats.peakHeapMb, mb(process.memoryUsage().heapUsed));
      if (answer.status >= 500) {
        stats.fiveXx += 1;
        failures.push(`${answer.status} ${answer.text ?? ""}`);
      }
      expect(answer.status, `${entry.name} answered ${answer.status} ${answer.text ?? ""}`).toBeLessThan(500);
      expect(ms, `${entry.name} took ${Math.round(ms)} ms`).toBeLessThan(DEADLINE_MS);
    }),
    { seed, numRuns: runsFor(entry.runs), endOnFailure: true },
  );
  const after = await rows.snapshot();
  expect(after, `${entry.name} changed rows outside the addressed shop`).toEqual(before);
  expect(mb(process.memoryUsage().heapUsed - heapStart), `${entry.name} grew the heap`).toBeLessThan(HEAP_BUDGET_MB);
  report(stats);
  return stats;
}

function report(stats: FuzzStats) {
  const line = `fuzz ${stats.entryPoint}: seed=${stats.seed} inputs=${stats.inputs} 5xx=${stats.fiveXx} slowest=${stats.slowestMs}ms peakHeap=${stats.peakHeapMb}MB statuses=${JSON.stringify(stats.statuses)}`;
  process.stdout.write(`${line}\n`);
  if (process.env.FUZZ_SUMMARY_FILE) fs.appendFileSync(process.env.FUZZ_SUMMARY_FILE, `${JSON.stringify(stats)}\n`);
}

/**
 * Rows that do not belong to the addressed shop, table by table, as JSON. A row belongs to the addressed shop
 * when it mentions one of its markers (its domain, its shop id, its channel ids) or is an erased receipt
 * (shop/redact pseudonymises the one receipt it keeps). Anything else must be byte-for-byte unchanged.
 */
export interface RowGuard {
  snapshot(): Promise<Record<string, string[]>>;
}

export function guardRowsOutside(markers: () => Promise<string[]>): RowGuard {
  return {
    async snapshot() {
      const db = getDb();
      const postgres = databaseBackend(process.env.DATABASE_URL!) === "postgresql";
      const tables = (
        await db.$queryRawUnsafe<{ name: string }[]>(
          postgres
            ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
        )
      ).map((t) => t.name);
      const own = [...(await markers()), '"erased"'];
      const out: Record<string, string[]> = {};
      for (const table of tables.sort()) {
        const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
        out[table] = rows
          .map((r) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? v.toString() : v)))
          .filter((json) => !own.some((m) => json.includes(m)))
          .sort();
      }
      return out;
    },
  };
}
