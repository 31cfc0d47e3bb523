import { describe, expect, it } from "vitest";
import { uspsPackageFacts } from "./package-facts";
import { memoryPriceMemory, priceKey, weightStep, type PriceKeyParts } from "./price-memory";
import type { UspsPrice } from "./price-response";

const facts = uspsPackageFacts({ grams: 454, dimensionsMm: { l: 300, w: 200, h: 100 } }, "2026-12-01");
const parts = (destination: string, over: Partial<PriceKeyParts> = {}): PriceKeyParts => ({
  origin: "22407",
  destination,
  mailClass: "PRIORITY_MAIL",
  facts,
  terms: { priceType: "COMMERCIAL" },
  ...over,
});
const price = (cents: number, zone = "05"): UspsPrice => ({ mailClass: "PRIORITY_MAIL", cents, zone, fees: [], warnings: [] });
const DAY = 86_400_000;

describe("USPS price memory", () => {
  it("keys on what USPS prices on: ZIPs, class, weight step, shape and terms", () => {
    expect(weightStep(16)).toBe("16oz");
    expect(weightStep(16.5)).toBe("2lb");
    expect(priceKey(parts("63118"))).not.toBe(priceKey(parts("63118", { terms: { priceType: "CONTRACT", accountType: "EPS", accountNumber: "1" } })));
  });

  it("serves the same key as a fresh cached price until the price's end date", async () => {
    const m = memoryPriceMemory();
    const now = Date.parse("2026-12-01T00:00:00Z");
    await m.put(parts("63118"), price(1285), now, "2026-12-03");
    expect(await m.get(parts("63118"), now + DAY)).toMatchObject({ source: "cached", fresh: true, price: { cents: 1285 } });
    expect(await m.get(parts("63118"), now + 3 * DAY)).toMatchObject({ source: "cached", fresh: false });
  });

  it("learns a price for a new ZIP in a known ZIP3 pair from the zone USPS reported", async () => {
    const m = memoryPriceMemory();
    await m.put(parts("63118"), price(1285, "05"), 0);
    expect(await m.get(parts("63119"), 1)).toMatchObject({ source: "learned", fresh: false, price: { cents: 1285, zone: "05" } });
    expect(await m.get(parts("99501"), 1)).toBeNull();
  });
});
