// Weights are shown rounded for people (5000 g → "11.02" lb) but saved exactly: the zone editor carries the stored
// grams beside each band's text, through the real loader and action with a session-token request and a real database.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig } from "../helpers/fixtures";
import { BROWSER_UA, offlineSession, sessionToken } from "../helpers/shopify";
import { getDb } from "~/db.server";
import { sessionStorage } from "~/shopify.server";
import { getShippingSetup, saveShippingSetup } from "~/services/shipping-config.server";
import * as zoneRoute from "~/routes/app.zones.$zoneId";

const SHOP = "zone-weight-display.myshopify.com";
const db = useTestDatabase();

function adminRequest(json?: unknown) {
  const headers: Record<string, string> = { Authorization: `Bearer ${sessionToken(SHOP)}`, "User-Agent": BROWSER_UA };
  if (json !== undefined) headers["Content-Type"] = "application/json";
  const init = json === undefined ? { headers } : { method: "POST", headers, body: JSON.stringify(json) };
  return new Request(`${process.env.SHOPIFY_APP_URL}/app/zones/us`, init);
}

async function call(fn: (args: any) => Promise<Response>, json?: unknown) {
  const response = await fn({ request: adminRequest(json), params: { zoneId: "us" }, context: {} });
  return { status: response.status, body: (await response.json()) as any };
}

async function usBands() {
  const setup = await getShippingSetup(SHOP);
  return setup!.config.zones.find((z) => z.id === "us")!.services[0].rateTable!.bands;
}

beforeAll(async () => {
  await db.ready();
});

beforeEach(async () => {
  await db.reset();
  await getDb().shop.create({ data: { domain: SHOP } });
  await sessionStorage.storeSession(offlineSession(SHOP));
  expect((await saveShippingSetup(SHOP, demoShippingConfig())).ok).toBe(true);
});

describe("weights in the zone editor", () => {
  it("shows band limits in pounds with at most two decimals", async () => {
    const page = await call(zoneRoute.loader);
    expect(page.body.form.weightUnit).toBe("lb");
    expect(page.body.form.services[0].bands.map((b: any) => b.maxWeight)).toEqual(["2.2", "11.02", "44.09"]);
  });

  it("keeps the stored grams of every band the merchant did not change", async () => {
    const before = await usBands();
    const page = await call(zoneRoute.loader);
    const saved = await call(zoneRoute.action, { version: page.body.version, form: page.body.form });
    expect(saved.status).toBe(200);
    expect(await usBands()).toEqual(before);
    expect(before.map((b) => b.maxGrams)).toEqual([1000, 5000, 20000]);
  });

  it("converts a limit the merchant typed to whole grams and leaves the others as stored", async () => {
    const page = await call(zoneRoute.loader);
    const form = page.body.form;
    form.services[0].bands[1].maxWeight = "11.5";
    form.services[0].bands[2].minWeight = "11.5";
    const saved = await call(zoneRoute.action, { version: page.body.version, form });
    expect(saved.status).toBe(200);
    const bands = await usBands();
    expect(bands.map((b) => [b.minGrams, b.maxGrams])).toEqual([[undefined, 1000], [1000, 5216], [5216, 20000]]);
  });
});
