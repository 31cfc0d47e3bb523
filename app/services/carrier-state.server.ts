// The database-backed CarrierStateStore (app/carriers/connector.ts): one CarrierState row per key, shared by every
// instance on the same database. `update` is compare-and-set on the row's version: read, compute, then
// `UPDATE … WHERE key = ? AND version = ?`; if another instance won the race the update touches no row and we
// re-read and recompute. The conditional UPDATE is atomic on PostgreSQL and on SQLite alike, so there is one code
// path for both backends and no lock is held across a carrier call. Values are sealed at rest (they hold tokens).
import type { CarrierStateStore } from "~/carriers/connector";
import type { Db } from "~/db.server";
import type { Redis } from "ioredis";
import { env } from "~/env.server";
import { seal, unseal } from "~/lib/secrets.server";
import { redisCarrierState } from "./redis-carrier-state.server";
import { connectRedis } from "./redis-connection.server";

const MAX_ATTEMPTS = 25;
const context = (key: string) => `carrier-state:${key}`;

const isUniqueViolation = (e: unknown) => typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";

function open(row: { key: string; value: string } | null): unknown {
  if (!row) return null;
  try {
    return JSON.parse(unseal(row.value, context(row.key)));
  } catch {
    // A value sealed with a retired key, or damaged: start the key over rather than failing every quote.
    return null;
  }
}

export function databaseCarrierState(db: Db): CarrierStateStore {
  return {
    async update(key, fn) {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const row = await db.carrierState.findUnique({ where: { key } });
        const { value, result } = fn(open(row));
        const sealed = seal(JSON.stringify(value), context(key));
        if (!row) {
          try {
            await db.carrierState.create({ data: { key, value: sealed } });
            return result;
          } catch (e) {
            if (isUniqueViolation(e)) continue;
            throw e;
          }
        }
        const updated = await db.carrierState.updateMany({ where: { key, version: row.version }, data: { value: sealed, version: row.version + 1 } });
        if (updated.count === 1) return result;
        // Lost the race: a short, growing pause spreads out instances that collide again.
        await new Promise((r) => setTimeout(r, attempt * 2 + Math.random() * 3));
      }
      throw new Error(`carrier state "${key}" stayed contended for ${MAX_ATTEMPTS} attempts`);
    },
    async read(key) {
      return open(await db.carrierState.findUnique({ where: { key } }));
    },
  };
}

/** Forgets every key under a prefix (a disconnected account's token and ledger). */
export async function deleteCarrierState(db: Db, keyPrefix: string): Promise<number> {
  if (!keyPrefix) throw new Error("deleteCarrierState needs a key prefix");
  const deleted = await db.carrierState.deleteMany({ where: { key: { startsWith: keyPrefix } } });
  return deleted.count;
}

// ---- the store this process uses -------------------------------------------------------------------------------

type RedisStore = ReturnType<typeof redisCarrierState>;
let redisStore: { url: string; client: Redis; store: RedisStore } | undefined;

/**
 * One Redis client per process for carrier state, made by the one connection factory (role "commands": commands
 * queue while reconnecting and fail after a couple of retries, one warning per outage). A failed command surfaces
 * as a carrier message. `connect` is the factory unless a test passes its own.
 */
function configuredRedis(connect: typeof connectRedis = connectRedis): RedisStore | undefined {
  const url = env().REDIS_URL;
  if (!url) return undefined;
  if (redisStore?.url !== url) {
    redisStore?.client.disconnect();
    const client = connect(url, "commands");
    redisStore = { url, client, store: redisCarrierState(client) };
  }
  return redisStore.store;
}

/** Redis when REDIS_URL is set (scale-out), the database otherwise (the embedded default needs no Redis). */
export function sharedCarrierState(db: Db, connect?: typeof connectRedis): CarrierStateStore {
  return configuredRedis(connect) ?? databaseCarrierState(db);
}

/** Forgets a prefix wherever carrier state may live: the database always, Redis when configured. */
export async function deleteSharedCarrierState(db: Db, keyPrefix: string): Promise<number> {
  const fromDb = await deleteCarrierState(db, keyPrefix);
  const redis = configuredRedis();
  return fromDb + (redis ? await redis.deletePrefix(keyPrefix) : 0);
}

/** Closes the process's carrier-state Redis client (shutdown, tests); the next use connects again. */
export function closeSharedCarrierState(): void {
  redisStore?.client.disconnect();
  redisStore = undefined;
}
