// The Redis-backed CarrierStateStore, used when REDIS_URL is set (scale-out): the same contract as the database
// store (app/services/carrier-state.server.ts), so the USPS quota ledger and cached tokens are shared by every
// instance without a database round trip per checkout. `update` is compare-and-set with a Lua script (the key
// still holds what we read, or still does not exist), retried on a lost race; no lock is held across a carrier
// call. Values are sealed at rest exactly as in the database.
import type { CarrierStateStore } from "~/carriers/connector";
import { seal, unseal } from "~/lib/secrets.server";

/** The few commands the store needs (ioredis implements them), so tests can pass any client. */
export interface RedisCommands {
  get(key: string): Promise<string | null>;
  eval(script: string, numKeys: number, ...args: string[]): Promise<unknown>;
  scan(cursor: string, match: "MATCH", pattern: string, count: "COUNT", n: number): Promise<[string, string[]]>;
  del(...keys: string[]): Promise<number>;
}

const MAX_ATTEMPTS = 25;
// ARGV[1] = what we read ("" for absent), ARGV[2] = the new sealed value.
const COMPARE_AND_SET = `local cur = redis.call('GET', KEYS[1]) or ''
if cur == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end
return 0`;

const context = (key: string) => `carrier-state:${key}`;

function open(key: string, raw: string | null): unknown {
  if (!raw) return null;
  try {
    return JSON.parse(unseal(raw, context(key)));
  } catch {
    return null; // a retired key or damage: start the key over rather than failing every quote
  }
}

export function redisCarrierState(redis: RedisCommands, namespace = "waypost:carrier-state:"): CarrierStateStore & { deletePrefix(prefix: string): Promise<number> } {
  const k = (key: string) => namespace + key;
  return {
    async update(key, fn) {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const raw = await redis.get(k(key));
        const { value, result } = fn(open(key, raw));
        const won = await redis.eval(COMPARE_AND_SET, 1, k(key), raw ?? "", seal(JSON.stringify(value), context(key)));
        if (Number(won) === 1) return result;
        await new Promise((r) => setTimeout(r, attempt * 2 + Math.random() * 3));
      }
      throw new Error(`carrier state "${key}" stayed contended for ${MAX_ATTEMPTS} attempts`);
    },
    async read(key) {
      return open(key, await redis.get(k(key)));
    },
    async deletePrefix(prefix) {
      if (!prefix) throw new Error("deletePrefix needs a key prefix");
      let cursor = "0";
      let deleted = 0;
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${k(prefix).replace(/[*?[\]\\]/g, "\\$&")}*`, "COUNT", 200);
        if (keys.length) deleted += await redis.del(...keys);
        cursor = next;
      } while (cursor !== "0");
      return deleted;
    },
  };
}
