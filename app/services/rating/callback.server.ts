// Shopify's carrier-service callback, independent of the HTTP framework (served by app/server/rates-endpoint and
// app/routes/carrier-service.rates). Status codes:
//   401 missing/bad HMAC or shop header · 400 not JSON / not a rate request · 404 unknown or uninstalled shop ·
//   503 only when the shop's configuration cannot be loaded at all (Shopify then shows its backup rates) ·
//   200 everything else, including every carrier problem (fallback prices inside the deadline).
import { fromShopifySubunits, parseDecimalToMinor, toShopifySubunits } from "~/domain/money";
import { AddressSchema } from "~/domain/address";
import { matchZone } from "~/domain/zones";
import type { Env } from "~/env.server";
import { logger } from "~/lib/logger.server";
import { isShopDomain, verifyShopifyHmac } from "~/shopify/hmac.server";
import { activeShopifySecrets } from "~/shopify/secrets.server";
import { describeIssues, parseRateCallbackRequest, type ShopifyRateItem, type ShopifyRateRequest } from "~/shopify/rate-callback.schema";
import type { SafeRateResult } from "~/carriers/carrier";
import type { CompiledShop } from "./compile";
import { SingleFlight, type QuoteCache } from "./quote-cache";
import { rateShop, type CartItem, type RateShopResult } from "./rate-shop";
import { recordAnswerCacheHit, recordQuote } from "./quote-log.server";
import type { ShopConfigCache } from "./shop-config-cache.server";
import { rememberRateDetails, type RateDetailsStore } from "../checkout/rate-details.server";

export const MAX_BODY_BYTES = 1_000_000;

export interface RateCallbackInput {
  rawBody: Buffer;
  hmac: string | null;
  shopDomain: string | null;
  timeoutHeader: string | null;
  /** performance.now() when the request arrived: the deadline counts from here. */
  receivedAt: number;
}

export interface RateCallbackResult {
  status: number;
  body: string;
}

export type CallbackConfig = Pick<
  Env,
  "SHOPIFY_API_SECRET" | "SHOPIFY_API_SECRET_OLD" | "SHOPIFY_API_SECRET_OLD_EXPIRES_AT" | "SHOP_CUSTOM_DOMAIN" | "RATES_DEADLINE_MS" | "RATES_SAFETY_MARGIN_MS" | "QUOTE_CACHE_TTL_SECONDS"
>;

export interface RateCallbackDeps {
  config: CallbackConfig;
  shopConfigs: ShopConfigCache;
  quoteCache: QuoteCache;
  /** Where the checkout extension's route finds each answered rate's breakdown and delivery promise. */
  rateDetails: RateDetailsStore;
  now: () => number;
}

export type RateCallback = (input: RateCallbackInput) => Promise<RateCallbackResult>;

// Whole answers for byte-identical requests, for a short time: Shopify and shoppers repeat the same cart many
// times a minute. Keyed by config version, so a merchant's change is never hidden. Short TTL, because delivery
// dates move when the shop's cutoff passes. The key is the verified HMAC header (a MAC of the exact body), so no
// second hash is computed. An answer is admitted on its second sighting only (most carts are seen once: caching
// them churned old space), and the cache is capped by bytes.
const ANSWER_TTL_MS = 30_000;
const MAX_ANSWER_BYTES = 4_000_000;
const MAX_SEEN_ONCE = 10_000;

type Answer = { body: string; zoneId: string | null; summary: string; destination: string };

const reply = (status: number, body: unknown): RateCallbackResult => ({ status, body: JSON.stringify(body) });

