// A merchant connects UPS through the (fake) UPS sign-in, adds a UPS service to the US zone, and sees its
// negotiated UPS rate, with the UPS call in the trace, in Test your shipping.
import { expect, it } from "vitest";
import { addCarrierServiceAndTestShipping, describeBrowser, useBrowser } from "./helpers";

describeBrowser("UPS from connect to Test your shipping", () => {
  const browser = useBrowser();

  it("a merchant connects UPS by signing in, enables a UPS service in a zone and sees its negotiated rate", async () => {
    // Carriers lists UPS from the registry; the demo's own connection is removed first, to connect from scratch.
    let app = await browser.openAdmin("/app/carriers");
    await app.getByRole("heading", { name: "UPS", exact: true }).waitFor();
    await app.getByRole("link", { name: /UPS$/ }).first().click();
    app = await browser.waitForAppPath("/app/carriers/ups");
    for (let i = 0; i < 3 && (await app.getByRole("button", { name: "Disconnect" }).count()) > 0; i++) {
      await app.getByRole("button", { name: "Disconnect" }).first().click();
      await app.getByText("UPS disconnected; its credentials were deleted.").waitFor();
    }

    await app.getByLabel("UPS account number").fill("A1B2C3");
    await app.getByLabel("Account postal code").fill("10001");
    await app.getByLabel("Account country").fill("US");
    await browser.shot("ups-connect-form");
    await app.getByRole("button", { name: "Connect with UPS" }).click();

    // The whole window leaves the admin for UPS's sign-in page (the fake), then comes back.
    const page = browser.page;
    await page.waitForURL(/\/fake-ups\/login/, { timeout: 15_000 });
    await page.getByRole("heading", { name: "Sign in to UPS (fake)" }).waitFor();
    await browser.shot("ups-sign-in");
    await page.getByRole("button", { name: "Allow" }).click();
    await page.waitForURL(/\/__admin\?path=/, { timeout: 15_000 });
    app = await browser.waitForAppPath("/app/carriers/ups");
    await app.getByText("UPS connected").first().waitFor({ timeout: 15_000 });
    await app.getByText("UPS account A1B2C3").waitFor();
    await app.getByText("Connected", { exact: true }).waitFor();
    await app.getByText("UPS returns this account's negotiated rates.").waitFor();
    await browser.shot("ups-connected");

    // The US zone gains UPS 3 Day Select (Waypost name and fallback price); then Test your shipping to San Francisco.
    app = await addCarrierServiceAndTestShipping(browser, { zone: "us", name: "UPS 3 Day Select", code: "ups-3day", fallback: "19.95", pricedBy: "UPS: UPS 3 Day Select (12)", carrier: "UPS" });
    await app.getByRole("row", { name: /UPS 3 Day Select/ }).waitFor();
    await app.getByRole("row", { name: /UPS Ground/ }).waitFor();
    await app.getByRole("heading", { name: "What the shopper sees at checkout" }).scrollIntoViewIfNeeded();
    await browser.shot("ups-test-shipping-rates");

    const traceHeading = app.getByRole("heading", { name: "How these rates were found" });
    const trace = app.locator(".Polaris-ShadowBevel", { has: traceHeading });
    // The trace names sources and services as the merchant knows them (carrier name, service name), not by id.
    await trace.getByText("UPS", { exact: true }).first().waitFor();
    await trace.getByText("UPS 3 Day Select", { exact: true }).waitFor();
    expect(await trace.locator(".Polaris-Badge").filter({ hasText: "negotiated" }).count()).toBeGreaterThan(0);
    await expect.poll(() => trace.getByText(/^Billing weight \d/).count()).toBeGreaterThan(0);
    await trace.getByText("UPS 3 Day Select", { exact: true }).scrollIntoViewIfNeeded();
    await browser.shot("ups-test-shipping-trace");
    browser.expectNoErrors();
  });
});
