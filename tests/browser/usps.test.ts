// A merchant connects a USPS developer app (the loopback USPS), adds a USPS service to the US zone, and sees its
// live price and the quota it spent in Test your shipping.
import { expect, it } from "vitest";
import { addCarrierServiceAndTestShipping, describeBrowser, useBrowser } from "./helpers";

describeBrowser("USPS from connect to Test your shipping", () => {
  const browser = useBrowser();

  it("a merchant connects USPS with the app's key and secret, enables a USPS service in a zone and sees its live price", async () => {
    let app = await browser.openAdmin("/app/carriers");
    await app.getByRole("link", { name: /USPS$/ }).first().click();
    app = await browser.waitForAppPath("/app/carriers/usps");
    // The demo connects USPS at start (one connection); disconnect it to connect from scratch.
    await app.getByRole("button", { name: "Disconnect" }).click();
    await app.getByText("USPS disconnected; its credentials were deleted.").waitFor();
    await expect.poll(() => app.getByRole("button", { name: "Disconnect" }).count()).toBe(0);

    await app.getByLabel("Consumer key").fill("demo-usps-key");
    await app.getByLabel("Consumer secret").fill("demo-usps-secret");
    await browser.shot("usps-connect-form");
    await app.getByRole("button", { name: "Save and verify" }).click();
    await app.getByText("USPS is connected").first().waitFor({ timeout: 15_000 });
    await app.getByRole("heading", { name: "Hourly quota" }).waitFor();
    await browser.shot("usps-connected");

    // The US zone gains Priority Mail Express (Waypost name and fallback price); then Test your shipping.
    app = await addCarrierServiceAndTestShipping(browser, { zone: "us", name: "Priority Mail Express", code: "usps-express", fallback: "39.95", pricedBy: "USPS: Priority Mail Express (PRIORITY_MAIL_EXPRESS)", carrier: "USPS" });
    await app.getByRole("row", { name: /Priority Mail Express/ }).waitFor();
    await app.getByRole("heading", { name: "What the shopper sees at checkout" }).scrollIntoViewIfNeeded();
    await browser.shot("usps-test-shipping-rates");

    const traceHeading = app.getByRole("heading", { name: "How these rates were found" });
    const trace = app.locator(".Polaris-ShadowBevel", { has: traceHeading });
    await trace.getByText("USPS", { exact: true }).first().waitFor();
    await expect.poll(() => trace.getByText(/USPS quota: \d+ of \d+ calls left this hour/).count()).toBeGreaterThan(0);
    await trace.getByText("USPS", { exact: true }).first().scrollIntoViewIfNeeded();
    await browser.shot("usps-test-shipping-trace");
    browser.expectNoErrors();
  });
});