export function createRateCallback(deps: RateCallbackDeps): RateCallback {
  const { config, now } = deps;
  const answers = new Map<string, Answer & { expiresAt: number; bytes: number }>();
  let answerBytes = 0;
  const seenOnce = new Set<string>();
  const sourceFlights = new SingleFlight<SafeRateResult>();
  const requestFlights = new SingleFlight<RateShopResult>();

  function rememberAnswer(key: string, answer: Answer) {
    if (!seenOnce.delete(key)) {
      if (seenOnce.size >= MAX_SEEN_ONCE) seenOnce.delete(seenOnce.values().next().value as string);
      seenOnce.add(key);
      return;
    }
    const bytes = 2 * (key.length + answer.body.length + answer.summary.length + answer.destination.length) + 200;
    forgetAnswer(key);
    while (answerBytes + bytes > MAX_ANSWER_BYTES && answers.size > 0) forgetAnswer(answers.keys().next().value as string);
    answers.set(key, { ...answer, expiresAt: now() + ANSWER_TTL_MS, bytes });
    answerBytes += bytes;
  }

  function forgetAnswer(key: string) {
    const old = answers.get(key);
    if (!old) return;
    answers.delete(key);
    answerBytes -= old.bytes;
  }

  async function rate(shop: CompiledShop, request: ShopifyRateRequest, deadlineAt: number): Promise<RateShopResult> {
    try {
      await deps.shopConfigs.loadVariants(shop, request.items.map((item) => item.variant_id));
      return await rateShop(
        shop,
        {
          destination: AddressSchema.parse({
            country: request.destination.country,
            province: request.destination.province,
            postalCode: request.destination.postal_code,
            city: request.destination.city,
          }),
          currency: request.currency,
          items: request.items.map((item) => toCartItem(item, request.currency)),
          now: new Date(now()),
        },
        {
          quoteCache: deps.quoteCache,
          singleFlight: sourceFlights,
          deadlineAt,
          sourceTimeoutMs: config.RATES_DEADLINE_MS,
          cacheTtlMs: config.QUOTE_CACHE_TTL_SECONDS * 1000,
          detail: false, // checkout logs sources and landed cost only; "Test your shipping" builds the full trace
        },
      );
    } catch (error) {
      // A bug of ours must not cost the merchant a checkout: answer the configured fallbacks for the zone.
      logger.error("rating failed; answering fallback prices", { shop: shop.domain, error: String(error) });
      return fallbackOnly(shop, request);
    }
  }

  return async function handleRateCallback(input) {
    if (!input.hmac) return reply(401, { error: "missing X-Shopify-Hmac-Sha256 header" });
    if (!input.shopDomain) return reply(401, { error: "missing X-Shopify-Shop-Domain header" });
    if (!verifyShopifyHmac(input.rawBody, input.hmac, activeShopifySecrets(config, new Date(now())))) return reply(401, { error: "HMAC verification failed" });
    if (!isShopDomain(input.shopDomain, config.SHOP_CUSTOM_DOMAIN)) return reply(401, { error: "X-Shopify-Shop-Domain is not a shop domain" });

    let shop: CompiledShop | null;
    try {
      shop = await deps.shopConfigs.get(input.shopDomain);
    } catch (error) {
      logger.error("shop configuration unavailable", { shop: input.shopDomain, error: String(error) });
      return reply(503, { error: "configuration temporarily unavailable" });
    }
    if (!shop) return reply(404, { error: "unknown or uninstalled shop" });

    // Byte-identical to a recent request (same shop, same config version): the answer is already known, and
    // neither JSON parsing nor validation is needed to give it again.
    const fingerprint = input.hmac;
    const key = `${shop.domain}:${shop.version}:${fingerprint}`;
    const cachedAnswer = answers.get(key);
    if (cachedAnswer && cachedAnswer.expiresAt > now()) {
      recordAnswerCacheHit({ shopId: shop.shopId, fingerprint, zoneId: cachedAnswer.zoneId, destination: cachedAnswer.destination, rates: cachedAnswer.summary, latencyMs: performance.now() - input.receivedAt });
      return { status: 200, body: cachedAnswer.body };
    }
    if (cachedAnswer) forgetAnswer(key);

    let json: unknown;
    try {
      json = JSON.parse(input.rawBody.toString("utf8"));
    } catch (error) {
      return reply(400, { error: `body is not JSON: ${(error as Error).message}` });
    }
    const parsed = parseRateCallbackRequest(json);
    if (!parsed.success) return reply(400, { error: `not a Shopify rate request: ${describeIssues(parsed.error)}` });

    const deadlineAt = input.receivedAt + budgetMs(input.timeoutHeader, config);
    const request = parsed.data.rate;
    const destination = [request.destination.country, request.destination.province, request.destination.postal_code].filter(Boolean).join(" ");

    // Identical concurrent requests (Shopify fans out per delivery profile, shoppers double-click) share one answer.
    const flight = requestFlights.run(key, () => rate(shop, request, deadlineAt));
    const result = await flight.promise;
    const body = JSON.stringify({ rates: result.rates });
    const summary = result.rates.map((r) => ({ code: r.service_code, price: r.total_price }));
    // Only complete answers are reused: one that needed a fallback should try the source again next time.
    if (!flight.shared && result.trace.fallbacks === 0 && result.trace.sources.every((s) => s.outcome === "ok")) {
      rememberAnswer(key, { body, zoneId: result.trace.zone?.id ?? null, summary: JSON.stringify(summary), destination });
    }

    if (!flight.shared) {
      // After the answer is built, never awaited: a slow shared store must not delay checkout.
      rememberRateDetails(deps.rateDetails, shop.domain, request, result, new Date(now()));
      recordQuote({
        shopId: shop.shopId,
        fingerprint,
        zoneId: result.trace.zone?.id ?? null,
        destination,
        sources: result.trace.sources,
        rates: summary,
        fallbacks: result.trace.fallbacks,
        latencyMs: performance.now() - input.receivedAt,
        createdAt: new Date(),
      });
    }
    return { status: 200, body };
  };
}

