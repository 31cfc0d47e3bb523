// The demo admin in a real browser: Polaris renders, navigation works, nothing errors, nothing leaves localhost.
import { expect, it } from "vitest";
import { describeBrowser, useBrowser } from "./helpers";

describeBrowser("the demo admin in Chromium", () => {
  const browser = useBrowser();

  it("renders the home page with Polaris inside the local admin frame", async () => {
    const app = await browser.openAdmin("/app");
    await app.getByRole("heading", { name: "Checkout rates" }).waitFor();
    const card = app.locator(".Polaris-ShadowBevel").first();
    await card.waitFor();
    // Polaris' stylesheet applied (not just its markup): cards are white with rounded corners.
    const look = await card.evaluate((el) => {
      const style = getComputedStyle(el);
      return { radius: parseFloat(style.borderRadius), background: getComputedStyle(el.querySelector(".Polaris-Box") ?? el).backgroundColor };
    });
    expect(look.radius).toBeGreaterThan(0);
    expect(look.background).toBe("rgb(255, 255, 255)");
    await expect.poll(() => app.getByText("Active", { exact: true }).isVisible()).toBe(true);
    // The app's <ui-nav-menu> shows in the admin's left nav, and its title bar in the admin's title bar.
    await expect.poll(() => browser.page.locator("#app-nav a").allTextContents()).toContain("Zones and rates");
    await expect.poll(() => browser.page.locator("#app-title").textContent()).toBe("Waypost");
    await browser.shot("foundation-home");
    browser.expectNoErrors();
  });

  it("navigates from the admin's left nav to Zones and rates (client-side, Bearer-authenticated)", async () => {
    await browser.openAdmin("/app");
    const dataRequests: { url: string; auth: string | undefined }[] = [];
    browser.page.on("request", (request) => {
      // Single fetch (v3_singleFetch) loads route data from `<path>.data`.
      if (new URL(request.url()).pathname.endsWith(".data")) dataRequests.push({ url: request.url(), auth: request.headers().authorization });
    });
    await browser.page.locator("#app-nav a", { hasText: "Zones and rates" }).click();
    const app = await browser.waitForAppPath("/app/zones");
    await expect.poll(() => browser.page.locator("#app-title").textContent()).toBe("Zones and rates");
    await app.getByText("European Union").first().waitFor();
    expect(dataRequests.length).toBeGreaterThan(0);
    for (const r of dataRequests) expect(r.auth, r.url).toMatch(/^Bearer eyJ/);
    await expect.poll(() => browser.page.locator("#app-nav a.active").textContent()).toBe("Zones and rates");
    expect(new URL(browser.page.url()).searchParams.get("path")).toBe("/app/zones");
    await browser.shot("foundation-zones");
    browser.expectNoErrors();
  });

  it("opens Test your shipping directly by its admin URL", async () => {
    const app = await browser.openAdmin("/app/test-shipping");
    // One title: the admin's title bar (the page has no second, in-page title).
    await expect.poll(() => browser.page.locator("#app-title").textContent()).toBe("Test your shipping");
    await app.getByRole("heading", { name: "Destination" }).waitFor();
    expect(await app.getByRole("heading", { name: "Test your shipping" }).count()).toBe(0);
    await browser.shot("foundation-test-shipping");
    browser.expectNoErrors();
  });
});
