// The one place Redis connections are made (REDIS_URL, scale-out). Each role gets the options its caller needs:
//   commands   — carrier state (quota ledgers, tokens): queue while reconnecting, a couple of retries;
//   cache      — the shared quote cache on the checkout path: never queue, never retry, fail at once when not
//                connected (the caller has a short deadline, a circuit breaker and the in-memory cache);
//   subscriber — pub/sub for configuration invalidations: reconnects forever and re-subscribes by itself.
// Connections are made by whoever owns them (the rating service, the carrier-state store) and closed by them.
import { Redis } from "ioredis";
import { logger } from "~/lib/logger.server";

export type RedisRole = "commands" | "cache" | "subscriber";

export function connectRedis(url: string, role: RedisRole): Redis {
  const redis = create(url, role);
  // ioredis emits "error" on every failed reconnect; one warning per outage is enough (and an unhandled "error"
  // event would be printed by ioredis itself). The URL may carry a password: only the host is logged.
  let warned = false;
  redis.on("error", (error: Error) => {
    if (warned) return;
    warned = true;
    logger.warn("Redis connection failed; retrying in the background", { role, host: hostOf(url), error: error.message });
  });
  redis.on("ready", () => (warned = false));
  return redis;
}

function hostOf(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return "(invalid REDIS_URL)";
  }
}

function create(url: string, role: RedisRole): Redis {
  const retryStrategy = (times: number) => Math.min(50 * 2 ** Math.min(times, 6), 2_000);
  switch (role) {
    case "commands":
      return new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, retryStrategy });
    case "cache":
      return new Redis(url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 1_000, retryStrategy, lazyConnect: false });
    case "subscriber":
      return new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: true, connectTimeout: 1_000, retryStrategy });
  }
}
