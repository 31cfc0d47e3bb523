// The setup guide from an empty shop to a passing Test your shipping: "use my own rate tables", a zone, a
// service, a test; then a second zone over the same country, and the overlap warning that names both zones.
// The demo shop is emptied for this file (shipping setup, guide choices, carrier connections) and restored after.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Frame } from "playwright-core";
import { createPrismaClient } from "~/db.server";
import { browserEnv, describeBrowser, useBrowser, pickCountry, pickProvince } from "./helpers";

const stepStatus = (app: Frame, step: string) => app.locator(`[data-step="${step}"]`).getAttribute("data-status");

describeBrowser("the setup guide", () => {
  const browser = useBrowser();
  const db = browserEnv.available ? createPrismaClient(browserEnv.databaseUrl) : null;
  let saved: { shippingConfig: unknown; setupGuide: unknown; connections: Record<string, unknown>[] } | null = null;

  /** Empties the demo shop: no shipping setup, no guide choices, no carrier connections. */
  async function emptyShop() {
    if (!db) return;
    const shop = await db.shop.findUniqueOrThrow({ where: { domain: browserEnv.shop } });
    await db.carrierConnection.deleteMany({ where: { shopId: shop.id } });
    // A new config version makes the server recompile the (now empty) setup, as any save would.
    await db.shop.update({ where: { id: shop.id, domain: browserEnv.shop }, data: { shippingConfig: null as never, setupGuide: null as never, configVersion: { increment: 1 } } });
  }

  beforeAll(async () => {
    if (!db) return;
    const shop = await db.shop.findUniqueOrThrow({ where: { domain: browserEnv.shop }, include: { carriers: true } });
    saved = { shippingConfig: shop.shippingConfig, setupGuide: shop.setupGuide, connections: shop.carriers };
    await emptyShop();
  });

  afterAll(async () => {
    if (!db || !saved) return;
    const shop = await db.shop.findUniqueOrThrow({ where: { domain: browserEnv.shop } });
    await db.shop.update({ where: { id: shop.id, domain: browserEnv.shop }, data: { shippingConfig: saved.shippingConfig as never, setupGuide: saved.setupGuide as never, configVersion: { increment: 1 } } });
    for (const c of saved.connections) await db.carrierConnection.create({ data: c as never });
    await db.$disconnect();
  });

  it("walks an empty shop to a passing Test your shipping", async () => {
    let app = await browser.openAdmin("/app");
    await app.getByRole("heading", { name: "Setup guide" }).waitFor();
    expect(await stepStatus(app, "carrier")).toBe("todo");
    expect(await stepStatus(app, "zones")).toBe("todo");
    await browser.shot("setup-guide-empty-shop");

    // 1. Own rate tables instead of a carrier account.
    await app.getByRole("button", { name: "Use my own rate tables" }).click();
    await app.locator('[data-step="carrier"][data-status="done"]').waitFor();

    // 2–3. A zone with one service priced by a table; the new zone starts without any region.
    app = await browser.openAdmin("/app/zones/new");
    expect(await app.getByLabel("Type").count()).toBe(0);
    await app.getByLabel("Name", { exact: true }).fill("United States");
    await app.getByRole("button", { name: "Add region" }).click();
    await pickCountry(app, "Country", "United States", "US");
    await app.getByRole("button", { name: "Add service" }).click();
    await app.getByLabel("Name shoppers see").fill("Standard");
    await app.getByLabel("Service code").fill("standard");
    await app.getByLabel(/^Price \(/).first().fill("7.50");
    await app.getByRole("button", { name: "Save" }).last().click();
    await browser.waitForAppPath("/app/zones/united-states");
    await browser.shot("setup-guide-zone-saved");

    app = await browser.openAdmin("/app");
    expect(await stepStatus(app, "zones")).toBe("done");
    expect(await stepStatus(app, "services")).toBe("done");
    expect(await stepStatus(app, "test")).toBe("todo");

    // 5. Test your shipping.
    app = await browser.openAdmin("/app/test-shipping");
    await pickCountry(app, "Country", "United States", "US");
    await pickProvince(app, "State", "NY");
    await app.getByLabel("Postal code").fill("10001");
    await app.getByLabel("Item", { exact: true }).fill("Boots");
    await app.getByLabel("Quantity", { exact: true }).fill("1");
    await app.getByLabel(/^Weight each/).fill("1");
    await app.getByLabel(/^Price each/).fill("80.00");
    await app.getByRole("button", { name: "Get rates" }).click();
    await app.getByRole("heading", { name: "What the shopper sees at checkout" }).waitFor({ timeout: 15_000 });

    app = await browser.openAdmin("/app");
    expect(await stepStatus(app, "test")).toBe("done");
    await browser.shot("setup-guide-tested");
    browser.expectNoErrors();
  }, 180_000);

  it("warns on the zone pages and the home page when a new zone overlaps and has no service", async () => {
    let app: Frame;

    // A second zone over the same country, saved with only a name and a region: it has no service, so checkout
    // skips it, the home page flags it, and both zone pages name the overlap and the zone that wins.
    app = await browser.openAdmin("/app/zones/new");
    await app.getByLabel("Name", { exact: true }).fill("Copy of US");
    await app.getByRole("button", { name: "Add region" }).click();
    await pickCountry(app, "Country", "United States", "US");
    await app.getByRole("button", { name: "Save" }).last().click();
    await browser.waitForAppPath("/app/zones/copy-of-us");
    await app.getByText("Zones overlap").waitFor();
    const warning = app.locator(".Polaris-Banner").filter({ hasText: "Zones overlap" });
    expect(await warning.innerText()).toMatch(/Checkout uses “United States” there because the other zone has no enabled service/);
    await browser.shot("setup-guide-overlap-zone-page");

    app = await browser.openAdmin("/app/zones");
    await app.getByText("Zones overlap").waitFor();
    await browser.shot("setup-guide-overlap-zones-list");

    app = await browser.openAdmin("/app");
    expect(await stepStatus(app, "services")).toBe("broken");
    await app.getByText("Some zones have no enabled service").waitFor();
    await app.getByText("Zones overlap").waitFor();
    await browser.shot("setup-guide-broken-home");
    browser.expectNoErrors();
  }, 120_000);

  it("walks an empty shop to a passing Test your shipping in French", async () => {
    await emptyShop();
    let app = await browser.openAdmin("/app", { locale: "fr" });
    await app.getByRole("heading", { name: "Guide de configuration" }).waitFor();
    expect(await stepStatus(app, "carrier")).toBe("todo");
    await browser.shot("setup-guide-fr-empty-shop");

    await app.getByRole("button", { name: "Utiliser mes propres grilles tarifaires" }).click();
    await app.locator('[data-step="carrier"][data-status="done"]').waitFor();

    app = await browser.openAdmin("/app/zones/new", { locale: "fr" });
    await app.getByLabel("Nom", { exact: true }).fill("États-Unis");
    await app.getByRole("button", { name: "Ajouter une région" }).click();
    await pickCountry(app, "Pays", "United States", "US");
    await app.getByRole("button", { name: "Ajouter un service" }).click();
    await app.getByLabel("Nom affiché aux clients").fill("Standard");
    await app.getByLabel("Code de service").fill("standard");
    await app.getByLabel(/^Prix \(/).first().fill("7.50");
    await app.getByRole("button", { name: "Enregistrer" }).last().click();
    await app.getByText("Zone enregistrée").first().waitFor({ timeout: 15_000 });
    await browser.shot("setup-guide-fr-zone-saved");

    app = await browser.openAdmin("/app", { locale: "fr" });
    expect(await stepStatus(app, "zones")).toBe("done");
    expect(await stepStatus(app, "services")).toBe("done");
    expect(await stepStatus(app, "test")).toBe("todo");

    app = await browser.openAdmin("/app/test-shipping", { locale: "fr" });
    await pickCountry(app, "Pays", "United States", "US");
    await pickProvince(app, "État", "NY");
    await app.getByLabel("Code postal").fill("10001");
    await app.getByLabel("Article", { exact: true }).fill("Bottes");
    await app.getByLabel("Quantité", { exact: true }).fill("1");
    await app.getByLabel(/^Poids unitaire/).fill("1");
    await app.getByLabel(/^Prix unitaire/).fill("80");
    await app.getByRole("button", { name: "Obtenir les tarifs" }).click();
    await app.getByRole("heading", { name: "Ce que voit le client lors du paiement" }).waitFor({ timeout: 15_000 });

    app = await browser.openAdmin("/app", { locale: "fr" });
    expect(await stepStatus(app, "test")).toBe("done");
    await browser.shot("setup-guide-fr-tested");
    browser.expectNoErrors();
  }, 180_000);
});
