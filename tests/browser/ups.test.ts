// A merchant connects UPS through the (fake) UPS sign-in, adds a UPS service to the US zone, and sees its
// negotiated UPS rate, with the UPS call in the trace, in Test your shipping.
import { expect, it } from "vitest";
import { describeBrowser, useBrowser } from "./helpers";

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
      await app.getByText("UPS disconnected; its tokens were deleted.").waitFor();
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

    // The US zone: a new service priced by UPS 3 Day Select, with Waypost's name and a fallback price.
    app = await browser.openAdmin("/app/zones/us");
    await app.getByRole("button", { name: "Add service" }).click();
    // The new service is the last card.
    await app.getByLabel("Name shoppers see").last().fill("UPS 3 Day Select");
    await app.getByLabel("Service code").last().fill("ups-3day");
    await app.getByLabel(/^Fallback price/).last().fill("19.95");
    await app.getByLabel("Priced by").last().selectOption({ label: "UPS: UPS 3 Day Select (12)" });
    await app.getByText(/UPS prices this service at checkout/).last().waitFor();
    await app.getByLabel("Priced by").last().scrollIntoViewIfNeeded();
    await app.getByRole("button", { name: "Save" }).last().click();
    await app.getByText("Zone saved").or(app.getByText(/Nothing was saved/)).first().waitFor({ timeout: 15_000 });
    await browser.shot("ups-zone-service");
    expect(await app.getByText(/Nothing was saved/).count()).toBe(0);

    // Test your shipping to San Francisco: the UPS services answer with UPS's negotiated prices.
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
    await app.getByRole("row", { name: /UPS 3 Day Select/ }).waitFor();
    await app.getByRole("row", { name: /UPS Ground/ }).waitFor();
    await app.getByRole("heading", { name: "What the shopper sees at checkout" }).scrollIntoViewIfNeeded();
    await browser.shot("ups-test-shipping-rates");

    const traceHeading = app.getByRole("heading", { name: "How these rates were found" });
    const trace = app.locator(".Polaris-ShadowBevel", { has: traceHeading });
    await trace.getByText(/^ups:/).first().waitFor();
    await trace.getByText("UPS 3 Day Select (ups-3day)").waitFor();
    expect(await trace.locator(".Polaris-Badge").filter({ hasText: "negotiated" }).count()).toBeGreaterThan(0);
    await expect.poll(() => trace.getByText(/^Billing weight \d/).count()).toBeGreaterThan(0);
    await trace.getByText("UPS 3 Day Select (ups-3day)").scrollIntoViewIfNeeded();
    await browser.shot("ups-test-shipping-trace");
    browser.expectNoErrors();
  });
});
