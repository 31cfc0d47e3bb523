// Driving the demo admin in the system Chromium (playwright-core, no browser download).
//
//   const browser = useBrowser();                 // in a describeBrowser(...) block: one Chromium per test file
//   const app = await browser.openAdmin("/app/zones");   // the local admin frame; returns the app's iframe
//   await browser.shot("zones");                  // test-results/screenshots/zones.png
//   browser.expectNoErrors();                     // no console errors, page errors or requests leaving localhost
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Frame, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject } from "vitest";
import { BROWSER_UA } from "../helpers/shopify";
import { CHROMIUM_MISSING_NOTICE, CHROMIUM_PATH } from "./chromium";

export const browserEnv = inject("browser");

/** describe() when Chromium and the demo server are there, else a skipped block that says why. */
export const describeBrowser: typeof describe = browserEnv.available
  ? describe
  : (((name: string, fn: () => void) => describe.skip(`${name} [${CHROMIUM_MISSING_NOTICE}]`, fn)) as typeof describe);

export const SCREENSHOT_DIR = path.resolve("test-results/screenshots");

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const BROWSER_LOCAL = new Set(["data:", "blob:", "chrome:", "chrome-extension:"]);

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught page errors, in any frame, since the current test started. */
  readonly errors: string[];
  /** Requests that tried to leave localhost (all aborted). */
  readonly blocked: string[];
  /** Opens /__admin?path=<path> (and &locale=, the admin language Shopify passes) and returns the hydrated app frame. */
  openAdmin(appPath?: string, options?: { locale?: string }): Promise<Frame>;
  /** The app's frame in the current admin page. */
  appFrame(): Promise<Frame>;
  /** Waits until the app frame shows `appPath` (pathname) and has rendered. */
  waitForAppPath(appPath: string): Promise<Frame>;
  shot(name: string): Promise<string>;
  expectNoErrors(): void;
}

