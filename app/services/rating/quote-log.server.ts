// Every rate callback is recorded, but never on the response path: entries are buffered in memory and written
// in batches after the response, and old entries are purged past the retention limit.
import crypto from "node:crypto";
import { getDb, getDbBackend } from "~/db.server";
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

const MAX_BUFFER = 5_000;
// Small batches, yielding between them: with SQLite the write runs on the event loop, and a long one would
// stall the callbacks waiting behind it.
const BATCH = 100;
const buffer: QuoteLogEntry[] = [];
let dropped = 0;

export function recordQuote(entry: QuoteLogEntry) {
  if (buffer.length >= MAX_BUFFER) {
    dropped++; // the database is behind; checkout matters more than the log
    return;
  }
  buffer.push(entry);
}

export async function flushQuoteLog(): Promise<number> {
  if (buffer.length === 0) return 0;
  const batch = buffer.splice(0, BATCH);
  try {
    await insertBatch(batch);
  } catch (error) {
    // A shop deleted meanwhile (shop/redact) fails the foreign key: retry row by row so the rest still lands.
    for (const e of batch) await insertBatch([e]).catch(() => undefined);
    logger.warn("quote log batch failed; wrote rows one by one", { error: String(error), rows: batch.length });
  }
  if (dropped > 0) {
    logger.warn("quote log entries dropped while the buffer was full", { dropped });
    dropped = 0;
  }
  if (buffer.length === 0) return batch.length;
  await new Promise((resolve) => setImmediate(resolve));
  return batch.length + (await flushQuoteLog());
}

const COLUMNS = ["id", "shopId", "createdAt", "fingerprint", "zoneId", "destination", "sources", "rates", "fallbacks", "latencyMs"];

/**
 * One multi-row INSERT per batch. Measured: Prisma's createMany spends ~0.25 ms of event-loop time per row here,
 * which at checkout volume starves the callbacks; one raw statement costs a small fraction of that.
 */
async function insertBatch(batch: QuoteLogEntry[]) {
  const postgres = getDbBackend() === "postgresql";
  const params: unknown[] = [];
  const rows = batch.map((e) => {
    const values = [
      crypto.randomUUID(),
      e.shopId,
      postgres ? e.createdAt.toISOString() : e.createdAt.getTime(), // the SQLite adapter stores unixepoch-ms
      e.fingerprint,
      e.zoneId,
      e.destination,
      JSON.stringify(e.sources),
      JSON.stringify(e.rates),
      e.fallbacks,
      Math.round(e.latencyMs),
    ];
    const placeholders = values.map((v, i) => {
      params.push(v);
      if (!postgres) return "?";
      const n = `$${params.length}`;
      return i === 2 ? `${n}::timestamp` : i === 6 || i === 7 ? `${n}::jsonb` : n;
    });
    return `(${placeholders.join(", ")})`;
  });
  const columns = COLUMNS.map((c) => `"${c}"`).join(", ");
  await getDb().$executeRawUnsafe(`INSERT INTO "QuoteLog" (${columns}) VALUES ${rows.join(", ")}`, ...params);
}

export async function purgeQuoteLog(retentionDays: number) {
  const before = new Date(Date.now() - retentionDays * 86_400_000);
  const { count } = await getDb().quoteLog.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}

export function pendingQuoteLogEntries() {
  return buffer.length;
}
