import { describe, expect, it } from "vitest";
import { cartKey, MemoryRateDetailsStore, type RateDetails } from "./rate-details.server";

const details = (serviceCode: string, computedAt = new Date("2026-12-01T12:00:00Z")): RateDetails => ({
  serviceCode,
  incoterm: "DAP",
  currency: "EUR",
  rateTotal: 1290,
  charges: [{ kind: "tax", amount: 2130, payable: "on_delivery" }],
  estimate: true,
  delivery: null,
  computedAt,
});

describe("cartKey", () => {
  it("is the same for the callback's numeric ids and the extension's gids, in any order, with split lines merged", () => {
    const callback = cartKey("DE", [{ variantId: 2, quantity: 1 }, { variantId: 111, quantity: 2 }]);
    const extension = cartKey("de", [
      { variantId: "gid://shopify/ProductVariant/111", quantity: 1 },
      { variantId: "gid://shopify/ProductVariant/2", quantity: 1 },
      { variantId: "gid://shopify/ProductVariant/111", quantity: 1 },
    ]);
    expect(extension).toBe(callback);
  });

  it("differs by country and by quantity", () => {
    const base = cartKey("DE", [{ variantId: 1, quantity: 1 }]);
    expect(cartKey("AT", [{ variantId: 1, quantity: 1 }])).not.toBe(base);
    expect(cartKey("DE", [{ variantId: 1, quantity: 2 }])).not.toBe(base);
  });
});

describe("MemoryRateDetailsStore", () => {
  it("forgets an entry after its TTL", async () => {
    let now = 0;
    const store = new MemoryRateDetailsStore({ ttlMs: 1000, now: () => now });
    await store.put("s", "k", details("a"));
    now = 999;
    expect(await store.get("s", "k", "a")).toBeDefined();
    now = 1000;
    expect(await store.get("s", "k", "a")).toBeUndefined();
    expect(await store.list("s", "k")).toEqual([]);
  });

  it("keeps at most maxEntries, dropping the oldest written first", async () => {
    const store = new MemoryRateDetailsStore({ maxEntries: 2 });
    await store.put("s", "k", details("a"));
    await store.put("s", "k", details("b"));
    await store.put("s", "k", details("a")); // rewrite: now the newest
    await store.put("s", "k", details("c"));
    expect(store.size).toBe(2);
    expect(await store.get("s", "k", "b")).toBeUndefined();
    expect((await store.list("s", "k")).map((d) => d.serviceCode).sort()).toEqual(["a", "c"]);
  });

  it("stores every rate of one answer in one call, and lists a cart's entries after others were evicted", async () => {
    const store = new MemoryRateDetailsStore({ maxEntries: 3 });
    await store.put("s", "k", details("a"), details("b"));
    await store.put("s", "k2", details("c"), details("d"));
    expect(store.size).toBe(3);
    expect((await store.list("s", "k")).map((d) => d.serviceCode)).toEqual(["b"]);
    expect((await store.list("s", "k2")).map((d) => d.serviceCode).sort()).toEqual(["c", "d"]);
  });

  it("lists only the shop's and cart's entries, newest first", async () => {
    const store = new MemoryRateDetailsStore();
    await store.put("s", "k", details("old", new Date("2026-12-01T10:00:00Z")));
    await store.put("s", "k", details("new", new Date("2026-12-01T11:00:00Z")));
    await store.put("s", "k2", details("other-cart"));
    await store.put("s2", "k", details("other-shop"));
    expect((await store.list("s", "k")).map((d) => d.serviceCode)).toEqual(["new", "old"]);
  });
});
