// The quote cache shared by every instance through Redis (REDIS_URL, scale-out), behind a small in-memory LRU
// (L1) so a hot key costs no round trip. Redis is an optimisation, never a dependency of checkout:
//   - every command has a short deadline; a late, failed or refused command is a miss (reads) or nothing
//     (writes), and the L1 keeps serving;
//   - after a few failures in a row the circuit opens and Redis is not asked at all for a while;
//   - commands in flight are capped, so a Redis that stops answering cannot pile up work in this process.
// What Redis returns is untrusted: it is size-checked, JSON-parsed and zod-parsed before use, and anything
// else is a miss. Keys are a SHA-256 of the quote key (bounded size, no merchant data in key names); values
// carry their absolute expiry, so the L1 keeps a Redis hit no longer than Redis itself would. TTLs are set with PX.
// Single flight stays per process (rate-shop.ts): instances do not coordinate in-flight carrier calls.
import { createHash } from "node:crypto";
import { z } from "zod";
import { RateResultSchema, type SafeRateResult } from "~/carriers/carrier";
import { RedisGuard } from "~/lib/redis-guard";
import { logger } from "~/lib/logger.server";
import { MemoryQuoteCache, type QuoteCache } from "./quote-cache";

/** The two commands the cache needs (ioredis implements them), so tests can pass any client. */
export interface QuoteCacheRedis {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, px: "PX", ms: number): Promise<unknown>;
}

export interface RedisQuoteCacheOptions {
  redis: QuoteCacheRedis;
  /** Key prefix, so several deployments can share one Redis. */
  namespace?: string;
  /** Entries of the in-memory L1. */
  l1Entries?: number;
  /** How long a Redis command may take before it counts as a miss. */
  deadlineMs?: number;
  failuresToOpen?: number;
  openMs?: number;
  maxInFlight?: number;
  now?: () => number;
}

export interface QuoteCacheStats {
  l1Hits: number;
  redisHits: number;
  misses: number;
  /** Failed, late or refused commands, and untrusted values thrown away. */
  failures: number;
  skipped: number;
  circuit: RedisGuard["state"];
}

const MAX_VALUE_BYTES = 64 * 1024;
const StoredSchema = z.object({
  v: z.literal(1),
  /** Absolute expiry (epoch ms). */
  exp: z.number().int().positive(),
  r: RateResultSchema.extend({ latencyMs: z.number().nonnegative(), outcome: z.enum(["ok", "timeout", "error", "aborted"]) }),
});

export class RedisQuoteCache implements QuoteCache {
  private readonly l1: MemoryQuoteCache;
  private readonly guard: RedisGuard;
  private readonly namespace: string;
  private readonly now: () => number;
  private readonly counts = { l1Hits: 0, redisHits: 0, misses: 0, untrusted: 0 };

  constructor(private readonly o: RedisQuoteCacheOptions) {
    this.now = o.now ?? Date.now;
    this.l1 = new MemoryQuoteCache(o.l1Entries ?? 2_000, this.now);
    this.guard = new RedisGuard({
      deadlineMs: o.deadlineMs,
      failuresToOpen: o.failuresToOpen,
      openMs: o.openMs,
      maxInFlight: o.maxInFlight,
      now: this.now,
      onOpen: (error) => logger.warn("shared quote cache unavailable; using the in-memory cache", { error: String(error) }),
    });
    this.namespace = o.namespace ?? "waypost:quote:v1:";
  }

  /** The Redis key of a quote key: fixed length whatever the cart. */
  redisKey(key: string): string {
    return this.namespace + createHash("sha256").update(key).digest("base64url");
  }

  get(key: string): SafeRateResult | undefined | Promise<SafeRateResult | undefined> {
    const local = this.l1.get(key);
    if (local) {
      this.counts.l1Hits++;
      return local;
    }
    return this.fromRedis(key);
  }

  set(key: string, value: SafeRateResult, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this.l1.set(key, value, ttlMs);
    const text = JSON.stringify({ v: 1, exp: Math.round(this.now() + ttlMs), r: value });
    if (text.length > MAX_VALUE_BYTES) return;
    void this.guard.run(() => this.o.redis.set(this.redisKey(key), text, "PX", Math.ceil(ttlMs))).catch(() => {});
  }

  stats(): QuoteCacheStats {
    const { untrusted, ...counts } = this.counts;
    return { ...counts, failures: this.guard.failures + untrusted, skipped: this.guard.skipped, circuit: this.guard.state };
  }

  private async fromRedis(key: string): Promise<SafeRateResult | undefined> {
    let raw: string | null;
    try {
      raw = await this.guard.run(() => this.o.redis.get(this.redisKey(key)));
    } catch {
      this.counts.misses++;
      return undefined;
    }
    const value = raw === null ? undefined : this.trusted(raw);
    if (!value) {
      this.counts.misses++;
      return undefined;
    }
    this.counts.redisHits++;
    this.l1.set(key, value.r, value.exp - this.now());
    return value.r;
  }

  private trusted(raw: string) {
    if (raw.length > MAX_VALUE_BYTES) return this.untrusted("oversized");
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return this.untrusted("not JSON");
    }
    const parsed = StoredSchema.safeParse(json);
    if (!parsed.success) return this.untrusted("not a quote");
    return parsed.data.exp > this.now() ? parsed.data : undefined;
  }

  private untrusted(why: string): undefined {
    this.counts.untrusted++;
    logger.warn("ignored a shared quote-cache value", { why });
    return undefined;
  }
}
