// Landed cost end to end: a signed rate request to Germany answers duties-paid and duties-on-delivery rates; the
// checkout extension's route, with a real checkout session token, then answers the breakdown of the chosen rate
// from the store the callback wrote (the rating service's, no module-level setter).
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig, germanyOrderBody } from "../helpers/fixtures";
import { hmacOf, offlineSession } from "../helpers/shopify";
import { sessionStorage } from "~/shopify.server";
import { checkoutSessionToken, extensionRequest } from "../helpers/checkout";
import { createRatingService, ratingDeps, type RatingService } from "~/services/rating/service.server";
import { saveShippingSetup } from "~/services/shipping-config.server";
import { rateDetailsAction } from "~/services/checkout/rate-details-endpoint.server";
import { getDb } from "~/db.server";
import { adminCaller } from "../helpers/admin-action";
import * as settingsPage from "~/routes/app.landed-cost";

const SHOP = "landed-test.myshopify.com";
const db = useTestDatabase();
let rating: RatingService;

type Rate = { service_code: string; service_name: string; total_price: string; description: string; currency: string };

async function rateGermany(body: unknown = germanyOrderBody()): Promise<Rate[]> {
  const raw = JSON.stringify(body);
  const res = await rating.handleRateCallback({ rawBody: Buffer.from(raw), hmac: hmacOf(raw), shopDomain: SHOP, timeoutHeader: null, receivedAt: performance.now() });
  expect(res.status).toBe(200);
  return JSON.parse(res.body).rates;
}

async function details(code?: string) {
  const action = rateDetailsAction(() => rating.rateDetails);
  const lines = [
    { variantId: "gid://shopify/ProductVariant/1011", quantity: 2 },
    { variantId: "gid://shopify/ProductVariant/1021", quantity: 1 },
  ];
  const request = extensionRequest("/api/checkout/rate-details", { token: checkoutSessionToken({ shop: SHOP }), body: { country: "DE", lines, code } });
  const response = await action({ request, params: {}, context: {} });
  expect(response.status).toBe(200);
  return (await response.json()).rates;
}

beforeAll(async () => {
  await db.ready();
  const shop = await getDb().shop.create({ data: { domain: SHOP } });
  await sessionStorage.storeSession(offlineSession(SHOP));
  expect((await saveShippingSetup(SHOP, demoShippingConfig())).ok).toBe(true);
  for (const [variantId, hsCode] of [["gid://shopify/ProductVariant/1011", "610910"], ["gid://shopify/ProductVariant/1021", "620140"]]) {
    await getDb().productShippingData.create({ data: { shopId: shop.id, productId: "gid://shopify/Product/1", variantId, hsCode, countryOfOrigin: "CN" } });
  }
});

beforeEach(() => {
  rating = createRatingService(ratingDeps());
});

