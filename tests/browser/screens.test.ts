// Every admin page in English and French, screenshotted into a folder outside the repository for a person to look
// at (WAYPOST_SCREENS_DIR, default <tmp>/waypost-screens/<locale>-<page>.png). The window is tall, so a page's
// whole content is usually in one picture. Each page is also checked for the faults a picture shows: a raw key,
// text wider than the app frame (something pushed off-screen), the wrong language, and console errors. The other five
// locales are rendered without screenshots in i18n.test.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { ADMIN_PAGES, rawKeys, ZONES_NAV } from "./admin-pages";
import { describeBrowser, useBrowser } from "./helpers";

const DIR = process.env.WAYPOST_SCREENS_DIR ?? path.join(os.tmpdir(), "waypost-screens");


describeBrowser("screenshots of every admin page", () => {
  const browser = useBrowser();

  for (const locale of ["en", "fr"]) {
    it(`takes a screenshot of every admin page in ${locale}, none wider than the frame`, async () => {
      fs.mkdirSync(DIR, { recursive: true });
      await browser.page.setViewportSize({ width: 1280, height: 2000 });
      const wide: string[] = [];
      for (const [name, url] of ADMIN_PAGES) {
        const app = await browser.openAdmin(url, { locale });
        expect(await app.evaluate(() => document.documentElement.lang), name).toBe(locale);
        await expect.poll(() => browser.page.locator("#app-nav a").allTextContents(), { message: name }).toContain(ZONES_NAV[locale]);
        expect(await rawKeys(app), name).toEqual([]);
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
