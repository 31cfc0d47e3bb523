// UPS Landed Cost at checkout, through the signed rate callback: with UPS connected, the duties-paid rate to
// Germany carries UPS's duties and import VAT (not an estimate); when UPS is slow or failing, the built-in engine's
// estimate answers instead, inside the deadline, and the callback still answers 200.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig, germanyOrderBody } from "../helpers/fixtures";
import { hmacOf } from "../helpers/shopify";
import { UPS_APP, connectUpsToFake } from "../helpers/ups";
import { startUpsFake, type UpsFake } from "../fakes/ups";
import { saveShippingSetup } from "~/services/shipping-config.server";
import { createRatingService, ratingDeps, type RatingService } from "~/services/rating/service.server";
import { clearLandedCostCache } from "~/services/rating/landed-cost";

const SHOP = "ups-landed.myshopify.com";
const db = useTestDatabase();
let fake: UpsFake;
let shopId: string;

type Rate = { service_code: string; total_price: string; description: string };
const LANDED = /^\/api\/landedcost\//;
const landedCalls = () => fake.requests.filter((r) => LANDED.test(r.path));

function service(): RatingService {
  return createRatingService(
    ratingDeps({
      carrierDeps: { fetch, now: Date.now, baseUrls: { ups: fake.url }, appCredentials: { ups: UPS_APP } },
      // Room for UPS's OAuth and landed-cost round trips on a busy machine; "slow" below is well past it.
      config: { ...ratingDeps().config, RATES_DEADLINE_MS: 2_500, RATES_SAFETY_MARGIN_MS: 200 },
    }),
  );
}

async function rateGermany(rating: RatingService): Promise<Rate[]> {
  const raw = JSON.stringify(germanyOrderBody());
  const res = await rating.handleRateCallback({ rawBody: Buffer.from(raw), hmac: hmacOf(raw), shopDomain: SHOP, timeoutHeader: null, receivedAt: performance.now() });
  expect(res.status).toBe(200);
  return JSON.parse(res.body).rates;
}

// The fake's figures for the demo cart (2 × T-shirt $19.99 HS 610910, 1 × coat $180.00 HS 620140, made in CN):
// 12% duty on apparel, 19% German VAT on value + duty, per item, rounded to the cent.
const UPS_DUTIES = 480 + 2160;
const UPS_VAT = 851 + 3830;

beforeAll(async () => {
  await db.ready();
});
beforeEach(async () => {
  await db.reset();
  clearLandedCostCache();
  fake = await startUpsFake();
  shopId = (await db.prisma.shop.create({ data: { domain: SHOP } })).id;
  const saved = await saveShippingSetup(SHOP, demoShippingConfig());
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  for (const [variantId, hsCode] of [["gid://shopify/ProductVariant/1011", "610910"], ["gid://shopify/ProductVariant/1021", "620140"]]) {
    await db.prisma.productShippingData.create({ data: { shopId, productId: "gid://shopify/Product/1", variantId, hsCode, countryOfOrigin: "CN" } });
  }
});
afterEach(async () => {
  expect(fake.state.violations).toEqual([]);
  fake.faults.clear();
  await fake.close();
});

describe("UPS Landed Cost at checkout", () => {
  it("prices the duties-paid rate to Germany with UPS's duties and import VAT, once per cart", async () => {
    await connectUpsToFake(db.prisma, shopId, fake);
    const rating = service();
    const rates = await rateGermany(rating);
    const ddp = rates.find((r) => r.service_code === "eu-tracked-ddp")!;
    const dap = rates.find((r) => r.service_code === "eu-tracked-dap")!;
    expect(Number(ddp.total_price)).toBe(Number(dap.total_price) + UPS_DUTIES + UPS_VAT);
    expect(ddp.description).toMatch(/^Includes duties \$26\.40 · import VAT \$46\.81/);
    expect(dap.description).toMatch(/^Est\. due on delivery: duties \$26\.40 · import VAT \$46\.81/);
    expect(landedCalls()).toHaveLength(1);
    expect(landedCalls()[0].json).toMatchObject({ currencyCode: "USD", shipment: { importCountryCode: "DE", exportCountryCode: "US" } });

    // A second checkout of the same cart is answered from the landed-cost cache.
    await rateGermany(rating);
    expect(landedCalls()).toHaveLength(1);
  });

  it("marks UPS's figures as not an estimate in Test your shipping, with the source and the quote id", async () => {
    await connectUpsToFake(db.prisma, shopId, fake);
    const tested = await service().testShipping(SHOP, {
      destination: { country: "DE", postalCode: "10115" },
      items: [
        { variantId: "gid://shopify/ProductVariant/1011", quantity: 2, grams: 200, price: 1999 },
        { variantId: "gid://shopify/ProductVariant/1021", quantity: 1, grams: 900, price: 18000 },
      ],
    });
    const ddp = tested.trace.landedCost.find((l) => l.code === "eu-tracked-ddp")!;
    expect(ddp).toMatchObject({ estimate: false, source: "UPS Landed Cost API" });
    expect(ddp.result.totals).toMatchObject({ duties: UPS_DUTIES, taxes: UPS_VAT, addToRate: UPS_DUTIES + UPS_VAT });
    expect(ddp.result.lines[0].source).toMatchObject({ title: "UPS Landed Cost API", confidence: "carrier", quoteId: expect.stringMatching(/^waypost-/) });
  });

  it.each([
    ["slow past the deadline", { kind: "slow", ms: 5_000 }],
    ["answering 500", { kind: "status", status: 500 }],
    ["answering malformed JSON", { kind: "bad_json" }],
  ] as const)("falls back to the built-in estimate when UPS is %s, and the rates still answer", async (_name, fault) => {
    await connectUpsToFake(db.prisma, shopId, fake);
    fake.faults.always(fault as never, { path: LANDED });
    const rates = await rateGermany(service());
    const ddp = rates.find((r) => r.service_code === "eu-tracked-ddp")!;
    // The built-in engine's estimate: the merchant's $3.00 clearance fee is its tell.
    expect(ddp.description).toMatch(/^Includes duties \$\d+\.\d\d · import VAT \$\d+\.\d\d · fees \$3\.00/);
    expect(rates.map((r) => r.service_code)).toEqual(expect.arrayContaining(["eu-tracked-ddp", "eu-tracked-dap"]));
  });

  it("traces why the estimate was used when UPS failed", async () => {
    await connectUpsToFake(db.prisma, shopId, fake);
    fake.faults.always({ kind: "status", status: 500 }, { path: LANDED });
    const tested = await service().testShipping(SHOP, {
      destination: { country: "DE", postalCode: "10115" },
      items: [{ variantId: "gid://shopify/ProductVariant/1011", quantity: 2, grams: 200, price: 1999 }],
    });
    const ddp = tested.trace.landedCost.find((l) => l.code === "eu-tracked-ddp")!;
    expect(ddp).toMatchObject({ estimate: true, source: "Waypost built-in rules" });
    expect(ddp.fallbackReason).toMatch(/^built-in estimate used: UPS answered 500/);
  });

  it("asks nothing of UPS when it is not connected", async () => {
    const rates = await rateGermany(service());
    expect(rates.find((r) => r.service_code === "eu-tracked-ddp")!.description).toContain("fees $3.00");
    expect(landedCalls()).toHaveLength(0);
  });
});
