// Rate details shared by every instance through Redis (REDIS_URL, scale-out). The callback that answered a rate
// and the checkout extension's request that reads its breakdown may reach different instances; with one store per
// process the extension would then find nothing. Each cart is one Redis hash (field = service code, value = the
// entry as JSON) under a key made of a SHA-256 of shop and cart, expiring with the entries' TTL.
// Redis stays optional on the checkout path: every command runs under the RedisGuard (deadline, in-flight cap,
// circuit breaker), writes go to this process's memory store as well, and a read falls back to it when Redis
// fails. What Redis returns is untrusted: size-checked, JSON-parsed and zod-parsed, and anything else is ignored.
import { createHash } from "node:crypto";
import { z } from "zod";
import { logger } from "~/lib/logger.server";
import { RedisGuard, type RedisGuardOptions } from "~/lib/redis-guard";
import { MemoryRateDetailsStore, type RateDetails, type RateDetailsStore } from "./rate-details.server";

/** The hash commands the store needs (ioredis implements them), so tests can pass any client. */
export interface RateDetailsRedis {
  hset(key: string, values: Record<string, string>): Promise<unknown>;
  pexpire(key: string, ms: number): Promise<unknown>;
  hget(key: string, field: string): Promise<string | null>;
  hgetall(key: string): Promise<Record<string, string>>;
}

export interface RedisRateDetailsOptions extends RedisGuardOptions {
  redis: RateDetailsRedis;
  /** Key prefix, so several deployments can share one Redis. */
  namespace?: string;
  /** How long a cart's entries live (the memory store's default: thank-you pages come minutes later). */
  ttlMs?: number;
}

const MAX_VALUE_BYTES = 16 * 1024;
const TTL_MS = 2 * 60 * 60 * 1000;

const StoredSchema = z.object({
  serviceCode: z.string().min(1).max(200),
  incoterm: z.enum(["DDP", "DAP"]).nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  rateTotal: z.number().int(),
  charges: z.array(z.object({ kind: z.enum(["duty", "tax", "fee"]), amount: z.number().int(), payable: z.enum(["prepaid", "on_delivery"]) })).max(50),
  estimate: z.boolean(),
  delivery: z.object({ earliest: z.string().max(10), latest: z.string().max(10) }).nullable(),
  computedAt: z.iso.datetime().transform((s) => new Date(s)),
});

export class RedisRateDetailsStore implements RateDetailsStore {
  private readonly local: MemoryRateDetailsStore;
  private readonly guard: RedisGuard;
  private readonly namespace: string;
  private readonly ttlMs: number;

  constructor(private readonly o: RedisRateDetailsOptions) {
    this.ttlMs = o.ttlMs ?? TTL_MS;
    this.local = new MemoryRateDetailsStore({ ttlMs: this.ttlMs, now: o.now });
    this.guard = new RedisGuard({ ...o, onOpen: (error) => logger.warn("shared rate details unavailable; using this instance's", { error: String(error) }) });
    this.namespace = o.namespace ?? "waypost:rate-details:v1:";
  }

  /** The Redis key of a cart: fixed length, no shop or cart data in key names. */
  redisKey(shop: string, cartKey: string): string {
    return this.namespace + createHash("sha256").update(`${shop}\u0000${cartKey}`).digest("base64url");
  }

  async put(shop: string, cartKey: string, ...all: RateDetails[]): Promise<void> {
    await this.local.put(shop, cartKey, ...all);
    const values: Record<string, string> = {};
    for (const details of all) {
      const text = JSON.stringify(details);
      if (text.length <= MAX_VALUE_BYTES) values[details.serviceCode] = text;
    }
    if (Object.keys(values).length === 0) return;
    const key = this.redisKey(shop, cartKey);
    try {
      await this.guard.run(() => this.o.redis.hset(key, values));
      await this.guard.run(() => this.o.redis.pexpire(key, this.ttlMs));
    } catch {
      // This instance still has them; another instance asked for them finds nothing, as without Redis.
    }
  }

  async get(shop: string, cartKey: string, serviceCode: string): Promise<RateDetails | undefined> {
    const local = await this.local.get(shop, cartKey, serviceCode);
    if (local) return local;
    try {
      const raw = await this.guard.run(() => this.o.redis.hget(this.redisKey(shop, cartKey), serviceCode));
      return raw === null ? undefined : this.trusted(raw, serviceCode);
    } catch {
      return undefined;
    }
  }

  async list(shop: string, cartKey: string): Promise<RateDetails[]> {
    let shared: Record<string, string>;
    try {
      shared = await this.guard.run(() => this.o.redis.hgetall(this.redisKey(shop, cartKey)));
    } catch {
      return this.local.list(shop, cartKey);
    }
    const found = new Map<string, RateDetails>();
    for (const [code, raw] of Object.entries(shared)) {
      const details = this.trusted(raw, code);
      if (details) found.set(code, details);
    }
    // Entries this instance wrote but Redis refused stay visible here.
    for (const details of await this.local.list(shop, cartKey)) if (!found.has(details.serviceCode)) found.set(details.serviceCode, details);
    return [...found.values()].sort((a, b) => b.computedAt.getTime() - a.computedAt.getTime());
  }

  private trusted(raw: string, serviceCode: string): RateDetails | undefined {
    let json: unknown;
    try {
      if (raw.length > MAX_VALUE_BYTES) throw new Error("oversized");
      json = JSON.parse(raw);
    } catch (error) {
      logger.warn("ignored a shared rate-details value", { why: String(error) });
      return undefined;
    }
    const parsed = StoredSchema.safeParse(json);
    if (!parsed.success || parsed.data.serviceCode !== serviceCode) {
      logger.warn("ignored a shared rate-details value", { why: "not rate details" });
      return undefined;
    }
    return parsed.data;
  }
}
