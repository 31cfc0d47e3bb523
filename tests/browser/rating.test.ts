// A merchant's whole rating loop in the browser: create a zone with a service in the zone editor, then see the
// rate a shopper would get, and the trace of how it was found, in Test your shipping.
import { expect, it } from "vitest";
import { describeBrowser, useBrowser, pickCountry } from "./helpers";

describeBrowser("rating from the zone editor to Test your shipping", () => {
  const browser = useBrowser();

  it("a merchant creates a zone, enables a service and sees its rate and trace in Test your shipping", async () => {
    let app = await browser.openAdmin("/app/zones");
    await expect.poll(() => browser.page.locator("#app-title").textContent()).toBe("Zones and rates");
    await app.getByRole("link", { name: "Add zone" }).or(app.getByRole("button", { name: "Add zone" })).first().click();
    app = await browser.waitForAppPath("/app/zones/new");
    await expect.poll(() => browser.page.locator("#app-title").textContent()).toBe("New zone");

    // Zone: name and one whole-country region, Japan.
    await app.getByLabel("Name", { exact: true }).fill("Japan");
    // A new zone starts without a region (an empty one would shadow others): add one.
    await app.getByRole("button", { name: "Add region" }).click();
    await pickCountry(app, "Country", "Japan", "JP");

    // One service with a single open-ended rate-table row at 25.00.
    await app.getByRole("button", { name: "Add service" }).click();
    await app.getByLabel("Name shoppers see").fill("Japan Standard");
    await app.getByLabel("Service code").fill("jp-standard");
    await app.getByLabel(/^Price \(USD\)$/).fill("25.00");
    const offered = app.getByLabel("Offered at checkout");
    if (!(await offered.isChecked())) await offered.check();
    expect(await offered.isChecked()).toBe(true);

    await app.getByRole("button", { name: "Save" }).last().click();
    // A new zone moves to its own URL once saved.
    await app.waitForURL((url) => /^\/app\/zones\/(?!new$)[^/]+$/.test(url.pathname), { timeout: 15_000 });
    app = await browser.appFrame();
    await expect.poll(() => browser.page.locator("#app-title").textContent()).toBe("Japan");
    await app.getByText("Zone saved").waitFor();
    expect(await app.getByText("Nothing was saved").count()).toBe(0);
    await expect.poll(() => app.getByLabel("Service code").inputValue()).toBe("jp-standard");
    await browser.shot("rating-zone-saved");

    // Test your shipping: a typed item to Tokyo.
    app = await browser.openAdmin("/app/test-shipping");
    // One title: the admin's title bar (the page has no second, in-page title).
    await expect.poll(() => browser.page.locator("#app-title").textContent()).toBe("Test your shipping");
    await app.getByRole("heading", { name: "Destination" }).waitFor();
    expect(await app.getByRole("heading", { name: "Test your shipping" }).count()).toBe(0);
    await pickCountry(app, "Country", "Japan", "JP");
    await app.getByLabel("Postal code").fill("100-0001");
    await app.getByLabel("Item", { exact: true }).fill("Tea set");
    await app.getByLabel("Quantity", { exact: true }).fill("1");
    await app.getByLabel(/^Weight each/).fill("1");
    await app.getByLabel(/^Price each/).fill("40.00");
    await app.getByRole("button", { name: "Get rates" }).click();

    // What the shopper sees: the rate and its price.
    await app.getByRole("heading", { name: "What the shopper sees at checkout" }).waitFor({ timeout: 15_000 });
    const row = app.getByRole("row", { name: /Japan Standard/ });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain("$25.00");

    // The trace: the matched zone, at least one rate source step and the service's own line.
    const traceHeading = app.getByRole("heading", { name: "How these rates were found" });
    await traceHeading.waitFor();
    const trace = app.locator(".Polaris-ShadowBevel", { has: traceHeading });
    await expect.poll(() => trace.getByText(/^Zone:/).textContent()).toMatch(/^Zone: Japan \(matched .+\)$/);
    // At least one rate source ran and answered "ok" (the zone's own rate table).
    expect(await trace.locator(".Polaris-Badge").filter({ hasText: /answered$/ }).count()).toBeGreaterThan(0);
    await trace.getByText("Japan Standard", { exact: true }).waitFor();
    await expect.poll(() => trace.getByText(/^Source price .* → final price \$25\.00/).count()).toBeGreaterThan(0);
    await app.getByRole("heading", { name: "What the shopper sees at checkout" }).scrollIntoViewIfNeeded();
    await browser.shot("rating-test-shipping-rates");
    await traceHeading.scrollIntoViewIfNeeded();
    await browser.shot("rating-test-shipping-trace");
    browser.expectNoErrors();
  });
});
