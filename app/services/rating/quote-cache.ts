// Source quotes cached by a key over the fields that determine the price (carriers/carrier.ts quoteCacheKey),
// with a TTL, and identical concurrent lookups sharing one computation (single flight).
// In memory by default; with REDIS_URL, redis-quote-cache.server.ts shares it between instances (this class as its L1).
import type { SafeRateResult } from "~/carriers/carrier";

export interface QuoteCache {
  get(key: string): Promise<SafeRateResult | undefined> | SafeRateResult | undefined;
  set(key: string, value: SafeRateResult, ttlMs: number): void;
}

export class MemoryQuoteCache implements QuoteCache {
  private readonly entries = new Map<string, { value: SafeRateResult; expiresAt: number }>();
  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string) {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert so the Map's insertion order doubles as least-recently-used order.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, value: SafeRateResult, ttlMs: number) {
    if (ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size() {
    return this.entries.size;
  }
}

/** Runs `work` once for concurrent callers with the same key; later callers share the first one's promise. */
export class SingleFlight<T> {
  private readonly inflight = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): { promise: Promise<T>; shared: boolean } {
    const existing = this.inflight.get(key);
    if (existing) return { promise: existing, shared: true };
    const promise = work().finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return { promise, shared: false };
  }
}
