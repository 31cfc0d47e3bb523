// With REDIS_URL (scale-out), carrier state shared by instances lives in Redis: the same contract as the database
// store. Runs against the local Redis (127.0.0.1:6379, as on CI); skipped with a notice where none answers.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisCarrierState } from "~/services/redis-carrier-state.server";
import { redisAnswers, TEST_REDIS_URL } from "../helpers/redis";

const URL = TEST_REDIS_URL;
const clients: Redis[] = [];
let available = false;

beforeAll(async () => {
  available = await redisAnswers("Redis carrier-state tests", URL);
});
afterAll(() => clients.forEach((c) => c.disconnect()));

const client = () => {
  const c = new Redis(URL);
  clients.push(c);
  return c;
};

describe("carrier state in Redis", () => {
  it("lets two instances' updates of one key all land, each exactly once", async (ctx) => {
    if (!available) return ctx.skip();
    const ns = `waypost-test:${randomUUID()}:`;
    const [a, b] = [redisCarrierState(client(), ns), redisCarrierState(client(), ns)];
    const bump = (store: typeof a) => store.update("usps:quota:app", (v) => {
      const n = ((v as { calls?: number } | null)?.calls ?? 0) + 1;
      return { value: { calls: n }, result: n };
    });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => bump(i % 2 ? a : b)));
    expect(new Set(results).size).toBe(20);
    expect(await a.read("usps:quota:app")).toEqual({ calls: 20 });
  });

  it("keeps values sealed at rest and forgets a connection's keys by prefix", async (ctx) => {
    if (!available) return ctx.skip();
    const ns = `waypost-test:${randomUUID()}:`;
    const raw = client();
    const store = redisCarrierState(raw, ns);
    await store.update("usps:token:c1:prod", () => ({ value: { accessToken: "very-secret-token" }, result: null }));
    await store.update("usps:token:c2:prod", () => ({ value: { accessToken: "other" }, result: null }));
    expect(await raw.get(`${ns}usps:token:c1:prod`)).not.toContain("very-secret-token");
    expect(await store.read("usps:token:c1:prod")).toEqual({ accessToken: "very-secret-token" });
    expect(await store.deletePrefix("usps:token:c1:")).toBe(1);
    expect(await store.read("usps:token:c1:prod")).toBeNull();
    expect(await store.read("usps:token:c2:prod")).toEqual({ accessToken: "other" });
  });
});
