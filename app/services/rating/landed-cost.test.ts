// The landed-cost step of rating: which rates a priced service answers, at what price, with what description.
import { describe, expect, it } from "vitest";
import { ShippingConfigSchema, type LandedCostMode } from "~/domain/shipping-config";
import type { ShopifyRate } from "~/shopify/rate-callback.schema";
import { compileShop, type CompiledService, type ProductData } from "./compile";
import { landedCostCart, NOT_ESTIMATED, withLandedCost, type LandedCostTrace } from "./landed-cost";

const settings = {
  fees: [{ label: "Clearance fee", kind: "brokerage", flat: 300 }],
  dutyRates: [{ hsPrefix: "6109", destination: "EU", percent: "12" }],
  exchangeRates: [{ base: "EUR", quote: "USD", rate: "1.16", date: "2026-11-30", source: "ECB" }],
};

function shop(landedCost: Record<string, unknown> | null = settings, products: [string, ProductData][] = [["1", { hsCode: "610910", countryOfOrigin: "CN" }]]) {
  const config = ShippingConfigSchema.parse({ version: 1, currency: "USD", timeZone: "UTC", origin: { country: "US" }, landedCost: landedCost ?? undefined });
  return compileShop({ domain: "s.myshopify.com", shopId: "s", version: 1, config, products: new Map(products), wiring: { carriers: new Map() as never, connections: new Map(), deps: { fetch, now: Date.now } } });
}

const service = (landedCost: LandedCostMode): CompiledService => ({ code: "intl", name: "Express", description: "3-5 days", sourceId: "table", sourceServiceCode: "intl", landedCost });
const rate: ShopifyRate = { service_name: "Express", service_code: "intl", total_price: "2200", description: "3-5 days", currency: "USD" };
const cartOf = (s = shop(), variantId = "1", quantity = 2, price = 9000) =>
  landedCostCart(s, { country: "DE" }, "USD", [{ quantity, grams: 200, price, variantId, sku: "TS" }], new Date("2026-12-01T12:00:00Z"));

function run(mode: LandedCostMode, cart = cartOf()) {
  const trace: LandedCostTrace[] = [];
  return { rates: withLandedCost(service(mode), rate, cart, trace), trace };
}

describe("landed cost on a priced rate", () => {
  it("answers both rates side by side with distinct codes and names, DDP priced with exactly what it lists", () => {
    const { rates, trace } = run("both");
    expect(rates.map((r) => [r.service_code, r.service_name])).toEqual([
      ["intl-ddp", "Express, duties paid"],
      ["intl-dap", "Express, duties on delivery"],
    ]);
    const [ddp, dap] = rates;
    expect(ddp.description).toMatch(/^Includes duties \$[\d.]+ · import VAT \$[\d.]+ · fees \$3\.00 · 3-5 days$/);
    expect(dap.description).toMatch(/^Est\. due on delivery: duties \$[\d.]+ · import VAT \$[\d.]+ · fees \$3\.00 · 3-5 days$/);
    expect(dap.total_price).toBe("2200");
    expect(Number(ddp.total_price)).toBe(2200 + trace[0].result.totals.addToRate);
    expect(trace[0].result.lines.every((l) => l.formula.length > 0 && l.source.title.length > 0)).toBe(true);
  });

  it("keeps the service's own code and name for a single mode", () => {
    expect(run("ddp").rates.map((r) => [r.service_code, r.service_name])).toEqual([["intl", "Express"]]);
    expect(run("dap").rates[0].description).toMatch(/^Est\. due on delivery: /);
  });

  it("leaves the rate untouched when off, without shop settings, or for a domestic destination", () => {
    expect(run("off").rates).toEqual([rate]);
    expect(run("both", cartOf(shop(null))).rates).toEqual([rate]);
    expect(landedCostCart(shop(), { country: "US" }, "USD", [{ quantity: 1, grams: 1, price: 100 }], new Date())).toBeNull();
  });

  it("withholds the duties-paid twin and says 'not estimated' when an HS code is missing, never zero duty", () => {
    const { rates, trace } = run("both", cartOf(shop(), "2"));
    expect(rates.map((r) => r.service_code)).toEqual(["intl-dap"]);
    expect(rates[0].description).toBe(`${NOT_ESTIMATED} · 3-5 days`);
    expect(trace[0]).toMatchObject({ code: "intl-ddp", shown: false });
    expect(trace[0].reason).toContain("HS code missing");
  });

  it("answers a duties-paid-only service shipping-only, not estimated, rather than no rate at all", () => {
    const { rates } = run("ddp", cartOf(shop(), "2"));
    expect(rates).toEqual([{ ...rate, description: `${NOT_ESTIMATED} · 3-5 days` }]);
  });

  it("fills a missing HS code and origin from the shop defaults", () => {
    const withDefaults = shop({ ...settings, defaultHsCode: "6109.10", defaultOriginCountry: "CN" }, []);
    expect(run("both", cartOf(withDefaults, "9")).rates.map((r) => r.service_code)).toEqual(["intl-ddp", "intl-dap"]);
  });

  it("never folds duties into the rate when Shopify's own duties collection is on", () => {
    const guarded = shop({ ...settings, shopifyCollectsDuties: true });
    const { rates, trace } = run("ddp", cartOf(guarded));
    expect(rates[0].description).not.toMatch(/duties \$/);
    expect(rates[0].description).toContain("duties charged separately by Shopify");
    expect(Number(rates[0].total_price)).toBe(2200 + trace[0].result.totals.addToRate);
    expect(trace[0].result.totals.chargedByShopify).toBeGreaterThan(0);
  });

  it("is below the relief threshold: no duty line, and the description says only what is due", () => {
    const { rates } = run("ddp", cartOf(shop(), "1", 1, 2000));
    expect(rates[0].description).not.toContain("duties $");
    expect(rates[0].description).toMatch(/^Includes import VAT/);
  });
});

describe("the landed-cost settings in the shipping document", () => {
  const doc = (zone: Record<string, unknown>, landedCost: unknown = settings) => ({ version: 1, currency: "USD", timeZone: "UTC", origin: { country: "US" }, landedCost, zones: [zone] });
  const service = (code: string, landedCost?: string) => ({ code, name: code, landedCost, rateTable: { basis: "weight", currency: "USD", bands: [{ price: 100 }] } });

  it("refuses a 'both' service whose -ddp twin collides with another service's code", () => {
    const parsed = ShippingConfigSchema.safeParse(doc({ name: "EU", regions: [{ type: "country", country: "DE" }], services: [service("x", "both"), service("x-ddp")] }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join()).toContain('answers "x-ddp"');
  });

  it("inherits the zone's mode and validates the duty table, exchange rates and defaults", () => {
    const ok = ShippingConfigSchema.parse(doc({ name: "EU", landedCost: "dap", regions: [{ type: "country", country: "DE" }], services: [service("x")] }));
    expect(ok.zones[0].landedCost).toBe("dap");
    const bad = ShippingConfigSchema.safeParse(doc({ name: "EU", regions: [{ type: "country", country: "DE" }] }, { dutyRates: [{ hsPrefix: "6109", destination: "EU" }], exchangeRates: [{ base: "EUR", quote: "USD", rate: "x", date: "2026-11-30", source: "ECB" }], defaultOriginCountry: "China" }));
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["landedCost.dutyRates.0", "landedCost.exchangeRates.0.rate", "landedCost.defaultOriginCountry"]));
  });
});
