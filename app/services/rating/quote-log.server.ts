// Every rate callback is recorded, but never on the response path. At record time the entry is reduced to a
// compact row of primitives (no trace object outlives the response); rows are buffered and written in batches.
// On SQLite the batch goes to a worker thread with its own better-sqlite3 connection and a prepared statement, so
// the write costs the event loop only a postMessage (measured: the Prisma raw INSERT was 35–50 µs of main-thread
// CPU per row, 28% of busy time on the answer-cache path). On PostgreSQL the batch is one multi-row INSERT whose
// I/O is asynchronous anyway. Answer-cache hits are counted per (shop, fingerprint) and written as one row per
// flush window carrying the count, not one row per hit. Memory is bounded: past MAX_BUFFER pending rows new entries
// are dropped and counted (checkout matters more than the log). flushQuoteLog() drains everything (shutdown).
import crypto from "node:crypto";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { getDb, getDbBackend } from "~/db.server";
import { sqliteFilePath } from "~/db/url";
import { logger } from "~/lib/logger.server";

export interface QuoteLogEntry {
  shopId: string;
  fingerprint: string;
  zoneId: string | null;
  destination: string;
  sources: unknown;
  rates: unknown;
  fallbacks: number;
  latencyMs: number;
  createdAt: Date;
}

/** [shopId, createdAt ms, fingerprint, zoneId, destination, sources JSON, rates JSON, fallbacks, latency ms] */
type Row = [string, number, string, string | null, string, string, string, number, number];

interface Hits {
  shopId: string;
  fingerprint: string;
  zoneId: string | null;
  destination: string;
  rates: string;
  count: number;
  maxLatencyMs: number;
  firstAt: number;
}

const MAX_BUFFER = 5_000;
const BATCH = 500; // rows per INSERT statement / worker transaction
let buffer: Row[] = [];
const hits = new Map<string, Hits>();
let dropped = 0;

export function recordQuote(e: QuoteLogEntry) {
  if (buffer.length + hits.size >= MAX_BUFFER) {
    dropped++;
    return;
  }
  buffer.push([e.shopId, e.createdAt.getTime(), e.fingerprint, e.zoneId, e.destination, JSON.stringify(e.sources), JSON.stringify(e.rates), e.fallbacks, Math.round(e.latencyMs)]);
}

/**
 * An answer served from the answer cache: counted, not written row by row. `rates` is the answer's summary,
 * already serialised when the answer was cached.
 */
export function recordAnswerCacheHit(hit: { shopId: string; fingerprint: string; zoneId: string | null; destination: string; rates: string; latencyMs: number }) {
  const key = `${hit.shopId}\u0000${hit.fingerprint}`;
  const known = hits.get(key);
  if (known) {
    known.count++;
    if (hit.latencyMs > known.maxLatencyMs) known.maxLatencyMs = hit.latencyMs;
    return;
  }
  if (buffer.length + hits.size >= MAX_BUFFER) {
    dropped++;
    return;
  }
  hits.set(key, { ...hit, count: 1, maxLatencyMs: hit.latencyMs, firstAt: Date.now() });
}

function drainHits() {
  for (const h of hits.values()) {
    buffer.push([h.shopId, h.firstAt, h.fingerprint, h.zoneId, h.destination, `[{"answerCache":true,"hits":${h.count}}]`, h.rates, 0, Math.round(h.maxLatencyMs)]);
  }
  hits.clear();
}

let flushing: Promise<number> | null = null;

/** Writes everything pending; resolves with the number of rows written. Concurrent calls share one flush. */
export async function flushQuoteLog(): Promise<number> {
  if (flushing) {
    const before = await flushing;
    return before + (buffer.length + hits.size > 0 ? await flushQuoteLog() : 0);
  }
  drainHits();
  if (buffer.length === 0) return reportDropped(0);
  const rows = buffer;
  buffer = [];
  flushing = (getDbBackend() === "postgresql" ? writePostgres(rows) : sqliteWriter().write(rows)).finally(() => {
    flushing = null;
  });
  return reportDropped(await flushing);
}

function reportDropped(written: number) {
  if (dropped > 0) {
    logger.warn("quote log entries dropped while the buffer was full", { dropped });
    dropped = 0;
  }
  return written;
}

export function pendingQuoteLogEntries() {
  return buffer.length + hits.size;
}

/** Stops the SQLite writer thread (after a final flush). */
export async function closeQuoteLog() {
  await flushQuoteLog().catch(() => undefined);
  const w = writer;
  writer = null;
  await w?.close();
}

