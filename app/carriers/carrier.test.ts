import { describe, expect, it } from "vitest";
import { AddressSchema } from "~/domain/address";
import { quoteCacheKey, type RateSource, RateRequestSchema, safeRate } from "./carrier";
import { sampleRateRequest } from "../../tests/fakes/carrier-source/sample-request";

const signal = () => new AbortController().signal;

describe("safeRate", () => {
  it("catches a source that throws synchronously", async () => {
    const source: RateSource = {
      id: "sync",
      rate() {
        throw new TypeError("boom");
      },
    };
    const r = await safeRate(source, sampleRateRequest(), { signal: signal(), timeoutMs: 100 });
    expect(r).toMatchObject({ outcome: "error", quotes: [], messages: [{ code: "source_threw", message: "sync failed: TypeError: boom" }] });
  });

  it("drops quotes in another currency with a message", async () => {
    const source: RateSource = {
      id: "eur",
      rate: async () => ({
        quotes: [
          { serviceCode: "A", price: { amount: 100, currency: "EUR" } },
          { serviceCode: "B", price: { amount: 200, currency: "USD" } },
        ],
        messages: [],
      }),
    };
    const r = await safeRate(source, sampleRateRequest(), { signal: signal(), timeoutMs: 100 });
    expect(r.outcome).toBe("ok");
    expect(r.quotes.map((q) => q.serviceCode)).toEqual(["B"]);
    expect(r.messages).toMatchObject([{ code: "currency_mismatch", serviceCode: "A", sourceId: "eur" }]);
  });

  it("rejects a negative price as invalid data", async () => {
    const source: RateSource = { id: "neg", rate: async () => ({ quotes: [{ serviceCode: "A", price: { amount: -1, currency: "USD" } }], messages: [] }) };
    expect((await safeRate(source, sampleRateRequest(), { signal: signal(), timeoutMs: 100 })).outcome).toBe("error");
  });

  it("gives the source a signal that aborts on timeout", async () => {
    let seen: AbortSignal | undefined;
    const source: RateSource = {
      id: "watch",
      rate: (_req, { signal: s }) => {
        seen = s;
        return new Promise(() => {});
      },
    };
    await safeRate(source, sampleRateRequest(), { signal: signal(), timeoutMs: 10 });
    expect(seen?.aborted).toBe(true);
  });

  it("still times out and aborts the source when the caller passes no signal of its own", async () => {
    let seen: AbortSignal | undefined;
    const source: RateSource = {
      id: "hang",
      rate: (_req, { signal: s }) => {
        seen = s;
        return new Promise(() => {});
      },
    };
    const r = await safeRate(source, sampleRateRequest(), { timeoutMs: 10 });
    expect(r).toMatchObject({ outcome: "timeout", messages: [{ code: "timeout" }] });
    expect(seen?.aborted).toBe(true);
  });

  it("reports an abort by the caller's signal", async () => {
    const controller = new AbortController();
    const source: RateSource = { id: "slow", rate: () => new Promise(() => {}) };
    const pending = safeRate(source, sampleRateRequest(), { signal: controller.signal, timeoutMs: 5_000 });
    controller.abort();
    expect((await pending).outcome).toBe("aborted");
  });
});

describe("RateRequestSchema", () => {
  it("accepts the sample request", () => {
    expect(RateRequestSchema.safeParse(sampleRateRequest()).success).toBe(true);
  });

  it("rejects a request without packages", () => {
    expect(RateRequestSchema.safeParse(sampleRateRequest({ packages: [] })).success).toBe(false);
  });
});

describe("quoteCacheKey", () => {
  const base = sampleRateRequest({
    services: ["GROUND", "EXPRESS"],
    packages: [
      { grams: 1000, billableGrams: 1360, dimensionsMm: { l: 300, w: 200, h: 100 } },
      { grams: 500, billableGrams: 453, dimensionsMm: { l: 100, w: 100, h: 50 } },
    ],
  });
  const key = (over: Parameters<typeof sampleRateRequest>[0]) => quoteCacheKey("table", { ...base, ...over });

  it("ignores the order of services and packages and the orientation of boxes", () => {
    expect(
      key({
        services: ["EXPRESS", "GROUND", "GROUND"],
        packages: [
          { grams: 500, billableGrams: 453, dimensionsMm: { l: 50, w: 100, h: 100 } },
          { grams: 1000, billableGrams: 1360, dimensionsMm: { l: 100, w: 300, h: 200 } },
        ],
      }),
    ).toBe(quoteCacheKey("table", base));
  });

  it("normalises postal codes and ignores street and city", () => {
    const destination = AddressSchema.parse({ country: "us", province: "ca", postalCode: " 90210 ", city: "LA", address1: "1 Main St" });
    expect(key({ destination })).toBe(quoteCacheKey("table", base));
  });

  it("rounds billable grams to whole grams", () => {
    expect(key({ packages: [{ ...base.packages[0], billableGrams: 1360.2 }, base.packages[1]] })).toBe(quoteCacheKey("table", base));
  });

  it("changes when any price-determining field changes", () => {
    const original = quoteCacheKey("table", base);
    const variants = [
      quoteCacheKey("ups", base),
      key({ shop: "other.myshopify.com" }),
      key({ currency: "CAD" }),
      key({ subtotal: { amount: 5001, currency: "USD" } }),
      key({ services: ["GROUND"] }),
      key({ destination: AddressSchema.parse({ country: "US", province: "CA", postalCode: "90211" }) }),
      key({ destination: AddressSchema.parse({ country: "US", province: "NV", postalCode: "90210" }) }),
      key({ origin: AddressSchema.parse({ country: "CA", province: "NY", postalCode: "10001" }) }),
      key({ packages: [{ ...base.packages[0], billableGrams: 1361 }, base.packages[1]] }),
      key({ packages: [{ ...base.packages[0], dimensionsMm: { l: 300, w: 200, h: 101 } }, base.packages[1]] }),
      key({ packages: [base.packages[0]] }),
    ];
    for (const v of variants) expect(v).not.toBe(original);
    expect(new Set(variants).size).toBe(variants.length);
  });
});
