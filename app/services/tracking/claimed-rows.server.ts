// Reads the rows (with their channel connection) of pushes that start together in one query. The worker starts
// every push its claim allows in one go, so under load this is one SELECT per claim instead of one per push.
import type { Db } from "~/db.server";

type RowsDb = Pick<Db, "outboxMessage">;
type ClaimedMessage = NonNullable<Awaited<ReturnType<typeof readRows>>[number]>;

const readRows = (db: RowsDb, ids: string[]) => db.outboxMessage.findMany({ where: { id: { in: ids } }, include: { channel: true } });

export interface ClaimedRowLoader {
  /** The row with its channel, or null when it no longer exists. */
  load(id: string): Promise<ClaimedMessage | null>;
}

type Waiter = { resolve: (row: ClaimedMessage | null) => void; reject: (error: unknown) => void };

export function claimedRowLoader(db: RowsDb): ClaimedRowLoader {
  let batch: Map<string, Waiter[]> | null = null;
  const run = async (waiting: Map<string, Waiter[]>) => {
    try {
      const rows = new Map((await readRows(db, [...waiting.keys()])).map((r) => [r.id, r]));
      for (const [id, waiters] of waiting) waiters.forEach((w) => w.resolve(rows.get(id) ?? null));
    } catch (error) {
      for (const waiters of waiting.values()) waiters.forEach((w) => w.reject(error));
    }
  };
  return {
    load(id) {
      return new Promise((resolve, reject) => {
        if (!batch) {
          const current = new Map<string, Waiter[]>();
          batch = current;
          // The pushes started in this turn of the event loop join the same query.
          setImmediate(() => {
            batch = null;
            void run(current);
          });
        }
        batch.set(id, [...(batch.get(id) ?? []), { resolve, reject }]);
      });
    },
  };
}

const loaders = new WeakMap<object, ClaimedRowLoader>();

/** The process's loader for this database (shared by the worker and one-off passes). */
export function claimedRowLoaderFor(db: RowsDb): ClaimedRowLoader {
  let loader = loaders.get(db);
  if (!loader) {
    loader = claimedRowLoader(db);
    loaders.set(db, loader);
  }
  return loader;
}