describe("landed cost at checkout", () => {
  it("answers a duties-paid and a duties-on-delivery rate side by side for Germany", async () => {
    const rates = await rateGermany();
    const ddp = rates.find((r) => r.service_code === "eu-tracked-ddp")!;
    const dap = rates.find((r) => r.service_code === "eu-tracked-dap")!;
    expect(ddp.service_name).toBe("International Tracked, duties paid");
    expect(dap.service_name).toBe("International Tracked, duties on delivery");
    expect(ddp.description).toMatch(/^Includes duties \$\d+\.\d\d · import VAT \$\d+\.\d\d · fees \$3\.00 · 6-10 business days$/);
    expect(dap.description).toMatch(/^Est\. due on delivery: duties \$\d+\.\d\d · import VAT \$\d+\.\d\d · fees \$3\.00/);
    // DAP is shipping only; DDP adds exactly what its description lists.
    const listed = [...ddp.description.matchAll(/\$(\d+\.\d\d)/g)].reduce((sum, m) => sum + Math.round(Number(m[1]) * 100), 0);
    expect(Number(ddp.total_price)).toBe(Number(dap.total_price) + listed);
  });

  it("lets the checkout extension's route answer the breakdown of the rate the callback priced", async () => {
    const rates = await rateGermany();
    const ddp = rates.find((r) => r.service_code === "eu-tracked-ddp")!;
    const [entry] = await details("eu-tracked-ddp");
    expect(entry).toMatchObject({ code: "eu-tracked-ddp", incoterm: "DDP", estimate: true, dueOnDelivery: { amount: "0.00", currencyCode: "USD" } });
    expect(Math.round(Number(entry.rateTotal.amount) * 100)).toBe(Number(ddp.total_price));
    expect(entry.charges.map((c: { kind: string; payable: string }) => `${c.kind}:${c.payable}`)).toContain("duty:prepaid");
    expect(entry.delivery.earliest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const dap = await details("eu-tracked-dap");
    expect(dap[0]).toMatchObject({ incoterm: "DAP", prepaid: { amount: "0.00" } });
    expect((await details()).map((r: { code: string }) => r.code).sort()).toEqual(["eu-tracked-dap", "eu-tracked-ddp"]);
  });

  it("never prices missing customs data as zero duty: the duties-paid twin is withheld and the other says not estimated", async () => {
    const body = germanyOrderBody();
    // Twenty mugs (over the €150 duty relief) and the mug has no HS code.
    body.rate.items = [{ name: "Ceramic Mug", sku: "MUG", quantity: 20, grams: 350, price: 1400, vendor: "Waypost Demo", requires_shipping: true, product_id: 103, variant_id: 1031 }];
    const rates = await rateGermany(body);
    expect(rates.map((r) => r.service_code)).toEqual(["eu-tracked-dap"]);
    expect(rates[0].description).toBe("Duties and import taxes may be due on delivery (not estimated) · 6-10 business days");
  });

  it("shows in Test your shipping the same rates, each figure with its formula, source and the de minimis decision", async () => {
    const checkout = await rateGermany();
    const tested = await rating.testShipping(SHOP, {
      destination: { country: "DE", postalCode: "10115" },
      items: [
        { variantId: "gid://shopify/ProductVariant/1011", quantity: 2, grams: 200, price: 1999 },
        { variantId: "gid://shopify/ProductVariant/1021", quantity: 1, grams: 900, price: 18000 },
      ],
    });
    const strip = (rates: Rate[]) => rates.map(({ service_code, total_price, description }) => ({ service_code, total_price, description }));
    expect(strip(tested.rates.filter((r) => r.service_code.startsWith("eu-")))).toEqual(strip(checkout));
    const ddp = tested.trace.landedCost.find((l) => l.code === "eu-tracked-ddp")!;
    const duty = ddp.result.lines.find((l) => l.kind === "duty")!;
    expect(duty.formula).toContain("12%");
    expect(duty.source).toMatchObject({ confidence: "merchant" });
    const vat = ddp.result.lines.find((l) => l.kind === "tax")!;
    expect(vat.formula).toMatch(/19% of/);
    expect(vat.source.title.length).toBeGreaterThan(0);
    expect(ddp.result.deMinimis.join(" ")).toMatch(/150/);
    expect(ddp.result.conversions.join(" ")).toContain("ECB");
  });

  it("saves the landed-cost settings page into the document, and names the field of a bad duty row", async () => {
    const call = adminCaller(SHOP);
    const page = await call(settingsPage.loader, "/app/landed-cost");
    expect(page.body.form).toMatchObject({ enabled: true, dutyRates: [{ hsPrefix: "6109", destination: "EU", percent: "12" }, expect.anything()] });
    const form = { ...page.body.form, shopifyCollectsDuties: true, dutyRates: [...page.body.form.dutyRates, { hsPrefix: "6912", destination: "DE", origin: "", percent: "abc", note: "" }] };
    const bad = await call(settingsPage.action, "/app/landed-cost", { version: page.body.version, form } as never, "application/json");
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain("landedCost.dutyRates[2].percent");
    form.dutyRates[2].percent = "6";
    const saved = await call(settingsPage.action, "/app/landed-cost", { version: page.body.version, form } as never, "application/json");
    expect(saved.status).toBe(200);
    const stored = (await getDb().shop.findUniqueOrThrow({ where: { domain: SHOP } })).shippingConfig as { landedCost: { shopifyCollectsDuties: boolean; dutyRates: unknown[] } };
    expect(stored.landedCost.shopifyCollectsDuties).toBe(true);
    expect(stored.landedCost.dutyRates).toHaveLength(3);
    // Put the demo settings back for the other tests.
    expect((await saveShippingSetup(SHOP, demoShippingConfig())).ok).toBe(true);
  });

  it("leaves domestic rates alone", async () => {
    const raw = JSON.stringify(germanyOrderBody());
    const us = raw.replace('"country":"DE"', '"country":"US"').replace('"postal_code":"10115"', '"postal_code":"94107"');
    const res = await rating.handleRateCallback({ rawBody: Buffer.from(us), hmac: hmacOf(us), shopDomain: SHOP, timeoutHeader: null, receivedAt: performance.now() });
    const codes = JSON.parse(res.body).rates.map((r: Rate) => r.service_code);
    expect(codes).toEqual(["us-standard", "us-express"]);
  });
});