export async function purgeQuoteLog(retentionDays: number) {
  const before = new Date(Date.now() - retentionDays * 86_400_000);
  const { count } = await getDb().quoteLog.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL: one multi-row INSERT per BATCH rows; a batch that fails (a shop deleted meanwhile, shop/redact) is
// retried row by row so the rest still lands.

async function writePostgres(rows: Row[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    try {
      await insertPostgres(batch);
      written += batch.length;
    } catch (error) {
      for (const r of batch) if (await insertPostgres([r]).then(() => true, () => false)) written++;
      logger.warn("quote log batch failed; wrote rows one by one", { error: String(error), rows: batch.length });
    }
  }
  return written;
}

const COLUMNS = ["id", "shopId", "createdAt", "fingerprint", "zoneId", "destination", "sources", "rates", "fallbacks", "latencyMs"];
const COLUMN_LIST = COLUMNS.map((c) => `"${c}"`).join(", ");

async function insertPostgres(batch: Row[]) {
  const params: unknown[] = [];
  const tuples = batch.map((r) => {
    const n = params.length;
    params.push(crypto.randomUUID(), r[0], new Date(r[1]).toISOString(), r[2], r[3], r[4], r[5], r[6], r[7], r[8]);
    return `($${n + 1}, $${n + 2}, $${n + 3}::timestamp, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}::jsonb, $${n + 8}::jsonb, $${n + 9}, $${n + 10})`;
  });
  await getDb().$executeRawUnsafe(`INSERT INTO "QuoteLog" (${COLUMN_LIST}) VALUES ${tuples.join(", ")}`, ...params);
}

// ---------------------------------------------------------------------------------------------------------------
// SQLite: a worker thread with its own connection (WAL, set by app/db/sqlite-tuning.server.ts, lets it write while
// the main connection reads). createdAt is stored as unixepoch-ms, as the Prisma adapter is configured to.

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const crypto = require("node:crypto");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
db.pragma("foreign_keys = ON");
const one = db.prepare('INSERT INTO "QuoteLog" ("id", "shopId", "createdAt", "fingerprint", "zoneId", "destination", "sources", "rates", "fallbacks", "latencyMs") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
const insert = (r) => one.run(crypto.randomUUID(), r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]);
const many = db.transaction((rows) => { for (const r of rows) insert(r); });
parentPort.on("message", (msg) => {
  if (msg.close) { db.close(); parentPort.postMessage({ id: msg.id, written: 0 }); return; }
  let written = 0, failed = 0, error;
  for (let i = 0; i < msg.rows.length; i += ${BATCH}) {
    const batch = msg.rows.slice(i, i + ${BATCH});
    try { many(batch); written += batch.length; }
    catch (e) {
      error = String(e);
      for (const r of batch) { try { insert(r); written++; } catch { failed++; } }
    }
  }
  parentPort.postMessage({ id: msg.id, written, failed, error });
});
`;

interface SqliteWriter {
  file: string;
  write(rows: Row[]): Promise<number>;
  close(): Promise<void>;
}

let writer: SqliteWriter | null = null;

function sqliteWriter(): SqliteWriter {
  const file = sqliteFilePath(process.env.DATABASE_URL ?? "file:./waypost.sqlite");
  if (writer && writer.file === file) return writer;
  void writer?.close();
  writer = startSqliteWriter(file);
  return writer;
}

function startSqliteWriter(file: string): SqliteWriter {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
  worker.unref(); // never keeps the process alive; shutdown flushes first (closeQuoteLog)
  const waiting = new Map<number, { resolve: (n: number) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let broken: Error | null = null;
  const failAll = (error: Error) => {
    broken = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
    if (writer?.file === file) writer = null; // the next flush starts a fresh worker
  };
  worker.on("message", (msg: { id: number; written: number; failed?: number; error?: string }) => {
    if (msg.error) logger.warn("quote log batch failed; wrote rows one by one", { error: msg.error, failed: msg.failed });
    waiting.get(msg.id)?.resolve(msg.written);
    waiting.delete(msg.id);
  });
  worker.on("error", (error) => failAll(error));
  worker.on("exit", (code) => failAll(new Error(`quote log writer exited (${code})`)));
  const send = (msg: object) =>
    new Promise<number>((resolve, reject) => {
      if (broken) return reject(broken);
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.ref(); // keep the process alive until the answer arrives
      worker.postMessage({ id, ...msg });
    }).finally(() => {
      if (waiting.size === 0) worker.unref();
    });
  return {
    file,
    write: (rows) => send({ rows }),
    async close() {
      await send({ close: true }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
