// A shop with USPS services in its zones and a USPS connection to a loopback fake, for the USPS integration tests.
import { getDb, type Db } from "~/db.server";
import { upsertCarrierConnection } from "~/services/carrier-connections.server";
import { createRatingService, ratingDeps, type RatingService } from "~/services/rating/service.server";
import { saveShippingSetup } from "~/services/shipping-config.server";
import type { UspsFake } from "../fakes/usps";
import { demoShippingConfig, rateRequestBody } from "./fixtures";
import { hmacOf } from "./shopify";

// The shipping-config schema asks every service for a rate table; a USPS service never prices from it.
const unusedTable = { basis: "weight", currency: "USD", bands: [{ maxGrams: 30000, price: 0 }] };

export const USPS_SERVICES_US = [
  { code: "usps-ground", name: "USPS Ground Advantage", source: "usps", carrierService: "USPS_GROUND_ADVANTAGE", fallbackPrice: 799, delivery: { minDays: 2, maxDays: 5 }, rateTable: unusedTable },
  { code: "usps-priority", name: "Priority Mail", source: "usps", carrierService: "PRIORITY_MAIL", fallbackPrice: 1099, delivery: { minDays: 1, maxDays: 3 }, rateTable: unusedTable },
];
export const USPS_SERVICES_CA = [
  { code: "usps-pmi", name: "Priority Mail International", source: "usps", carrierService: "PRIORITY_MAIL_INTERNATIONAL", fallbackPrice: 4500, rateTable: unusedTable },
];

/** The demo setup plus USPS services in the US and Canada zones. */
export function uspsShippingConfig() {
  const config = demoShippingConfig() as { zones: { name: string; services: unknown[] }[] };
  config.zones.find((z) => z.name === "United States")!.services.push(...USPS_SERVICES_US);
  config.zones.find((z) => z.name === "Canada")!.services.push(...USPS_SERVICES_CA);
  return config;
}

export async function seedUspsShop(domain: string, fake: UspsFake, settings: Record<string, unknown> = {}, db: Db = getDb()) {
  const shop = await db.shop.create({ data: { domain } });
  const saved = await saveShippingSetup(domain, uspsShippingConfig());
  if (!saved.ok) throw new Error(`setup not saved: ${JSON.stringify(saved)}`);
  const connection = await upsertCarrierConnection(db, shop.id, {
    carrierId: "usps",
    mode: "test",
    status: "connected",
    settings: { mode: "test", publishedPriceType: "COMMERCIAL", allowMediaMail: false, allowLibraryMail: false, hourlyQuota: 60, ...settings },
    secrets: { consumerKey: fake.state.clientId, consumerSecret: fake.state.clientSecret },
  });
  return { shop, connection };
}

/**
 * One Waypost instance: its own rating service, caches and USPS client (a distinct fetch wrapper keeps the
 * process-wide client cache apart), sharing only the database with other instances.
 */
export function uspsInstance(fake: UspsFake): RatingService {
  return createRatingService(ratingDeps({ carrierDeps: { fetch: (...a) => fetch(...a), now: Date.now, baseUrls: { usps: fake.url } } }));
}

export type ShopifyRate = { service_code: string; total_price: string; service_name: string };

/** What Shopify sends: the body signed with the app secret. */
export async function callRates(rating: RatingService, shop: string, over: Parameters<typeof rateRequestBody>[0] = {}) {
  const raw = JSON.stringify(rateRequestBody(over));
  const res = await rating.handleRateCallback({ rawBody: Buffer.from(raw), hmac: hmacOf(raw), shopDomain: shop, timeoutHeader: null, receivedAt: performance.now() });
  return { status: res.status, rates: res.status === 200 ? (JSON.parse(res.body).rates as ShopifyRate[]) : [] };
}

export const priceOf = (rates: Pick<ShopifyRate, "service_code" | "total_price">[], code: string) => rates.find((r) => r.service_code === code)?.total_price;