function fallbackOnly(shop: CompiledShop, request: ShopifyRateRequest): RateShopResult {
  let zoneId: string | undefined;
  try {
    const address = AddressSchema.parse({ country: request.destination.country, province: request.destination.province, postalCode: request.destination.postal_code });
    zoneId = matchZone(shop.zones, address)?.zone.id;
  } catch {
    zoneId = undefined; // the address itself is what broke rating: nothing to match
  }
  const rates = (zoneId ? (shop.byZoneId.get(zoneId)?.services ?? []) : [])
    .filter((s) => s.fallbackPrice !== undefined)
    .map((s) => ({
      service_name: s.name,
      service_code: s.code,
      total_price: toShopifySubunits({ amount: s.fallbackPrice!, currency: request.currency }),
      description: s.description,
      currency: request.currency,
    }));
  return {
    rates,
    trace: { zone: null, packages: [], packingNotes: [], sources: [], services: [], landedCost: [], fallbacks: rates.length, totalMs: 0 },
  };
}

/** Our budget: the configured deadline, but never later than Shopify's own timeout minus a safety margin. */
export function budgetMs(timeoutHeader: string | null, config: Pick<Env, "RATES_DEADLINE_MS" | "RATES_SAFETY_MARGIN_MS">): number {
  const shopifyTimeout = Number(timeoutHeader);
  const cap = Number.isFinite(shopifyTimeout) && shopifyTimeout > 0 ? shopifyTimeout - config.RATES_SAFETY_MARGIN_MS : Infinity;
  return Math.max(50, Math.min(config.RATES_DEADLINE_MS, cap));
}

function toCartItem(item: ShopifyRateItem, currency: string): CartItem {
  const price =
    typeof item.price === "number"
      ? fromShopifySubunits(item.price, currency).amount
      : item.price.includes(".")
        ? parseDecimalToMinor(item.price, currency)
        : fromShopifySubunits(Number(item.price), currency).amount;
  return {
    name: item.name ?? undefined,
    sku: item.sku || undefined,
    vendor: item.vendor ?? undefined,
    quantity: item.quantity,
    grams: item.grams,
    price,
    requiresShipping: item.requires_shipping,
    properties: item.properties ? Object.fromEntries(Object.entries(item.properties).map(([k, v]) => [k, String(v)])) : undefined,
    variantId: item.variant_id,
  };
}
