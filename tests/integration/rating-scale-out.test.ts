// Scale-out (issue 12): with REDIS_URL, instances share source quotes through Redis and hear about configuration
// changes on a Redis channel; Redis being down or slow never fails checkout. Two rating services stand in for
// two instances: each has its own in-memory caches and its own Redis connections, and both use one database
// (PostgreSQL when TEST_DATABASE_URL is set). Runs against the local Redis (127.0.0.1:6379); skipped with a
// notice where none answers. No timing is asserted: convergence is polled up to a generous deadline.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig, rateRequestBody } from "../helpers/fixtures";
import { hmacOf } from "../helpers/shopify";
import { startSlowRedis, unusedPort, type SlowRedis } from "../fakes/redis-slow";
import type { RateSource } from "~/carriers/carrier";
import { getDb } from "~/db.server";
import { connectRedis } from "~/services/redis-connection.server";
import { redisConfigInvalidations } from "~/services/rating/config-invalidation.server";
import { RedisQuoteCache } from "~/services/rating/redis-quote-cache.server";
import { createRatingService, ratingDeps, type RatingService } from "~/services/rating/service.server";
import { saveShippingSetup } from "~/services/shipping-config.server";
import { redisAnswers, TEST_REDIS_URL } from "../helpers/redis";

const REDIS = TEST_REDIS_URL;
const SHOP = "scale-out.myshopify.com";
const db = useTestDatabase();
let available = false;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  await db.ready();
  await getDb().shop.create({ data: { domain: SHOP } });
  expect((await saveShippingSetup(SHOP, demoShippingConfig())).ok).toBe(true);
  available = await redisAnswers("scale-out tests", REDIS);
});
afterAll(async () => {
  for (const close of closers) await close();
});

/** One "instance": its own rating service, Redis connections and caches; counts the quotes its sources compute. */
function instance(o: { redisUrl: string; namespace: string; now?: () => number; deadlineMs?: number }) {
  const commands = connectRedis(o.redisUrl, "cache");
  const subscriber = connectRedis(o.redisUrl, "subscriber");
  const quoteCache = new RedisQuoteCache({ redis: commands, namespace: `${o.namespace}quote:`, deadlineMs: o.deadlineMs });
  const invalidations = redisConfigInvalidations({ publisher: commands, subscriber, channel: `${o.namespace}config` });
  let sourceCalls = 0;
  // A decorated source is not in-memory, so its quotes go through the shared cache like a live carrier's.
  const counting = (s: RateSource): RateSource => ({ id: s.id, rate: (req, opts) => (sourceCalls++, s.rate(req, opts)) });
  const rating: RatingService = createRatingService(
    ratingDeps({ quoteCache, invalidations, sourceDecorator: counting, now: o.now ?? Date.now, close: async () => void commands.disconnect() }),
  );
  closers.push(() => rating.close());
  // The cache connection refuses commands until it is connected (checkout never waits for Redis).
  const connected = commands.status === "ready" ? Promise.resolve() : new Promise<void>((r) => commands.once("ready", () => r()));
  return { rating, quoteCache, invalidations, connected, calls: () => sourceCalls };
}

function rateCart(rating: RatingService, postal: string) {
  const raw = JSON.stringify(rateRequestBody({ postal }));
  return rating.handleRateCallback({ rawBody: Buffer.from(raw), hmac: hmacOf(raw), shopDomain: SHOP, timeoutHeader: null, receivedAt: performance.now() });
}

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, deadlineMs = 10_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("two instances with Redis", () => {
  it("share source quotes: a cart rated on one instance is not recomputed on the other", async (ctx) => {
    if (!available) return ctx.skip();
    const ns = `waypost-test:${randomUUID()}:`;
    const a = instance({ redisUrl: REDIS, namespace: ns, deadlineMs: 2_000 });
    const b = instance({ redisUrl: REDIS, namespace: ns, deadlineMs: 2_000 });
    await Promise.all([a.connected, b.connected]);
    const first = await rateCart(a.rating, "94107");
    expect(first.status).toBe(200);
    expect(a.calls()).toBeGreaterThan(0);
    // The write to Redis is not awaited by checkout; wait until it landed before asking the other instance.
    const keys = quoteKeys(a);
    expect(keys.length).toBeGreaterThan(0);
    const probe = new RedisQuoteCache({ redis: rawClient(), namespace: `${ns}quote:`, deadlineMs: 2_000 });
    await eventually(async () => (await Promise.all(keys.map((k) => probe.get(k)))).every(Boolean), (all) => all);
    const second = await rateCart(b.rating, "94107");
    expect(second.status).toBe(200);
    expect(JSON.parse(second.body)).toEqual(JSON.parse(first.body));
    expect(b.calls()).toBe(0);
    expect(b.quoteCache.stats().redisHits).toBeGreaterThan(0);
  });

  it("see a configuration change made through the other instance, by the invalidation message", async (ctx) => {
    if (!available) return ctx.skip();
    const ns = `waypost-test:${randomUUID()}:`;
    const a = instance({ redisUrl: REDIS, namespace: ns });
    // B's clock stands still, so its own once-a-second revalidation never runs: only the message can tell it.
    const frozen = Date.now();
    const b = instance({ redisUrl: REDIS, namespace: ns, now: () => frozen });
    await Promise.all([a.invalidations, b.invalidations].map((bus) => (bus as unknown as { subscribed: Promise<void> }).subscribed));
    const zoneName = async (r: RatingService) => (await r.compiledShop(SHOP))?.config.zones[0]?.name;
    const before = await zoneName(b.rating);
    expect(await zoneName(a.rating)).toBe(before);

    const shop = await getDb().shop.findUniqueOrThrow({ where: { domain: SHOP } });
    const config = structuredClone(shop.shippingConfig) as { zones: { name: string }[] };
    config.zones[0].name = `Renamed ${randomUUID().slice(0, 8)}`;
    // The stored version is left as it is, so nothing but the message can make B reload.
    await getDb().shop.update({ where: { id: shop.id, domain: SHOP }, data: { shippingConfig: config } });
    a.rating.invalidateShopConfig(SHOP);

    expect(await zoneName(a.rating)).toBe(config.zones[0].name);
    expect(await eventually(() => zoneName(b.rating), (name) => name === config.zones[0].name)).toBe(config.zones[0].name);
  });
});

