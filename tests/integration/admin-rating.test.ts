// The rating admin through its route loaders and actions, with real session-token requests, a real database and
// the fake Admin API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig } from "../helpers/fixtures";
import { BROWSER_UA, offlineSession, sessionToken } from "../helpers/shopify";
import { type ShopifyAdminFake, pointShopifyAt, startShopifyAdminFake } from "../fakes/shopify-admin";
import { getDb } from "~/db.server";
import { sessionStorage } from "~/shopify.server";
import { getShippingSetup, saveShippingSetup } from "~/services/shipping-config.server";
import { zoneToForm } from "~/admin/forms/zone-form";
import { emptyCartLine } from "~/admin/forms/test-cart";
import * as zonesIndex from "~/routes/app.zones._index";
import * as zoneRoute from "~/routes/app.zones.$zoneId";
import * as settingsRoute from "~/routes/app.settings";
import * as productsRoute from "~/routes/app.products";
import * as testShippingRoute from "~/routes/app.test-shipping";

const SHOP = "admin-rating.myshopify.com";
const db = useTestDatabase();
let fake: ShopifyAdminFake;

type Init = { method?: string; json?: unknown; form?: Record<string, string> };
function adminRequest(path: string, { method = "GET", json, form }: Init = {}) {
  const headers: Record<string, string> = { Authorization: `Bearer ${sessionToken(SHOP)}`, "User-Agent": BROWSER_UA };
  let body: string | undefined;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(form).toString();
  }
  return new Request(`${process.env.SHOPIFY_APP_URL}${path}`, { method, headers, body });
}

async function call(fn: (args: any) => Promise<Response>, path: string, init: Init = {}, params: Record<string, string> = {}) {
  const response = await fn({ request: adminRequest(path, init), params, context: {} });
  return { status: response.status, body: (await response.json()) as any };
}

async function setup() {
  const current = await getShippingSetup(SHOP);
  if (!current) throw new Error("shop missing");
  return current;
}

async function usForm() {
  const current = await setup();
  const zone = current.config.zones.find((z) => z.id === "us")!;
  return { version: current.version, form: zoneToForm(zone, current.config.currency, "lb") };
}

beforeAll(async () => {
  await db.ready();
  fake = await startShopifyAdminFake();
  pointShopifyAt(fake.url);
});

afterAll(async () => {
  await fake?.close();
});

beforeEach(async () => {
  await db.reset();
  await getDb().shop.create({ data: { domain: SHOP } });
  await sessionStorage.storeSession(offlineSession(SHOP));
  const saved = await saveShippingSetup(SHOP, demoShippingConfig());
  expect(saved.ok).toBe(true);
  fake.state.products = [
    {
      id: "gid://shopify/Product/1",
      title: "Short Sleeve T-Shirt",
      variants: [
        { id: "gid://shopify/ProductVariant/11", title: "Small", sku: "TS-S", grams: 400 },
        { id: "gid://shopify/ProductVariant/12", title: "Large", sku: "TS-L", grams: 0 },
      ],
    },
  ];
});

describe("the zones list", () => {
  it("lists the zones by priority with their regions (worded by the page) and enabled service counts", async () => {
    const { status, body } = await call(zonesIndex.loader, "/app/zones");
    expect(status).toBe(200);
    expect(body.zones[0]).toMatchObject({ id: "us-remote", priority: 50, enabledServices: 1 });
    expect(body.zones.find((z: any) => z.id === "us").regions).toEqual([{ type: "country", country: "US" }]);
  });

  it("deletes a zone after confirmation and reports a stale version as a conflict", async () => {
    const { version } = await setup();
    const stale = await call(zonesIndex.action, "/app/zones", { method: "POST", form: { intent: "delete", zoneId: "ca", version: String(version - 1) } });
    expect(stale.status).toBe(409);
    const done = await call(zonesIndex.action, "/app/zones", { method: "POST", form: { intent: "delete", zoneId: "ca", version: String(version) } });
    expect(done.body.ok).toBe(true);
    expect((await setup()).config.zones.map((z) => z.id)).not.toContain("ca");
  });
});

