// Carrier connections: sealed credentials, every change scoped by shop, erasure, and the rating service building
// sources from the registry plus the shop's connections (and falling back, never failing, without one).
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig } from "../helpers/fixtures";
import { getDb } from "~/db.server";
import type { CarrierConnector } from "~/carriers/connector";
import { createCarrierRegistry } from "~/carriers/registry.server";
import { tableCarrier } from "~/carriers/table";
import {
  activeCarrierConnections,
  deleteCarrierConnection,
  getCarrierConnection,
  listCarrierConnections,
  readCarrierSecrets,
  updateCarrierConnection,
  upsertCarrierConnection,
} from "~/services/carrier-connections.server";
import { eraseShop } from "~/services/shop-lifecycle.server";
import { createRatingService, ratingDeps } from "~/services/rating/service.server";

const db = useTestDatabase();
const SHOP = "carriers.myshopify.com";
const OTHER = "other.myshopify.com";
let shopId: string;
let otherId: string;

// A live carrier double: needs a connection, prices every service at 1234 and shows which key it was given.
const seenKeys: string[] = [];
const seenBaseUrls: (string | undefined)[] = [];
const acme: CarrierConnector<{ region: string }, { apiKey: string }> = {
  id: "acme",
  displayName: "Acme Freight",
  settingsSchema: z.object({ region: z.string() }),
  secretsSchema: z.object({ apiKey: z.string().min(1) }),
  services: [{ code: "GND", name: "Acme Ground", scope: "domestic" }],
  capabilities: { rates: true, negotiatedRates: false, timeInTransit: false, landedCost: false, labels: false, tracking: false },
  requiresConnection: true,
  createSource(connection, deps) {
    seenBaseUrls.push(deps.baseUrl);
    return {
      id: "acme",
      async rate(req) {
        seenKeys.push(connection!.secrets.apiKey);
        return { quotes: req.services.map((serviceCode) => ({ serviceCode, price: { amount: 1234, currency: req.currency } })), messages: [] };
      },
    };
  },
};
const carriers = createCarrierRegistry([tableCarrier, acme]);

beforeAll(async () => {
  await db.ready();
});

beforeEach(async () => {
  await db.reset();
  shopId = (await getDb().shop.create({ data: { domain: SHOP } })).id;
  otherId = (await getDb().shop.create({ data: { domain: OTHER } })).id;
});

describe("carrier connections", () => {
  it("seals credentials at rest, opens them on read and never shows them in a view", async () => {
    const view = await upsertCarrierConnection(getDb(), shopId, { carrierId: "acme", accountNumber: "A1", mode: "test", status: "connected", secrets: { apiKey: "very-secret-key" } });
    const row = await getDb().carrierConnection.findUniqueOrThrow({ where: { id: view.id } });
    expect(row.credentials).not.toContain("very-secret-key");
    expect(JSON.stringify(view)).not.toContain("very-secret-key");
    expect(view).toMatchObject({ carrierId: "acme", accountNumber: "A1", mode: "test", status: "connected", hasCredentials: true });
    expect(await readCarrierSecrets(getDb(), { shopId, id: view.id })).toEqual({ apiKey: "very-secret-key" });
    expect(await readCarrierSecrets(getDb(), { shopId: otherId, id: view.id })).toBeNull();
  });

  it("updates one connection per (shop, carrier, account) and bumps the config version each time", async () => {
    const before = (await getDb().shop.findUniqueOrThrow({ where: { id: shopId } })).configVersion;
    const first = await upsertCarrierConnection(getDb(), shopId, { carrierId: "acme", accountNumber: "A1", mode: "test" });
    const again = await upsertCarrierConnection(getDb(), shopId, { carrierId: "acme", accountNumber: "A1", mode: "production", diagnosis: { negotiated: false } });
    expect(again.id).toBe(first.id);
    expect(await listCarrierConnections(getDb(), shopId)).toMatchObject([{ id: first.id, mode: "production", diagnosis: { negotiated: false } }]);
    expect((await getDb().shop.findUniqueOrThrow({ where: { id: shopId } })).configVersion).toBe(before + 2);
  });

  it("changes or deletes a connection only when both its id and its shop match", async () => {
    const view = await upsertCarrierConnection(getDb(), shopId, { carrierId: "acme", mode: "test" });
    expect(await updateCarrierConnection(getDb(), { shopId: otherId, id: view.id }, { status: "connected" })).toBe(false);
    expect(await deleteCarrierConnection(getDb(), { shopId: otherId, id: view.id })).toBe(false);
    await expect(deleteCarrierConnection(getDb(), { shopId, id: undefined as unknown as string })).rejects.toThrow(/both shopId and id/);
    await expect(updateCarrierConnection(getDb(), { shopId: "", id: view.id }, { status: "connected" })).rejects.toThrow(/both shopId and id/);
    expect(await getCarrierConnection(getDb(), { shopId, id: view.id })).toMatchObject({ status: "pending" });
    expect(await updateCarrierConnection(getDb(), { shopId, id: view.id }, { status: "needs_reconnect", lastError: "token revoked" })).toBe(true);
    expect(await getCarrierConnection(getDb(), { shopId, id: view.id })).toMatchObject({ status: "needs_reconnect", lastError: "token revoked" });
    expect(await deleteCarrierConnection(getDb(), { shopId, id: view.id })).toBe(true);
    expect(await listCarrierConnections(getDb(), shopId)).toEqual([]);
  });

  it("offers rating only connected, valid connections whose credentials open for that row, and stores rotated secrets", async () => {
    const good = await upsertCarrierConnection(getDb(), shopId, { carrierId: "acme", accountNumber: "A1", mode: "production", status: "connected", settings: { region: "us" }, secrets: { apiKey: "k1" } });
    await upsertCarrierConnection(getDb(), shopId, { carrierId: "acme", accountNumber: "A2", mode: "test", status: "disconnected", settings: { region: "us" }, secrets: { apiKey: "k2" } });
    // A sealed blob copied from another shop's row does not open here.
    const stolen = await upsertCarrierConnection(getDb(), otherId, { carrierId: "acme", mode: "test", status: "connected", settings: { region: "us" }, secrets: { apiKey: "theirs" } });
    const sealed = (await getDb().carrierConnection.findUniqueOrThrow({ where: { id: stolen.id } })).credentials;
    await getDb().carrierConnection.update({ where: { id: good.id }, data: { credentials: sealed } });
    expect((await activeCarrierConnections(getDb(), { id: shopId, domain: SHOP }, carriers)).size).toBe(0);

    await updateCarrierConnection(getDb(), { shopId, id: good.id }, { secrets: { apiKey: "k1" } });
    const active = await activeCarrierConnections(getDb(), { id: shopId, domain: SHOP }, carriers);
    expect([...active.keys()]).toEqual(["acme"]);
    const context = active.get("acme")!;
    expect(context).toMatchObject({ id: good.id, shop: SHOP, mode: "production", settings: { region: "us" }, secrets: { apiKey: "k1" } });
    await context.saveSecrets({ apiKey: "k1-refreshed" });
    expect(await readCarrierSecrets(getDb(), { shopId, id: good.id })).toEqual({ apiKey: "k1-refreshed" });
  });

  it("goes with the shop on shop/redact", async () => {
    await upsertCarrierConnection(getDb(), shopId, { carrierId: "acme", mode: "test", secrets: { apiKey: "k" } });
    await upsertCarrierConnection(getDb(), otherId, { carrierId: "acme", mode: "test", secrets: { apiKey: "k" } });
    await getDb().$transaction((tx) => eraseShop(tx, SHOP));
    expect(await getDb().carrierConnection.findMany({ select: { shopId: true } })).toEqual([{ shopId: otherId }]);
  });
});

