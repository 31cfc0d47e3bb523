// The carrier-state store's Redis client comes from the one connection factory (app/services/redis-connection.server.ts,
// role "commands"): the same reconnect policy and outage logging as the rating service's connections. Uses the local
// Redis (127.0.0.1:6379, as on CI) where it answers; the unreachable-Redis case needs none.
import { createServer } from "node:net";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { logger } from "~/lib/logger.server";
import { closeSharedCarrierState, sharedCarrierState } from "~/services/carrier-state.server";
import { connectRedis, type RedisRole } from "~/services/redis-connection.server";
import { useTestDatabase } from "../helpers/db";

const URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
useTestDatabase();
let available = false;

beforeAll(async () => {
  const probe = new Redis(URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  available = await probe.connect().then(() => probe.ping()).then(() => true, () => false);
  probe.disconnect();
  if (!available) process.stdout.write(`  Redis not reachable at ${URL}: the shared-state round trip is skipped\n`);
});

afterEach(() => {
  closeSharedCarrierState();
  delete process.env.REDIS_URL;
  resetEnvForTests();
});

function useRedisUrl(url: string) {
  process.env.REDIS_URL = url;
  resetEnvForTests();
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const bump = (v: unknown) => {
  const n = ((v as { n?: number } | null)?.n ?? 0) + 1;
  return { value: { n }, result: n };
};

describe("carrier state's Redis connection", () => {
  it("is made by the connection factory with the commands role, once per process", async (ctx) => {
    if (!available) return ctx.skip();
    useRedisUrl(URL);
    const roles: RedisRole[] = [];
    const connect = (url: string, role: RedisRole) => {
      roles.push(role);
      return connectRedis(url, role);
    };
    const key = `test:${randomUUID()}`;
    expect(await sharedCarrierState(getDb(), connect).update(key, bump)).toBe(1);
    expect(await sharedCarrierState(getDb(), connect).update(key, bump)).toBe(2);
    expect(roles).toEqual(["commands"]);
    // The value lives in Redis, not in the database.
    expect(await getDb().carrierState.count()).toBe(0);
    const raw = new Redis(URL);
    try {
      expect(await raw.exists(`waypost:carrier-state:${key}`)).toBe(1);
    } finally {
      raw.disconnect();
    }
  });

  it("fails a command against an unreachable Redis after the factory's retries, with one warning for the outage", async () => {
    useRedisUrl(`redis://127.0.0.1:${await closedPort()}`);
    const warn = vi.spyOn(logger, "warn");
    const store = sharedCarrierState(getDb());
    await expect(store.update(`test:${randomUUID()}`, bump)).rejects.toThrow();
    const outages = warn.mock.calls.filter(([message]) => message.startsWith("Redis connection failed"));
    warn.mockRestore();
    expect(outages).toHaveLength(1);
    expect(outages[0][1]).toMatchObject({ role: "commands", host: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
  });
});