describe("saving a zone", () => {
  it("returns a bad postal pattern as a field error at the zone-relative path and stores nothing", async () => {
    const before = await setup();
    const { version, form } = await usForm();
    form.regions.push({ type: "postal", country: "US", province: "", pattern: "1000-999" });
    const { status, body } = await call(zoneRoute.action, "/app/zones/us", { method: "POST", json: { version, form } }, { zoneId: "us" });
    expect(status).toBe(422);
    expect(body).toMatchObject({ ok: false, kind: "invalid" });
    expect(body.errors).toContainEqual({ path: "regions[1].pattern", message: expect.stringContaining("same number of digits") });
    const after = await setup();
    expect(after.version).toBe(before.version);
    expect(after.config).toEqual(before.config);
  });

  it("maps an overlapping rate band back to its row and a typed price mistake to its field", async () => {
    const { version, form } = await usForm();
    form.services[0].bands.push({ minWeight: "0", maxWeight: "1", minSubtotal: "", maxSubtotal: "", price: "abc" });
    const { body } = await call(zoneRoute.action, "/app/zones/us", { method: "POST", json: { version, form } }, { zoneId: "us" });
    const paths = body.errors.map((e: any) => e.path);
    const last = form.services[0].bands.length - 1;
    expect(paths).toContain(`services[0].rateTable.bands[${last}].price`);
    expect(paths).toContain(`services[0].rateTable.bands[${last}]`);
  });

  it("saves a valid edit as one document and bumps the version", async () => {
    const { version, form } = await usForm();
    form.name = "Contiguous US";
    form.services[0].markupPercent = "10";
    form.services[0].fallbackPrice = "12.50";
    const { status, body } = await call(zoneRoute.action, "/app/zones/us", { method: "POST", json: { version, form } }, { zoneId: "us" });
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, zoneId: "us", version: version + 1 });
    const saved = (await setup()).config.zones.find((z) => z.id === "us")!;
    expect(saved.name).toBe("Contiguous US");
    expect(saved.services[0].fallbackPrice).toBe(1250);
    expect(saved.services[0].rules?.markupBasisPoints).toBe(1000);
  });

  it("reports a conflict when the setup changed since the form was loaded", async () => {
    const { version, form } = await usForm();
    const first = await call(zoneRoute.action, "/app/zones/us", { method: "POST", json: { version, form: { ...form, name: "First" } } }, { zoneId: "us" });
    expect(first.body.ok).toBe(true);
    const second = await call(zoneRoute.action, "/app/zones/us", { method: "POST", json: { version, form: { ...form, name: "Second" } } }, { zoneId: "us" });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ ok: false, kind: "conflict" });
    expect((await setup()).config.zones.find((z) => z.id === "us")!.name).toBe("First");
  });

  it("creates a new zone with an id derived from its name", async () => {
    const page = await call(zoneRoute.loader, "/app/zones/new", {}, { zoneId: "new" });
    const form = { ...page.body.form, name: "Japan", regions: [{ type: "country", country: "JP", province: "", pattern: "" }] };
    const { body } = await call(zoneRoute.action, "/app/zones/new", { method: "POST", json: { version: page.body.version, form } }, { zoneId: "new" });
    expect(body).toMatchObject({ ok: true, zoneId: "japan" });
  });
});

