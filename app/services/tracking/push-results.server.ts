// Group commit for push results. Each finished push hands its result here and waits; results that finish while a
// write is running (or in the same turn of the event loop) go out together in the next transaction. Under a burst
// this turns ~4 statements per delivery (begin, attempt insert, fenced update, commit) into ~4 per batch; when
// pushes are rare a result is written at once, alone, with no added wait.
import type { Db } from "~/db.server";
import { commitSerially } from "~/db/tracking-sql.server";
import { writePushResults, type PushResultRow } from "~/db/outbox-results.server";
import { logger } from "~/lib/logger.server";

export type { PushResultRow };

export interface PushResultWriter {
  /** Resolves true when the row's new state was applied, false when its lease no longer held (fenced). */
  write(row: PushResultRow): Promise<boolean>;
}

interface Waiting {
  row: PushResultRow;
  resolve: (applied: boolean) => void;
  reject: (error: unknown) => void;
}

/** Results per transaction: two statements for up to 200 rows each (see outbox-results.server.ts). */
const MAX_BATCH = 200;

export function pushResultWriter(db: Pick<Db, "$queryRaw" | "$transaction">, opts: { maxBatch?: number } = {}): PushResultWriter {
  const maxBatch = Math.max(1, opts.maxBatch ?? MAX_BATCH);
  let queue: Waiting[] = [];
  let flushing = false;

  // SQLite has one writer: the batch commits in turn with the planner's transactions (commitSerially).
  const commit = (rows: PushResultRow[]) => commitSerially(() => writePushResults(db, rows));

  const flush = async () => {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        const applied = await commit(batch.map((w) => w.row));
        for (const w of batch) w.resolve(applied.has(w.row.id));
      } catch (error) {
        // One result that cannot be written must not fail the others: write them one by one.
        logger.warn("outbox result batch failed; writing one by one", { rows: batch.length, error: String(error) });
        // A result that is not written leaves its row in flight, to be pushed again when the lease lapses (a
        // duplicate push): each gets a second try before its push reports the error.
        for (const w of batch) {
          try {
            w.resolve((await commit([w.row]).catch(() => commit([w.row]))).has(w.row.id));
          } catch (rowError) {
            w.reject(rowError);
          }
        }
      }
    }
    flushing = false;
  };

  return {
    write(row) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ row, resolve, reject });
        if (flushing) return;
        flushing = true;
        // Let the other pushes that finished in this turn of the event loop join the first batch.
        setImmediate(() => void flush());
      });
    },
  };
}

const writers = new WeakMap<object, PushResultWriter>();

/** The process's writer for this database, shared by the worker and one-off passes so their results batch together. */
export function resultWriterFor(db: Pick<Db, "$queryRaw" | "$transaction">): PushResultWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = pushResultWriter(db);
    writers.set(db, writer);
  }
  return writer;
}
