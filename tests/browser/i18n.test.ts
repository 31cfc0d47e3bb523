// The admin in the merchant's language: the locale kept across navigations, errors and traces in French, and every
// page in the five locales that screens.test.ts (English and French, with screenshots) does not cover.
import { expect, it } from "vitest";
import { LOCALES } from "../../app/i18n/config";
import { ADMIN_PAGES, rawKeys, ZONES_NAV } from "./admin-pages";
import { describeBrowser, pickCountry, useBrowser } from "./helpers";

describeBrowser("the admin in the merchant's language", () => {
  const browser = useBrowser();

  it("keeps Shopify's locale across navigations inside the app", async () => {
    // Every page in English and French is checked (and screenshotted) in screens.test.ts.
    await browser.openAdmin("/app", { locale: "fr" });
    await browser.page.locator("#app-nav a", { hasText: ZONES_NAV.fr }).click();
    const app = await browser.waitForAppPath("/app/zones");
    expect(await app.evaluate(() => document.documentElement.lang)).toBe("fr");
    browser.expectNoErrors();
  });

  it("shows a zone's errors in French with the field's label and the shop's units", async () => {
    const app = await browser.openAdmin("/app/zones/new", { locale: "fr" });
    await app.getByLabel("Nom", { exact: true }).fill("Test");
    await app.getByLabel("Priorité", { exact: true }).fill("-1");
    await app.getByRole("button", { name: "Enregistrer" }).last().click();
    await app.getByText("Priorité doit être supérieur ou égal à 0").first().waitFor({ timeout: 15_000 });
    await browser.shot("i18n-fr-zone-errors");
    // The refused save answers 422, which Chromium logs as a failed resource; anything else is an error.
    expect(browser.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    expect(browser.blocked).toEqual([]);
  });

  it("explains Test your shipping's prices in French, in the shop's currency and with names, not ids", async () => {
    const app = await browser.openAdmin("/app/test-shipping", { locale: "fr" });
    await pickCountry(app, "Pays", "United", "US");
    await app.getByLabel("Code postal").fill("94107");
    await app.getByLabel("Article", { exact: true }).fill("Bottes");
    await app.getByLabel("Quantité", { exact: true }).fill("2");
    await app.getByLabel(/^Poids unitaire/).fill("1");
    await app.getByLabel(/^Prix unitaire/).fill("80");
    await app.getByRole("button", { name: "Obtenir les tarifs" }).click();
    await app.getByRole("heading", { name: "Comment ces tarifs ont été trouvés" }).waitFor({ timeout: 15_000 });
    const text = await app.locator("body").innerText();
    expect(text).toContain("2 × Bottes");
    expect(text).not.toMatch(/table:\d|to_99|source price|\b2× 0\b/);
    expect(text).toMatch(/\d,\d\d\s?\$/); // French money: "30,00 $US"-style, never minor units
    await browser.shot("i18n-fr-test-shipping-trace");
    browser.expectNoErrors();
  });

  it("renders every page in the other five locales without a raw key or an error", async () => {
    // English and French went through every page above, with screenshots.
    for (const locale of LOCALES.filter((l) => l !== "en" && l !== "fr")) {
      for (const [name, path] of ADMIN_PAGES) {
        const app = await browser.openAdmin(path, { locale });
        expect(await app.evaluate(() => document.documentElement.lang), `${locale} ${name}`).toBe(locale);
        expect(await rawKeys(app), `${locale} ${name}`).toEqual([]);
      }
      await expect.poll(() => browser.page.locator("#app-nav a").allTextContents()).toContain(ZONES_NAV[locale]);
    }
    browser.expectNoErrors();
  }, 600_000);
});
