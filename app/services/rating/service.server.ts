// The rating service, built once from its dependencies (the way shopify-app-js builds its factories): the
// carrier-service callback, "Test your shipping" and cache invalidation share one compiled-config cache.
// Routes and the HTTP server get it from ratingService(); tests and the benchmark build their own with
// createRatingService(ratingDeps({ ...fakes })).
import prisma, { type Db } from "~/db.server";
import { env } from "~/env.server";
import { carrierRegistry, type CarrierRegistry } from "~/carriers/registry.server";
import { activeCarrierConnections } from "../carrier-connections.server";
import { sharedCarrierState } from "../carrier-state.server";
import { carrierDepsFromEnv } from "../carrier-env.server";
import { createRateCallback, type CallbackConfig, type RateCallback } from "./callback.server";
import type { CompiledShop, SharedCarrierDeps, ShopConnections, SourceDecorator } from "./compile";
import { MemoryQuoteCache, type QuoteCache } from "./quote-cache";
import { connectRedis } from "../redis-connection.server";
import { redisConfigInvalidations, type ConfigInvalidations } from "./config-invalidation.server";
import { RedisQuoteCache } from "./redis-quote-cache.server";
import { createShopConfigCache } from "./shop-config-cache.server";
import { createTestShipping, type TestShipping } from "./test-shipping.server";
import { MemoryRateDetailsStore, type RateDetailsStore } from "../checkout/rate-details.server";
import { RedisRateDetailsStore } from "../checkout/redis-rate-details.server";

export interface RatingDeps {
  db: Db;
  config: CallbackConfig;
  /** Source quotes; a shared (Redis) cache for several instances implements QuoteCache. */
  quoteCache: QuoteCache;
  /** Rate breakdowns the callback writes and the checkout extension's route reads; shared (Redis) for scale-out. */
  rateDetails: RateDetailsStore;
  carriers: CarrierRegistry;
  /** fetch and clock for carrier sources, and per-carrier base URLs (fakes in tests and the demo). */
  carrierDeps: SharedCarrierDeps;
  /** Wraps every rate source (tests and the benchmark inject delays and failures here). */
  sourceDecorator?: SourceDecorator;
  now: () => number;
  /** The shop's active carrier connections; by default read from the database and unsealed. */
  loadConnections?: (shop: { id: string; domain: string }) => Promise<ShopConnections>;
  /** Tells other instances about configuration changes (Redis pub/sub); none without REDIS_URL. */
  invalidations?: ConfigInvalidations;
  /** Releases what the dependencies hold open (Redis connections). */
  close?: () => Promise<void>;
}

export interface RatingService {
  handleRateCallback: RateCallback;
  testShipping: TestShipping;
  /** The store the callback writes; the checkout extension's route reads the same one. */
  rateDetails: RateDetailsStore;
  compiledShop(domain: string): Promise<CompiledShop | null>;
  /**
   * Drops this instance's compiled configuration of the shop at once, and with Redis tells the other instances
   * to drop theirs (without Redis they follow Shop.configVersion within about a second).
   */
  invalidateShopConfig(domain: string): void;
  close(): Promise<void>;
}

export function createRatingService(deps: RatingDeps): RatingService {
  const loadConnections = deps.loadConnections ?? ((shop) => activeCarrierConnections(deps.db, shop, deps.carriers));
  const shopConfigs = createShopConfigCache({
    db: deps.db,
    now: deps.now,
    // Carriers share quota ledgers and tokens through the database unless the caller brings another store.
    wiring: { carriers: deps.carriers, deps: { ...deps.carrierDeps, sharedState: deps.carrierDeps.sharedState ?? sharedCarrierState(deps.db) }, decorateSource: deps.sourceDecorator },
    loadConnections,
  });
  deps.invalidations?.subscribe((domain) => (domain === null ? shopConfigs.invalidateAll() : shopConfigs.invalidate(domain)));
  return {
    handleRateCallback: createRateCallback({ config: deps.config, shopConfigs, quoteCache: deps.quoteCache, rateDetails: deps.rateDetails, now: deps.now }),
    testShipping: createTestShipping({ shopConfigs, config: deps.config, now: deps.now }),
    rateDetails: deps.rateDetails,
    compiledShop: (domain) => shopConfigs.get(domain),
    invalidateShopConfig: (domain) => {
      shopConfigs.invalidate(domain);
      deps.invalidations?.publish(domain);
    },
    close: async () => {
      await deps.invalidations?.close();
      await deps.close?.();
    },
  };
}

/**
 * With REDIS_URL: the shared quote cache (an in-memory L1 in front of Redis), the shared rate details the checkout
 * extension reads, and the invalidation bus, on two connections (commands may not share a connection with a
 * subscription). Without it: this process's memory only.
 */
export function scaleOutDeps(redisUrl: string | undefined): Pick<RatingDeps, "quoteCache" | "rateDetails" | "invalidations" | "close"> {
  if (!redisUrl) return { quoteCache: new MemoryQuoteCache(), rateDetails: new MemoryRateDetailsStore() };
  const commands = connectRedis(redisUrl, "cache");
  const subscriber = connectRedis(redisUrl, "subscriber");
  return {
    quoteCache: new RedisQuoteCache({ redis: commands }),
    rateDetails: new RedisRateDetailsStore({ redis: commands }),
    invalidations: redisConfigInvalidations({ publisher: commands, subscriber }),
    close: async () => {
      commands.disconnect(); // nothing to flush: quote writes are best-effort
    },
  };
}

/** The production dependencies from the validated environment, with any of them replaced. */
export function ratingDeps(over: Partial<RatingDeps> = {}): RatingDeps {
  return {
    db: prisma,
    config: env(),
    ...(over.quoteCache ? { quoteCache: over.quoteCache, rateDetails: new MemoryRateDetailsStore() } : scaleOutDeps(env().REDIS_URL)),
    carriers: carrierRegistry,
    carrierDeps: carrierDepsFromEnv(env()),
    now: Date.now,
    ...over,
  };
}

/** Carrier API hosts replaced by configuration (development and tests only; env.server.ts refuses them in production). */

let service: RatingService | undefined;

/** This process's rating service, built on first use (at boot, by the first request). */
export function ratingService(): RatingService {
  service ??= createRatingService(ratingDeps());
  return service;
}

/** After a save: drops the shop from this process's compiled configs; nothing to drop if rating never ran here (the CLI). */
export function invalidateShopConfig(domain: string) {
  service?.invalidateShopConfig(domain);
}

/** At shutdown: closes this process's rating service's connections (Redis), if it was built. */
export async function closeRatingService() {
  const closing = service;
  service = undefined;
  await closing?.close();
}