describe("Redis unavailable", () => {
  it("answers checkout from the sources when nothing listens on the Redis port, and opens the circuit", async () => {
    const ns = `waypost-test:${randomUUID()}:`;
    const down = instance({ redisUrl: `redis://127.0.0.1:${await unusedPort()}`, namespace: ns });
    for (const postal of ["10001", "10002", "10003", "10004"]) {
      const answer = await rateCart(down.rating, postal);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).rates.length).toBeGreaterThan(0);
    }
    expect(down.quoteCache.stats()).toEqual(expect.objectContaining({ redisHits: 0, circuit: "open" }));
    // Without Redis the in-memory L1 still caches: the same cart again computes nothing.
    const calls = down.calls();
    expect((await rateCart(down.rating, "10001")).status).toBe(200);
    expect(down.calls()).toBe(calls);
    // A failed publish is logged, never thrown into the admin save.
    expect(() => down.rating.invalidateShopConfig(SHOP)).not.toThrow();
  });

  describe("a Redis that accepts connections but answers slowly", () => {
    let slow: SlowRedis;
    beforeAll(async () => {
      slow = await startSlowRedis(5_000);
    });
    afterAll(async () => {
      await slow.close();
    });

    it("does not wait for it: reads past the deadline are misses, and after a few the circuit stops asking", async () => {
      const ns = `waypost-test:${randomUUID()}:`;
      const lagging = instance({ redisUrl: slow.url, namespace: ns, deadlineMs: 50 });
      await lagging.connected; // connected (the handshake is answered at once), so commands are really sent
      for (const postal of ["20001", "20002", "20003", "20004", "20005"]) {
        const answer = await rateCart(lagging.rating, postal);
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body).rates.length).toBeGreaterThan(0);
      }
      const stats = lagging.quoteCache.stats();
      expect(slow.commands.length).toBeGreaterThan(0); // it was asked, and did not answer in time
      expect(stats.circuit).toBe("open");
      expect(stats.skipped).toBeGreaterThan(0);
      // While open, no command reaches Redis.
      const sent = slow.commands.length;
      await rateCart(lagging.rating, "20006");
      expect(slow.commands.length).toBe(sent);
    });
  });
});

describe("values read from Redis are untrusted", () => {
  it("ignores a value that is not a quote, and one that is too large", async (ctx) => {
    if (!available) return ctx.skip();
    const ns = `waypost-test:${randomUUID()}:`;
    const raw = rawClient();
    const cache = new RedisQuoteCache({ redis: raw, namespace: ns, deadlineMs: 2_000 });
    await raw.set(cache.redisKey("k1"), JSON.stringify({ v: 1, exp: Date.now() + 60_000, r: { quotes: [{ serviceCode: "x", price: { amount: -5, currency: "USD" } }], messages: [], latencyMs: 1, outcome: "ok" } }), "PX", 60_000);
    await raw.set(cache.redisKey("k2"), "{not json", "PX", 60_000);
    await raw.set(cache.redisKey("k3"), "x".repeat(70_000), "PX", 60_000);
    expect(await cache.get("k1")).toBeUndefined();
    expect(await cache.get("k2")).toBeUndefined();
    expect(await cache.get("k3")).toBeUndefined();
    expect(cache.stats().failures).toBe(3);

    const good = { quotes: [{ serviceCode: "x", price: { amount: 500, currency: "USD" } }], messages: [], latencyMs: 1, outcome: "ok" as const };
    cache.set("k4", good, 60_000);
    const other = new RedisQuoteCache({ redis: raw, namespace: ns, deadlineMs: 2_000 });
    expect(await eventually(async () => (await other.get("k4")) ?? null, (v) => v !== null)).toEqual(good);
    expect(cache.redisKey("a".repeat(10_000)).length).toBe(cache.redisKey("a").length);
  });
});

/** The quote keys instance A has cached (its in-memory L1). */
function quoteKeys(a: ReturnType<typeof instance>): string[] {
  const l1 = (a.quoteCache as unknown as { l1: { entries: Map<string, unknown> } }).l1;
  return [...l1.entries.keys()];
}

function rawClient() {
  const raw = new Redis(REDIS);
  closers.push(async () => raw.disconnect());
  return raw;
}
