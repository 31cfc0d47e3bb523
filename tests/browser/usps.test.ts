// A merchant connects a USPS developer app (the loopback USPS), adds a USPS service to the US zone, and sees its
// live price and the quota it spent in Test your shipping.
import { expect, it } from "vitest";
import { describeBrowser, useBrowser } from "./helpers";

describeBrowser("USPS from connect to Test your shipping", () => {
  const browser = useBrowser();

  it("a merchant connects USPS with the app's key and secret, enables a USPS service in a zone and sees its live price", async () => {
    let app = await browser.openAdmin("/app/carriers");
    await app.getByRole("link", { name: /USPS$/ }).first().click();
    app = await browser.waitForAppPath("/app/carriers/usps");
    // The demo connects USPS at start (one connection); disconnect it to connect from scratch.
    await app.getByRole("button", { name: "Disconnect" }).click();
    await app.getByText("USPS disconnected; its credentials are deleted").waitFor();
    await expect.poll(() => app.getByRole("button", { name: "Disconnect" }).count()).toBe(0);

    await app.getByLabel("Consumer key").fill("demo-usps-key");
    await app.getByLabel("Consumer secret").fill("demo-usps-secret");
    await browser.shot("usps-connect-form");
    await app.getByRole("button", { name: "Save and verify" }).click();
    await app.getByText("USPS is connected").first().waitFor({ timeout: 15_000 });
    await app.getByRole("heading", { name: "Hourly quota" }).waitFor();
    await browser.shot("usps-connected");

    // The US zone: a new service priced by USPS Priority Mail Express, with Waypost's name and a fallback price.
    app = await browser.openAdmin("/app/zones/us");
    await app.getByRole("button", { name: "Add service" }).click();
    await app.getByLabel("Name shoppers see").last().fill("Priority Mail Express");
    await app.getByLabel("Service code").last().fill("usps-express");
    await app.getByLabel(/^Fallback price/).last().fill("39.95");
    await app.getByLabel("Priced by").last().selectOption({ label: "USPS: Priority Mail Express (PRIORITY_MAIL_EXPRESS)" });
    await app.getByText(/USPS prices this service at checkout/).last().waitFor();
    await app.getByRole("button", { name: "Save" }).last().click();
    await app.getByText("Zone saved").or(app.getByText(/Nothing was saved/)).first().waitFor({ timeout: 15_000 });
    expect(await app.getByText(/Nothing was saved/).count()).toBe(0);

    app = await browser.openAdmin("/app/test-shipping");
    await app.getByLabel("Country", { exact: true }).selectOption("US");
    await app.getByLabel("Province or state code").fill("CA");
    await app.getByLabel("Postal code").fill("94107");
    await app.getByLabel("Item", { exact: true }).fill("Boots");
    await app.getByLabel("Quantity", { exact: true }).fill("1");
    await app.getByLabel(/^Weight each/).fill("1");
    await app.getByLabel(/^Price each/).fill("80.00");
    await app.getByRole("button", { name: "Get rates" }).click();
    await app.getByRole("heading", { name: "What the shopper sees at checkout" }).waitFor({ timeout: 15_000 });
    await app.getByRole("row", { name: /Priority Mail Express/ }).waitFor();
    await app.getByRole("heading", { name: "What the shopper sees at checkout" }).scrollIntoViewIfNeeded();
    await browser.shot("usps-test-shipping-rates");

    const traceHeading = app.getByRole("heading", { name: "How these rates were found" });
    const trace = app.locator(".Polaris-ShadowBevel", { has: traceHeading });
    await trace.getByText(/^usps:/).first().waitFor();
    await expect.poll(() => trace.getByText(/USPS quota: \d+ of \d+ calls left this hour/).count()).toBeGreaterThan(0);
    await trace.getByText(/^usps:/).first().scrollIntoViewIfNeeded();
    await browser.shot("usps-test-shipping-trace");
    browser.expectNoErrors();
  });
});
