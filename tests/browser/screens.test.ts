// Every admin page in English and French, screenshotted into a folder outside the repository for a person to look
// at (WAYPOST_SCREENS_DIR, default <tmp>/waypost-screens/<locale>-<page>.png). The window is tall, so a page's
// whole content is usually in one picture. Each page is also checked for the faults a picture shows: a raw key,
// text wider than the app frame (something pushed off-screen), and console errors.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { describeBrowser, useBrowser } from "./helpers";

const DIR = process.env.WAYPOST_SCREENS_DIR ?? path.join(os.tmpdir(), "waypost-screens");

/** Every admin page (app/routes/app.*.tsx; not the labels PDF and settings-as-code downloads) with the demo data. */
const PAGES = [
  ["home", "/app"],
  ["zones", "/app/zones"],
  ["zone-us", "/app/zones/us"],
  ["zone-new", "/app/zones/new"],
  ["carriers", "/app/carriers"],
  ["carriers-ups", "/app/carriers/ups"],
  ["carriers-usps", "/app/carriers/usps"],
  ["settings", "/app/settings"],
  ["products", "/app/products"],
  ["landed-cost", "/app/landed-cost"],
  ["test-shipping", "/app/test-shipping"],
  ["rate-requests", "/app/rate-requests?window=7d"],
  ["channels", "/app/channels"],
  ["channel-rules", "/app/channels/rules"],
  ["deliveries", "/app/deliveries"],
  ["labels", "/app/labels"],
  ["partners", "/app/partners"],
] as const;

describeBrowser("screenshots of every admin page", () => {
  const browser = useBrowser();

  for (const locale of ["en", "fr"]) {
    it(`takes a screenshot of every admin page in ${locale}, none wider than the frame`, async () => {
      fs.mkdirSync(DIR, { recursive: true });
      await browser.page.setViewportSize({ width: 1280, height: 2000 });
      const wide: string[] = [];
      for (const [name, url] of PAGES) {
        const app = await browser.openAdmin(url, { locale });
        expect(await app.evaluate(() => document.documentElement.lang), name).toBe(locale);
        // Charts and lazy parts settle after hydration.
        await app.waitForLoadState("networkidle");
        const overflow = await app.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 1) wide.push(`${name}: ${overflow}px`);
        await browser.page.screenshot({ path: path.join(DIR, `${locale}-${name}.png`) });
      }
      expect(wide).toEqual([]);
      browser.expectNoErrors();
    }, 300_000);
  }
});
