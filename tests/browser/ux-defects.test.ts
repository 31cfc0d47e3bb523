// The admin's editing defects, fixed and walked in Chromium: the contextual save bar (shown on edit, Discard
// restores, leaving asks first), field errors that clear as the merchant fixes them, connecting a webhook channel
// by pasting its URL (which brings a default event rule), and the delivery log's order filter on Enter.
import { expect, it } from "vitest";
import { describeBrowser, useBrowser } from "./helpers";

describeBrowser("the admin's editing defects in Chromium", () => {
  const browser = useBrowser();
  const title = () => browser.page.locator("#app-title").textContent();
  // A refused save or connect answers 4xx on purpose; Chromium logs those responses as console errors.
  const expectNoErrorsBut4xx = () => expect(browser.errors.filter((e) => !/status of 4(09|22) /.test(e))).toEqual([]);

  it("shows the save bar when a setting is edited, and Discard puts the saved value back", async () => {
    const app = await browser.openAdmin("/app/settings");
    await expect.poll(title).toBe("Boxes and origin");
    const saveBar = app.locator("ui-save-bar");
    const days = app.getByLabel("Processing days before shipping");
    const saved = await days.inputValue();
    expect(await saveBar.getAttribute("open")).toBeNull();

    await days.fill(String(Number(saved || "0") + 3));
    await expect.poll(() => saveBar.getAttribute("open")).toBe("");
    await expect.poll(() => saveBar.getByRole("button", { name: "Save" }).isVisible()).toBe(true);
    await browser.shot("ux-save-bar-open");

    await saveBar.getByRole("button", { name: "Discard" }).click();
    await expect.poll(() => days.inputValue()).toBe(saved);
    await expect.poll(() => saveBar.getAttribute("open")).toBeNull();
    browser.expectNoErrors();
  });

  it("asks before leaving a page with unsaved edits, and stays when the merchant says so", async () => {
    const app = await browser.openAdmin("/app/settings");
    await expect.poll(title).toBe("Boxes and origin");
    await app.getByLabel("Postal code").fill("99999");
    await expect.poll(() => app.locator("ui-save-bar").getAttribute("open")).toBe("");

    await browser.page.locator("#app-nav a", { hasText: "Zones and rates" }).click();
    const dialog = app.getByRole("dialog", { name: "Leave page with unsaved changes?" });
    await dialog.waitFor();
    await browser.shot("ux-leave-warning");
    await dialog.getByRole("button", { name: "Stay" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(new URL(app.url()).pathname).toBe("/app/settings");
    expect(await app.getByLabel("Postal code").inputValue()).toBe("99999");

    // Leaving for real drops the edit: back on the page, the saved value is there.
    await browser.page.locator("#app-nav a", { hasText: "Zones and rates" }).click();
    await app.getByRole("dialog", { name: "Leave page with unsaved changes?" }).getByRole("button", { name: "Leave page" }).click();
    await browser.waitForAppPath("/app/zones");
    browser.expectNoErrors();
  });

  it("clears a field's error as soon as the merchant changes the field", async () => {
    const app = await browser.openAdmin("/app/settings");
    await expect.poll(title).toBe("Boxes and origin");
    const currency = app.getByLabel("Currency (ISO 4217)");
    const saved = await currency.inputValue();
    await currency.fill("DOLLARS");
    await app.locator("ui-save-bar").getByRole("button", { name: "Save" }).click();
    // Polaris links the inline error to its input through aria-describedby.
    const described = async () => {
      const ids = (await currency.getAttribute("aria-describedby")) ?? "";
      const texts = await Promise.all(ids.split(/\s+/).filter(Boolean).map((id) => app.locator(`[id="${id}"]`).textContent()));
      return texts.join(" ");
    };
    await app.getByText("Nothing was saved").waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await currency.getAttribute("aria-invalid")) === "true").toBe(true);
    expect(await described()).not.toBe("");
    await browser.shot("ux-error-shown");

    await currency.fill(saved);
    await expect.poll(async () => (await currency.getAttribute("aria-invalid")) === "true").toBe(false);
    expect(await app.getByText("Nothing was saved").count()).toBe(0);
    await browser.shot("ux-error-cleared");
    // Back to the saved value: nothing is unsaved any more.
    await expect.poll(() => app.locator("ui-save-bar").getAttribute("open")).toBeNull();
    expectNoErrorsBut4xx();
  });

  it("connects a webhook from a pasted URL, empties the form, and starts it with a default event rule", async () => {
    let app = await browser.openAdmin("/app/channels");
    await expect.poll(title).toBe("Channels");
    await app.getByLabel("Type", { exact: true }).selectOption({ label: "Webhook (Intelipost-style)" });
    // Basic-auth fields only appear when Basic is chosen.
    expect(await app.getByLabel("Basic auth user").count()).toBe(0);
    await app.getByLabel("Name", { exact: true }).fill("Warehouse ERP");
    await app.getByLabel("Webhook URL").fill("https://erp.example.com:8443/hooks/waypost?src=shop");
    await app.getByLabel("Authentication").selectOption("hmac");
    await app.getByLabel(/^HMAC secret/).fill("s3cret-s3cret-s3cret-63c0");
    expect(await app.getByLabel("Basic auth user").count()).toBe(0);
    await app.getByRole("button", { name: "Connect", exact: true }).click();
    await app.getByText(/^Connected\. It receives every tracking event/).waitFor({ timeout: 15_000 });
    await expect.poll(() => app.getByLabel("Name", { exact: true }).inputValue()).toBe("");
    await app.getByRole("heading", { name: "Warehouse ERP" }).waitFor();
    await app.getByText("HMAC secret ending in 63c0").waitFor();
    await browser.shot("ux-channel-connected");

    // The same destination again is refused, not duplicated.
    await app.getByLabel("Name", { exact: true }).fill("ERP again");
    await app.getByLabel("Webhook URL").fill("https://erp.example.com:8443/hooks/waypost?src=shop");
    await app.getByRole("button", { name: "Connect", exact: true }).click();
    await app.getByText(/already sends to this destination/).waitFor({ timeout: 15_000 });
    expect(await app.getByRole("heading", { name: "ERP again" }).count()).toBe(0);

    app = await browser.openAdmin("/app/channels/rules");
    await app.getByText("All orders to Warehouse ERP").first().waitFor();
    await browser.shot("ux-channel-default-rule");
    expectNoErrorsBut4xx();
  });

  it("filters the delivery log by order when the merchant presses Enter, and the clear button removes it", async () => {
    const app = await browser.openAdmin("/app/deliveries");
    await expect.poll(title).toBe("Deliveries");
    const order = app.getByLabel("Order", { exact: true });
    await order.fill("#1001");
    await order.press("Enter");
    await app.waitForURL((url) => url.searchParams.get("order") === "#1001");
    await browser.shot("ux-deliveries-filtered");
    await app.getByRole("button", { name: "Clear" }).click();
    await app.waitForURL((url) => !url.searchParams.has("order"));
    expect(await order.inputValue()).toBe("");
    browser.expectNoErrors();
  });
});
