// The 3PL partner portal and the merchant's partner page in Chromium, on the demo: Demo 3PL signs in, sees the
// demo shop's orders, accepts one and ships it with tracking; its linked shops page; the merchant's Fulfillment
// partners page lists the link. Screenshots go to test-results/screenshots/partners-*.png.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { browserEnv, describeBrowser, useBrowser } from "./helpers";

const EMAIL = "3pl@waypost-demo.test";
const PASSWORD = "demo-3pl-password";

/** Opens a portal page and waits for React to hydrate it: a field filled before that would be reset. */
async function openPortal(page: Page, pathname: string) {
  await page.goto(`${browserEnv.baseUrl}${pathname}`);
  await page.waitForFunction(() => {
    const root = document.querySelector(".Polaris-Page");
    return !!root && Object.keys(root).some((key) => key.startsWith("__reactFiber"));
  });
}

describeBrowser("the 3PL partner portal in Chromium", () => {
  const browser = useBrowser();

  it("signs the provider in, lists the routed orders and ships one with tracking", async () => {
    const page = browser.page;
    await openPortal(page, "/partners/login");
    await page.getByLabel("Email", { exact: true }).fill(EMAIL);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await browser.shot("partners-login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/partners/orders");
    // A Polaris card is a ShadowBevel box; the order's card is the nearest one around its heading.
    const card = (name: string) => page.getByRole("heading", { name: new RegExp(`^${name} ·`) }).locator("xpath=ancestor::div[contains(@class, 'Polaris-ShadowBevel')][1]");
    await card("#1003").waitFor();
    await card("#1002").waitFor();
    await expect.poll(() => card("#1003").textContent()).toContain("Winter Coat");
    await browser.shot("partners-orders");

    await card("#1003").getByRole("button", { name: "Accept" }).click();
    await expect.poll(() => card("#1003").locator(".Polaris-Badge").textContent()).toMatch(/accepted$/);
    await card("#1003").getByLabel("Tracking number").fill("1Z999AA10123456784");
    await card("#1003").getByLabel("Carrier").fill("UPS");
    await card("#1003").getByRole("button", { name: "Ship" }).click();
    await card("#1003").getByText("Tracking: UPS 1Z999AA10123456784").waitFor();
    await expect.poll(() => card("#1003").locator(".Polaris-Badge").textContent()).toMatch(/shipped$/);
    await browser.shot("partners-shipped");
    browser.expectNoErrors();
  });

  it("shows the linked demo shop and sends an invitation to another shop", async () => {
    const page = browser.page;
    await openPortal(page, "/partners/links");
    await page.getByRole("heading", { name: "Waypost Demo Store" }).waitFor();
    await page.getByText("active", { exact: true }).first().waitFor();
    await page.getByLabel("Shop domain or email").fill("another-demo-shop.myshopify.com");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText(/Invitation created: if the shop uses Waypost/).waitFor();
    await browser.shot("partners-links");
    browser.expectNoErrors();
  });

  it("asks for the account email before deleting the account, and keeps it on a mismatch", async () => {
    const page = browser.page;
    await openPortal(page, "/partners/account");
    await page.getByRole("heading", { name: "Delete this provider account" }).waitFor();
    await page.getByLabel(`Type ${EMAIL} to confirm`).fill("someone@else.test");
    await page.getByRole("button", { name: "Delete account" }).click();
    await page.getByText("Type your account email exactly to confirm the deletion").waitFor();
    await browser.shot("partners-account");
    expect(new URL(page.url()).pathname).toBe("/partners/account");
  });

  it("shows the merchant the provider's link on Fulfillment partners", async () => {
    const app = await browser.openAdmin("/app/partners");
    await expect.poll(() => browser.page.locator("#app-title").textContent()).toBe("Fulfillment partners");
    await app.getByText("Demo 3PL").first().waitFor();
    await browser.shot("partners-merchant");
    browser.expectNoErrors();
  });

  // Last: it changes the browser's languages and the remembered locale cookie (and puts English back at the end).
  it("renders the portal in French when the browser asks for it, and keeps the language picked in the picker", async () => {
    const page = browser.page;
    await page.setExtraHTTPHeaders({ "Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5" });
    try {
      await openPortal(page, "/partners/orders");
      expect(await page.locator("html").getAttribute("lang")).toBe("fr");
      await page.getByRole("heading", { name: "Commandes", exact: true }).waitFor();
      await page.getByRole("link", { name: "Boutiques liées" }).waitFor();
      await page.getByRole("button", { name: "Se déconnecter" }).waitFor();
      await page.getByText("Demo 3PL · identifiant partenaire", { exact: false }).waitFor();
      await expect.poll(() => page.getByRole("heading", { name: /^#1003 ·/ }).locator("xpath=ancestor::div[contains(@class, 'Polaris-ShadowBevel')][1]").locator(".Polaris-Badge").textContent()).toMatch(/expédiée$/);
      await browser.shot("partners-orders-fr");

      // The picker reloads the page in the chosen language and remembers it: the next page, without the parameter
      // and with the browser still asking for French, stays German.
      await page.getByLabel("Langue").selectOption("de");
      await page.waitForURL((url) => url.searchParams.get("locale") === "de");
      await page.getByRole("heading", { name: "Bestellungen", exact: true }).waitFor();
      await openPortal(page, "/partners/links");
      expect(await page.locator("html").getAttribute("lang")).toBe("de");
      await page.getByRole("heading", { name: "Verknüpfte Shops", exact: true }).waitFor();
      await page.getByRole("button", { name: "Einladung senden" }).waitFor();
      browser.expectNoErrors();
    } finally {
      await page.setExtraHTTPHeaders({});
      await openPortal(page, "/partners/orders?locale=en");
    }
  });
});