describe("rating through the registry", () => {
  // The demo's US zone, with its express service moved to the live carrier.
  async function useAcmeForExpress() {
    const config = demoShippingConfig() as { zones: { id: string; services: Record<string, unknown>[] }[] };
    const express = config.zones.find((z) => z.id === "us")!.services.find((s) => s.code === "us-express")!;
    Object.assign(express, { source: "acme", carrierService: "GND" });
    // Written directly: the app's own validation knows only the carriers registered in the app.
    await getDb().shop.update({ where: { id: shopId }, data: { shippingConfig: config as never } });
  }
  const cart = { destination: { country: "US", province: "CA", postalCode: "94107" }, items: [{ quantity: 1, grams: 400, price: 1999 }] };

  it("answers the fallback price, with a trace message and no error, for a carrier the shop has not connected", async () => {
    await useAcmeForExpress();
    const rating = createRatingService(ratingDeps({ carriers }));
    const result = await rating.testShipping(SHOP, cart);
    const express = result.trace.services.find((s) => s.code === "us-express")!;
    expect(express).toMatchObject({ fallbackUsed: true, sourcePrice: null });
    expect(result.trace.sources.find((s) => s.sourceId === "acme")).toMatchObject({
      outcome: "unavailable",
      messages: [{ level: "warning", code: "not_connected", message: expect.stringContaining("Acme Freight has no active connection") }],
    });
    expect(result.rates.map((r) => r.service_code).sort()).toEqual(["us-express", "us-standard"]);
  });

  it("rates with the shop's connected account once there is one", async () => {
    await useAcmeForExpress();
    await upsertCarrierConnection(getDb(), shopId, { carrierId: "acme", mode: "test", status: "connected", settings: { region: "us" }, secrets: { apiKey: "acme-key" } });
    const carrierDeps = { fetch: globalThis.fetch, now: Date.now, baseUrls: { acme: "http://127.0.0.1:9/acme" } };
    const rating = createRatingService(ratingDeps({ carriers, carrierDeps }));
    const result = await rating.testShipping(SHOP, cart);
    expect(result.trace.services.find((s) => s.code === "us-express")).toMatchObject({ fallbackUsed: false, sourcePrice: { amount: 1234, currency: "USD" } });
    expect(seenKeys).toContain("acme-key");
    expect(seenBaseUrls).toContain("http://127.0.0.1:9/acme");
  });

  it("refuses to save a service whose source is not a registered carrier", async () => {
    const { saveShippingSetup } = await import("~/services/shipping-config.server");
    const config = demoShippingConfig() as { zones: { services: Record<string, unknown>[] }[] };
    config.zones[0].services[0].source = "acme";
    const saved = await saveShippingSetup(SHOP, config);
    expect(saved).toMatchObject({ ok: false, kind: "invalid", errors: [{ path: "zones[0].services[0].source", message: expect.stringContaining("not a known carrier") }] });
  });
});
