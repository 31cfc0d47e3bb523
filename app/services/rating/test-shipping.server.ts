// "Test your shipping": the exact rates a shopper would see for a destination and a cart, with the full trace.
// It runs the same rateShop as checkout, against the same compiled configuration and quote cache.
import { z } from "zod";
import { AddressSchema } from "~/domain/address";
import { RATE_REQUEST_LIMITS as L } from "~/domain/request-limits";
import type { Env } from "~/env.server";
import { MemoryQuoteCache, SingleFlight } from "./quote-cache";
import { rateShop, type RateShopResult } from "./rate-shop";
import type { ShopConfigCache } from "./shop-config-cache.server";
import type { SafeRateResult } from "~/carriers/carrier";

export const TestShippingInputSchema = z.object({
  destination: AddressSchema,
  items: z
    .array(
      z.object({
        name: z.string().max(500).default("Item"),
        sku: z.string().max(255).optional(),
        vendor: z.string().max(255).optional(),
        quantity: z.number().int().min(1, "must be at least 1").max(L.maxQuantity, `must be at most ${L.maxQuantity}`),
        grams: z.number().int().min(0, "must be 0 or more").max(L.maxUnitGrams, `must be at most ${L.maxUnitGrams} g`),
        price: z.number().int().min(0, "must be 0 or more").max(L.maxUnitPrice, "is too large"),
        variantId: z.string().max(255).optional(),
        properties: z.record(z.string().max(255), z.string().max(1000)).optional(),
        dimensionsMm: z.object({ l: z.number().positive(), w: z.number().positive(), h: z.number().positive() }).optional(),
      }),
    )
    .min(1, "add at least one item")
    .max(L.maxLines, `at most ${L.maxLines} lines`),
});
export type TestShippingInput = z.input<typeof TestShippingInputSchema>;

export type TestShipping = (domain: string, input: TestShippingInput) => Promise<RateShopResult & { currency: string }>;

export function createTestShipping(deps: { shopConfigs: ShopConfigCache; config: Pick<Env, "RATES_DEADLINE_MS">; now: () => number }): TestShipping {
  // Its own cache: a merchant testing must see live source behaviour, not a quote cached by checkout.
  const testCache = new MemoryQuoteCache(1_000);
  const flights = new SingleFlight<SafeRateResult>();
  const deadlineMs = deps.config.RATES_DEADLINE_MS;

  return async function testShipping(domain, input) {
    const shop = await deps.shopConfigs.get(domain);
    if (!shop) throw new Error(`No shop ${domain} is installed`);
    const parsed = TestShippingInputSchema.parse(input);
    const currency = shop.config.currency;
    await deps.shopConfigs.loadVariants(shop, parsed.items.map((i) => i.variantId));
    const result = await rateShop(
      shop,
      {
        destination: parsed.destination,
        currency,
        items: parsed.items.map((i) => ({ ...i, requiresShipping: true })),
        now: new Date(deps.now()),
      },
      { quoteCache: testCache, singleFlight: flights, deadlineAt: performance.now() + deadlineMs, sourceTimeoutMs: deadlineMs, cacheTtlMs: 0 },
    );
    return { ...result, currency };
  };
}