describe("test your shipping", () => {
  it("returns the rates a shopper would see and the trace that explains them", async () => {
    const line = { ...emptyCartLine("lb", "in"), name: "Shirt", quantity: "2", weight: "1", price: "19.99" };
    const form = { destination: { country: "US", province: "CA", postalCode: "94107", city: "" }, items: [line] };
    const { status, body } = await call(testShippingRoute.action, "/app/test-shipping", { method: "POST", json: form });
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.result.rates.map((r: any) => r.service_code)).toEqual(expect.arrayContaining(["us-standard"]));
    expect(body.result.trace.zone).toMatchObject({ id: "us" });
    expect(body.result.trace.packages.length).toBeGreaterThan(0);
    expect(body.result.trace.services[0].rules.length).toBeGreaterThan(0);
    expect(body.warnings).toEqual([]);
  });

  it("warns with the rates when an item has no weight and the address has no postal code", async () => {
    const weightless = { ...emptyCartLine("lb", "in"), name: "Poster", quantity: "1", weight: "", price: "15" };
    const form = { destination: { country: "US", province: "CA", postalCode: "", city: "" }, items: [weightless] };
    const { status, body } = await call(testShippingRoute.action, "/app/test-shipping", { method: "POST", json: form });
    expect(status).toBe(200);
    expect(body.warnings).toEqual([{ key: "no_weight", item: "Poster" }, { key: "no_postal_code" }]);
  });

  it("shows an empty trace zone when no zone matches the destination", async () => {
    const line = { ...emptyCartLine(), weight: "1", price: "10" };
    const form = { destination: { country: "JP", province: "", postalCode: "100-0001", city: "" }, items: [line] };
    const { body } = await call(testShippingRoute.action, "/app/test-shipping", { method: "POST", json: form });
    expect(body.result).toMatchObject({ rates: [], trace: { zone: null } });
  });

  it("lists the shop's products for the cart picker", async () => {
    const { body } = await call(testShippingRoute.loader, "/app/test-shipping");
    expect(body.products).toContainEqual({ variantId: "gid://shopify/ProductVariant/11", title: "Short Sleeve T-Shirt — Small", sku: "TS-S", grams: 400 });
  });
});

describe("settings", () => {
  it("saves boxes entered in inches and pounds as millimetres and grams", async () => {
    const page = await call(settingsRoute.loader, "/app/settings");
    const form = { ...page.body.form, lengthUnit: "in", weightUnit: "lb" };
    form.boxes = [{ name: "Small", length: "10", width: "8", height: "4", maxWeight: "20", tareWeight: "0.5", isDefault: true }];
    const { status, body } = await call(settingsRoute.action, "/app/settings", { method: "POST", json: { version: page.body.version, form } });
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    const { config } = await setup();
    expect(config.boxes).toEqual([{ name: "Small", innerMm: { l: 254, w: 203.2, h: 101.6 }, maxGrams: 9072, tareGrams: 227, default: true }]);
    expect(config.zones).toHaveLength(6);
  });
});

describe("product data", () => {
  it("merges Shopify variants with stored data and warns about missing weight and dimensions", async () => {
    const { body } = await call(productsRoute.loader, "/app/products");
    expect(body.error).toBeNull();
    expect(body.rows).toHaveLength(2);
    expect(body.warnings).toContainEqual(expect.objectContaining({ variantId: "gid://shopify/ProductVariant/12", kind: "no_weight" }));
    expect(body.warnings.filter((w: any) => w.kind === "no_dimensions")).toHaveLength(2);
  });

  it("shows an Admin API failure as a message instead of crashing", async () => {
    fake.failNext(500, 3);
    const { status, body } = await call(productsRoute.loader, "/app/products");
    expect(status).toBe(200);
    // A code the page words in the merchant's language (products.json loadFailedHelp).
    expect(body.error).toBe("temporary");
  });

  it("stores dimensions and an HS code and bumps the config version so every instance reloads", async () => {
    const before = (await setup()).version;
    const form = { productId: "gid://shopify/Product/1", variantId: "gid://shopify/ProductVariant/11", title: "Short Sleeve T-Shirt — Small", sku: "TS-S", lengthUnit: "cm", weightUnit: "kg", length: "30", width: "20", height: "5", weight: "", hsCode: "6109.10", countryOfOrigin: "pt" };
    const { body } = await call(productsRoute.action, "/app/products", { method: "POST", json: form });
    expect(body.ok).toBe(true);
    const row = await getDb().productShippingData.findFirstOrThrow({ where: { variantId: form.variantId } });
    expect(row).toMatchObject({ lengthMm: 300, widthMm: 200, heightMm: 50, hsCode: "610910", countryOfOrigin: "PT" });
    expect((await setup()).version).toBe(before + 1);
  });

  it("refuses an HS code that is not 6 to 10 digits", async () => {
    const form = { productId: "gid://shopify/Product/1", variantId: "gid://shopify/ProductVariant/11", hsCode: "12" };
    const { status, body } = await call(productsRoute.action, "/app/products", { method: "POST", json: form });
    expect(status).toBe(422);
    expect(body.errors).toContainEqual({ path: "hsCode", message: expect.any(String) });
  });
});
