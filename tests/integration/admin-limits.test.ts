// Issue 8, defect 5 (rating admin): every stored string has a maximum, enforced by zod at the boundary and
// answered with a field-level error; nothing oversized is stored.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig } from "../helpers/fixtures";
import { BROWSER_UA, offlineSession, sessionToken } from "../helpers/shopify";
import { getDb } from "~/db.server";
import { sessionStorage } from "~/shopify.server";
import { getShippingSetup, saveShippingSetup } from "~/services/shipping-config.server";
import { invalidateShopConfig } from "~/services/rating/service.server";
import { zoneToForm } from "~/admin/forms/zone-form";
import * as zoneRoute from "~/routes/app.zones.$zoneId";
import * as zonesIndex from "~/routes/app.zones._index";
import * as settingsRoute from "~/routes/app.settings";
import * as productsRoute from "~/routes/app.products";

const SHOP = "limits.myshopify.com";
const HUGE = "x".repeat(1_000_000);
const db = useTestDatabase();

async function post(fn: (args: any) => Promise<Response>, path: string, body: string, params: Record<string, string> = {}, type = "application/json") {
  const request = new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${sessionToken(SHOP)}`, "User-Agent": BROWSER_UA, "Content-Type": type },
    body,
  });
  const response = await fn({ request, params, context: {} });
  return { status: response.status, body: (await response.json()) as any };
}


beforeAll(async () => {
  await db.ready();
});
beforeEach(async () => {
  await db.reset();
  invalidateShopConfig(SHOP);
  await getDb().shop.create({ data: { domain: SHOP } });
  await sessionStorage.storeSession(offlineSession(SHOP));
  expect((await saveShippingSetup(SHOP, demoShippingConfig())).ok).toBe(true);
});

describe("length limits in the rating admin", () => {
  it("refuses a 1,000,000-character variant id or HS code with a field error and stores nothing", async () => {
    const form = { productId: "gid://shopify/Product/1", variantId: HUGE, title: "T", hsCode: HUGE };
    const { status, body } = await post(productsRoute.action, "/app/products", JSON.stringify(form));
    expect(status).toBe(422);
    expect(body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(["variantId", "hsCode"]));
    expect(await getDb().productShippingData.count()).toBe(0);
  });

  it("refuses a 1,000,000-character zone name with an error on the name field", async () => {
    const setup = (await getShippingSetup(SHOP))!;
    const form = { ...zoneToForm(setup.config.zones.find((z) => z.id === "us")!, setup.config.currency, "lb"), name: HUGE };
    const { status, body } = await post(zoneRoute.action, "/app/zones/us", JSON.stringify({ version: setup.version, form }), { zoneId: "us" });
    expect(status).toBe(422);
    expect(body.errors[0].path).toBe("name");
    expect(JSON.stringify((await getShippingSetup(SHOP))!.config).length).toBeLessThan(100_000);
  });

  it("refuses a box name over 100 characters on save with an error on that box", async () => {
    const setup = (await getShippingSetup(SHOP))!;
    const page = await settingsRoute.loader({ request: new Request(`${process.env.SHOPIFY_APP_URL}/app/settings`, { headers: { Authorization: `Bearer ${sessionToken(SHOP)}`, "User-Agent": BROWSER_UA } }), params: {}, context: {} } as any);
    const data = (await page.json()) as any;
    const form = { ...data.form, boxes: data.form.boxes.map((b: any, i: number) => (i === 0 ? { ...b, name: "b".repeat(101) } : b)) };
    const { status, body } = await post(settingsRoute.action, "/app/settings", JSON.stringify({ version: setup.version, form }));
    expect(status).toBe(422);
    expect(body.errors.some((e: any) => /boxes\[0\]\.name/.test(e.path))).toBe(true);
  });

  it("answers a zone delete sent as JSON instead of a form with a 400, not a 500", async () => {
    const { status } = await post(zonesIndex.action, "/app/zones", JSON.stringify({ intent: "delete" }));
    expect(status).toBe(400);
  });
});
