// Every rate callback is recorded, but never on the response path: entries are buffered in memory and written
// in batches after the response, and old entries are purged past the retention limit.
import { getDb } from "~/db.server";
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
const BATCH = 500;
let buffer: QuoteLogEntry[] = [];
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
    await getDb().quoteLog.createMany({
      data: batch.map((e) => ({ ...e, sources: e.sources as never, rates: e.rates as never, latencyMs: Math.round(e.latencyMs) })),
    });
  } catch (error) {
    // A shop deleted meanwhile (shop/redact) fails the foreign key: retry row by row so the rest still lands.
    for (const e of batch) {
      await getDb()
        .quoteLog.create({ data: { ...e, sources: e.sources as never, rates: e.rates as never, latencyMs: Math.round(e.latencyMs) } })
        .catch(() => undefined);
    }
    logger.warn("quote log batch failed; wrote rows one by one", { error: String(error), rows: batch.length });
  }
  if (dropped > 0) {
    logger.warn("quote log entries dropped while the buffer was full", { dropped });
    dropped = 0;
  }
  return batch.length + (buffer.length > 0 ? await flushQuoteLog() : 0);
}

export async function purgeQuoteLog(retentionDays: number) {
  const before = new Date(Date.now() - retentionDays * 86_400_000);
  const { count } = await getDb().quoteLog.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}

export function pendingQuoteLogEntries() {
  return buffer.length;
}