export function useBrowser(): BrowserSession {
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let profile: string | undefined;
  const errors: string[] = [];
  const blocked: string[] = [];

  beforeAll(async () => {
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      userAgent: BROWSER_UA, // HeadlessChrome's own UA is a bot to isbot: authenticate.admin would answer 410
      viewport: { width: 1280, height: 860 },
    });
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      // chrome: and chrome-extension: are the browser's own resources (its PDF viewer, opened by Print): never network.
      if (BROWSER_LOCAL.has(url.protocol) || LOCAL_HOSTS.has(url.hostname)) return route.continue();
      blocked.push(url.toString());
      return route.abort("blockedbyclient");
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const where = message.location()?.url;
      errors.push(`console.error: ${message.text()}${where ? ` (${where})` : ""}`);
    });
    page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  });

  afterAll(async () => {
    await context?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  beforeEach(() => {
    errors.length = 0;
    blocked.length = 0;
  });

  afterEach(async (ctx) => {
    // A failed test leaves a screenshot behind for whoever reads the report.
    if (ctx.task.result?.state === "fail" && page) {
      await shot(`FAILED-${ctx.task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 80)}`).catch(() => undefined);
    }
  });

  const need = () => {
    if (!page || !context) throw new Error("useBrowser(): the browser is not started (call it inside describeBrowser)");
    return page;
  };

  async function appFrame(): Promise<Frame> {
    const handle = await need().waitForSelector("iframe#app-frame", { state: "attached" });
    const frame = await handle.contentFrame();
    if (!frame) throw new Error("the admin page has no app frame");
    return frame;
  }

  async function hydrated(frame: Frame) {
    await frame.waitForLoadState("load");
    // Remix has hydrated once React's fiber is attached to the page's Polaris root.
    await frame.waitForFunction(() => {
      const root = document.querySelector(".Polaris-Page, .Polaris-Frame, main");
      return !!root && Object.keys(root).some((key) => key.startsWith("__reactFiber"));
    });
    return frame;
  }

  async function waitForAppPath(appPath: string) {
    const frame = await appFrame();
    await frame.waitForURL((url) => url.pathname === appPath);
    return hydrated(frame);
  }

  async function openAdmin(appPath = "/app", options: { locale?: string } = {}) {
    const p = need();
    const locale = options.locale ? `&locale=${encodeURIComponent(options.locale)}` : "";
    await p.goto(`${browserEnv.baseUrl}/__admin?path=${encodeURIComponent(appPath)}${locale}`);
    const frame = await hydrated(await appFrame());
    // The stand-in mirrored the app's <ui-nav-menu> into the admin's left nav.
    await p.locator("#app-nav a").first().waitFor();
    return frame;
  }

  async function shot(name: string) {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await need().screenshot({ path: file });
    return file;
  }

  return {
    get context() {
      if (!context) throw new Error("browser not started");
      return context;
    },
    get page() {
      return need();
    },
    errors,
    blocked,
    openAdmin,
    appFrame,
    waitForAppPath,
    shot,
    expectNoErrors() {
      expect({ errors, blocked }).toEqual({ errors: [], blocked: [] });
    },
  };
}

/**
 * Chooses a country in a searchable country picker (app/admin/ui/CountryPicker.tsx): types part of its name, then
 * clicks the option ending in its code. `nth` picks among several pickers with the same label.
 */
export async function pickCountry(app: Frame, label: string, search: string, code: string, nth = 0) {
  await pickCoded(app, label, search, code, nth);
}

/** Chooses one of Shopify's provinces (app/admin/ui/ProvincePicker.tsx, searchable by code): "State", "NY". */
export async function pickProvince(app: Frame, label: string, code: string, nth = 0) {
  await pickCoded(app, label, code, code, nth);
}

/** Both pickers are SearchPicker: options read "Name (CODE)". */
async function pickCoded(app: Frame, label: string, search: string, code: string, nth: number) {
  const field = app.getByLabel(label, { exact: true }).nth(nth);
  await field.click();
  await field.fill(search);
  await app.getByRole("option", { name: new RegExp(`\\(${code}\\)$`) }).first().click();
  await expect.poll(() => field.inputValue()).toMatch(new RegExp(`\\(${code}\\)$`));
}

/**
 * In a zone editor: adds a service priced by a carrier's catalogue entry (the "Priced by" label) and saves; then
 * Test your shipping for one 1 lb, $80 item to San Francisco. Returns the Test your shipping frame.
 */
export async function addCarrierServiceAndTestShipping(
  browser: BrowserSession,
  service: { zone: string; name: string; code: string; fallback: string; pricedBy: string; carrier: string },
): Promise<Frame> {
  let app = await browser.openAdmin(`/app/zones/${service.zone}`);
  await app.getByRole("button", { name: "Add service" }).click();
  // The new service is the last card.
  await app.getByLabel("Name shoppers see").last().fill(service.name);
  await app.getByLabel("Service code").last().fill(service.code);
  await app.getByLabel(/^Fallback price/).last().fill(service.fallback);
  await app.getByLabel("Priced by").last().selectOption({ label: service.pricedBy });
  await app.getByText(new RegExp(`${service.carrier} prices this service at checkout`)).last().waitFor();
  await app.getByRole("button", { name: "Save" }).last().click();
  await app.getByText("Zone saved").or(app.getByText(/Nothing was saved/)).first().waitFor({ timeout: 15_000 });
  if ((await app.getByText(/Nothing was saved/).count()) > 0) throw new Error(`the zone with ${service.code} was not saved`);
  await browser.shot(`${service.code}-zone-service`);

  app = await browser.openAdmin("/app/test-shipping");
  await pickCountry(app, "Country", "United States", "US");
  await pickProvince(app, "State", "CA");
  await app.getByLabel("Postal code").fill("94107");
  await app.getByLabel("Item", { exact: true }).fill("Boots");
  await app.getByLabel("Quantity", { exact: true }).fill("1");
  await app.getByLabel(/^Weight each/).fill("1");
  await app.getByLabel(/^Price each/).fill("80.00");
  await app.getByRole("button", { name: "Get rates" }).click();
  await app.getByRole("heading", { name: "What the shopper sees at checkout" }).waitFor({ timeout: 15_000 });
  return app;
}
