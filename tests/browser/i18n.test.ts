// The admin in the merchant's language: every page in English and French with screenshots (looked at by a person,
// see docs/i18n.md), and every page in all seven locales without a raw key or an error.
import type { Frame } from "playwright-core";
import { expect, it } from "vitest";
import { LOCALES } from "../../app/i18n/config";
import { describeBrowser, pickCountry, useBrowser } from "./helpers";

/** Every admin page (app/routes/app.*.tsx), by the path that shows it with the demo shop's data. */
const PAGES = [
  ["home", "/app"],
  ["zones", "/app/zones"],
  ["zone-new", "/app/zones/new"],
  ["carriers", "/app/carriers"],
  ["carriers-ups", "/app/carriers/ups"],
  ["carriers-usps", "/app/carriers/usps"],
  ["settings", "/app/settings"],
  ["products", "/app/products"],
  ["landed-cost", "/app/landed-cost"],
  ["test-shipping", "/app/test-shipping"],
  ["channels", "/app/channels"],
  ["channel-rules", "/app/channels/rules"],
  ["deliveries", "/app/deliveries"],
] as const;

/** The nav's "Zones and rates" in each locale: proof the page is in that language, not English. */
const ZONES_NAV: Record<string, string> = {
  en: "Zones and rates",
  "pt-BR": "Zonas e fretes",
  fr: "Zones et tarifs",
  de: "Zonen und Tarife",
  id: "Zona dan tarif",
  "zh-CN": "区域和运费",
  "es-MX": "Zonas y tarifas",
};

/** Text nodes that look like an i18next key rendered raw ("list.title", "zones:editor.name"). */
async function rawKeys(app: Frame): Promise<string[]> {
  return app.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? "").trim();
      if (/^([a-zA-Z]+:)?[a-z][a-zA-Z0-9_]*(\.[a-zA-Z0-9_]+)+$/.test(text)) found.push(text);
    }
    const labels = [...document.querySelectorAll("[aria-label], [placeholder]")].map((el) => el.getAttribute("aria-label") ?? el.getAttribute("placeholder") ?? "");
    return [...found, ...labels.filter((l) => /^([a-zA-Z]+:)?[a-z][a-zA-Z0-9_]*(\.[a-zA-Z0-9_]+)+$/.test(l))];
  });
}

describeBrowser("the admin in the merchant's language", () => {
  const browser = useBrowser();

  for (const locale of ["en", "fr"]) {
    it(`renders every admin page in ${locale}, with Shopify's locale remembered across navigations`, async () => {
      for (const [name, path] of PAGES) {
        const app = await browser.openAdmin(path, { locale });
        expect(await app.evaluate(() => document.documentElement.lang), name).toBe(locale);
        await expect.poll(() => browser.page.locator("#app-nav a").allTextContents(), { message: name }).toContain(ZONES_NAV[locale]);
        expect(await rawKeys(app), name).toEqual([]);
        await browser.shot(`i18n-${locale}-${name}`);
      }
      // Inside the app, later navigations (no `locale` parameter any more) keep the language.
      await browser.page.locator("#app-nav a", { hasText: ZONES_NAV[locale] }).click();
      const app = await browser.waitForAppPath("/app/zones");
      expect(await app.evaluate(() => document.documentElement.lang)).toBe(locale);
      browser.expectNoErrors();
    });
  }

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
      for (const [name, path] of PAGES) {
        const app = await browser.openAdmin(path, { locale });
        expect(await app.evaluate(() => document.documentElement.lang), `${locale} ${name}`).toBe(locale);
        expect(await rawKeys(app), `${locale} ${name}`).toEqual([]);
      }
      await expect.poll(() => browser.page.locator("#app-nav a").allTextContents()).toContain(ZONES_NAV[locale]);
    }
    browser.expectNoErrors();
  }, 600_000);
});
