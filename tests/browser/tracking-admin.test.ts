// The tracking admin in the browser: the Channels page with its connect form, and the delivery log with its filters.
import { expect, it } from "vitest";
import { describeBrowser, useBrowser } from "./helpers";

describeBrowser("the tracking admin in Chromium", () => {
  const browser = useBrowser();

  it("shows the Channels page with its connect form and the delivery log with its filters", async () => {
    let app = await browser.openAdmin("/app/channels");
    await expect.poll(() => browser.page.locator("#app-title").textContent()).toBe("Channels");
    await app.getByRole("heading", { name: "Connect a channel" }).waitFor();
    // The connect form: a type, a name, what it sends, and the Connect button.
    const type = app.getByLabel("Type", { exact: true });
    await type.waitFor();
    expect(await type.locator("option").count()).toBeGreaterThan(0);
    await app.getByLabel("Name", { exact: true }).waitFor();
    await app.getByLabel("Sends", { exact: true }).first().waitFor();
    await app.getByRole("button", { name: "Connect", exact: true }).waitFor();
    await expect.poll(() => browser.page.locator("#app-title").textContent()).toBe("Channels");
    await browser.shot("tracking-admin-channels");
    browser.expectNoErrors();

    app = await browser.openAdmin("/app/deliveries");
    await expect.poll(() => browser.page.locator("#app-title").textContent()).toBe("Deliveries");
    // The filters: status, channel and order.
    const status = app.getByLabel("Status", { exact: true });
    await status.waitFor();
    expect(await status.locator("option").first().textContent()).toBe("All");
    await app.getByLabel("Channel", { exact: true }).waitFor();
    await app.getByLabel("Order", { exact: true }).waitFor();
    // Either the log's entries or its empty state.
    await app.getByText("No deliveries match.").or(app.getByRole("heading", { level: 3 }).filter({ hasText: "→" })).first().waitFor();
    await browser.shot("tracking-admin-deliveries");
    browser.expectNoErrors();
  });
});
