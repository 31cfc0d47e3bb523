// With REDIS_URL, the rate details the callback writes are shared through Redis, so the checkout extension finds a
// rate's breakdown whichever instance its request reaches. Runs against the local Redis (127.0.0.1:6379; skipped
// with a note when it is not there); every test uses its own key namespace. Redis down: see the last test.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unusedPort } from "../fakes/redis-slow";
import { redisAnswers, TEST_REDIS_URL } from "../helpers/redis";
import { cartKey, findRateDetails, type RateDetails } from "~/services/checkout/rate-details.server";
import { RedisRateDetailsStore } from "~/services/checkout/redis-rate-details.server";
import { connectRedis } from "~/services/redis-connection.server";

const REDIS = TEST_REDIS_URL;
const SHOP = "rate-details.myshopify.com";
let available = false;
const clients: Redis[] = [];

beforeAll(async () => {
  available = await redisAnswers("shared rate-details tests");
});
afterAll(() => clients.forEach((c) => c.disconnect()));

/** One instance's store on its own "cache" connection, as scaleOutDeps builds it. */
async function instanceStore(namespace: string, url = REDIS) {
  const redis = connectRedis(url, "cache");
  clients.push(redis);
  if (url === REDIS) await new Promise<void>((resolve) => (redis.status === "ready" ? resolve() : redis.once("ready", () => resolve())));
  return { store: new RedisRateDetailsStore({ redis, namespace, deadlineMs: 2_000 }), redis };
}

const details = (serviceCode: string, computedAt: Date, over: Partial<RateDetails> = {}): RateDetails => ({
  serviceCode,
  incoterm: "DDP",
  currency: "EUR",
  rateTotal: 2_450,
  charges: [{ kind: "duty", amount: 310, payable: "prepaid" }, { kind: "tax", amount: 540, payable: "prepaid" }],
  estimate: true,
  delivery: { earliest: "2026-12-07", latest: "2026-12-09" },
  computedAt,
  ...over,
});

describe("rate details shared through Redis", () => {
  it("are found by another instance, by service code and for the whole cart, newest first", async (ctx) => {
    if (!available) return ctx.skip();
    const ns = `waypost-test:${randomUUID()}:`;
    const a = await instanceStore(ns);
    const b = await instanceStore(ns);
    const key = cartKey("DE", [{ variantId: 11, quantity: 2 }]);
    await a.store.put(SHOP, key, details("eu-ddp", new Date("2026-12-02T10:00:00Z")), details("eu-dap", new Date("2026-12-02T11:00:00Z"), { incoterm: "DAP", charges: [] }));

    expect(await b.store.get(SHOP, key, "eu-ddp")).toEqual(details("eu-ddp", new Date("2026-12-02T10:00:00Z")));
    expect((await b.store.list(SHOP, key)).map((d) => d.serviceCode)).toEqual(["eu-dap", "eu-ddp"]);
    // The extension's route asks with a gid and finds the same cart.
    const wire = await findRateDetails({ shop: SHOP, country: "DE", lines: [{ variantId: "gid://shopify/ProductVariant/11", quantity: 2 }], code: "eu-ddp" }, b.store);
    expect(wire).toHaveLength(1);
    expect(wire[0]).toMatchObject({ code: "eu-ddp", incoterm: "DDP", rateTotal: { amount: "24.50", currencyCode: "EUR" } });
    // Another shop's or another cart's entries are not there.
    expect(await b.store.list("other.myshopify.com", key)).toEqual([]);
    expect(await b.store.list(SHOP, cartKey("DE", [{ variantId: 11, quantity: 3 }]))).toEqual([]);
    // The cart's hash expires with the entries (2 hours by default), and its key names no shop or cart.
    const redisKey = a.store.redisKey(SHOP, key);
    expect(redisKey).not.toContain(SHOP);
    const ttl = await a.redis.pttl(redisKey);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2 * 60 * 60 * 1000);
  });

  it("ignore values in Redis that are not rate details", async (ctx) => {
    if (!available) return ctx.skip();
    const ns = `waypost-test:${randomUUID()}:`;
    const { store, redis } = await instanceStore(ns);
    const key = cartKey("DE", [{ variantId: 12, quantity: 1 }]);
    await redis.hset(store.redisKey(SHOP, key), {
      "not-json": "{oops",
      "bad-total": JSON.stringify({ ...details("bad-total", new Date()), rateTotal: 1.5 }),
      "wrong-code": JSON.stringify(details("someone-else", new Date())),
      good: JSON.stringify(details("good", new Date("2026-12-02T09:00:00Z"))),
    });
    expect(await store.get(SHOP, key, "not-json")).toBeUndefined();
    expect(await store.get(SHOP, key, "bad-total")).toBeUndefined();
    expect(await store.get(SHOP, key, "wrong-code")).toBeUndefined();
    expect((await store.list(SHOP, key)).map((d) => d.serviceCode)).toEqual(["good"]);
  });
});

describe("rate details when Redis is down", () => {
  it("are still written and read by the instance that answered the rate, and no call fails", async () => {
    const { store } = await instanceStore(`waypost-test:${randomUUID()}:`, `redis://127.0.0.1:${await unusedPort()}`);
    const key = cartKey("CA", [{ variantId: 13, quantity: 1 }]);
    await store.put(SHOP, key, details("ca-ground", new Date("2026-12-02T08:00:00Z")));
    expect((await store.get(SHOP, key, "ca-ground"))?.serviceCode).toBe("ca-ground");
    expect(await store.get(SHOP, key, "unknown")).toBeUndefined();
    expect((await store.list(SHOP, key)).map((d) => d.serviceCode)).toEqual(["ca-ground"]);
  });
});
