// `npm run demo`: the app with a working demo on a fresh offline machine, no Shopify account needed.
// Builds if needed, migrates the SQLite database, starts a fake Shopify Admin API, seeds the demo shop, and serves
// the app with the LOCAL ADMIN FRAME (scripts/dev/local-admin.ts) at /__admin. Development tooling only: it refuses
// NODE_ENV=production, and nothing under app/ imports it.
//
// `startDemo()` is the same thing as a function, used by the browser tests (tests/browser/global-setup.ts).
import net from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { pointShopifyAt, startShopifyAdminFake, type ShopifyAdminFake } from "../tests/fakes/shopify-admin";
import { hmacOf, offlineSession } from "../tests/helpers/shopify";
import { demoShippingConfig, germanyOrderBody, rateRequestBody } from "../tests/helpers/fixtures";
import { startUpsFake, type UpsFake } from "../tests/fakes/ups";
import { UPS_APP, connectUpsToFake, withUpsServices } from "../tests/helpers/ups";
import { ADMIN_PATH, localAdminFrame } from "./dev/local-admin";
import { buildIfNeeded } from "./dev/build";
import { fulfillmentCurl, seedDemoTracking, signedWebhookHeaders } from "./dev/demo-tracking";
import { seedDemoUsps, startDemoUsps } from "./dev/demo-usps";
import { DEMO_LABEL_ORDERS, relayFulfillmentWebhooks, seedDemoLabels } from "./dev/demo-labels";
import type { WishFake } from "../tests/fakes/wish";
import { DEMO_3PL, seedDemoPartners } from "./dev/demo-partners";
import { startSmtpSink, type SmtpSink } from "../tests/fakes/smtp-sink";

export { buildIfNeeded, buildStatus, runBuild } from "./dev/build";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DEMO_SHOP = "waypost-demo.myshopify.com";
export const DEMO_SHOP_NAME = "Waypost Demo Store";
/** A fixed, published key: the demo database only ever holds the fake shop's fake tokens. */
export const DEMO_ENCRYPTION_KEY = Buffer.from("waypost demo key - not a secret!").toString("base64");
export const DEMO_CARRIER_SERVICE_ID = "gid://shopify/DeliveryCarrierService/1";
const SERVER_BUILD = path.join(ROOT, "build/server/index.js");

/** The variables the demo supplies when the environment does not, in the order they are printed. */
export function demoDefaults(port: number): Record<string, string> {
  return {
    NODE_ENV: "development",
    PORT: String(port),
    HOST: "127.0.0.1",
    SHOPIFY_API_KEY: "waypost-demo-key",
    SHOPIFY_API_SECRET: "waypost-demo-secret",
    SHOPIFY_APP_URL: `http://localhost:${port}`,
    DATABASE_URL: "file:./waypost-demo.sqlite",
    WAYPOST_ENCRYPTION_KEY: DEMO_ENCRYPTION_KEY,
    ALLOW_LOOPBACK_DESTINATIONS: "true",
    // Waypost's UPS app at the fake UPS (started on a free port; UPS_BASE_URL is set when it is up).
    UPS_CLIENT_ID: UPS_APP.clientId,
    UPS_CLIENT_SECRET: UPS_APP.clientSecret,
    // The UPS sign-in comes back to the local admin frame instead of admin.shopify.com.
    ADMIN_RETURN_URL: `http://localhost:${port}${ADMIN_PATH}?path=`,
  };
}

const SECRET_NAMES = new Set(["SHOPIFY_API_SECRET", "WAYPOST_ENCRYPTION_KEY", "DATABASE_URL", "UPS_CLIENT_SECRET"]);

export interface DemoSetting {
  name: string;
  value: string;
  source: "default" | "environment" | "option";
}

/** Effective settings: explicit options, then the environment, then the demo defaults. */
export function resolveDemoSettings(options: { port?: number; databaseUrl?: string; env?: Record<string, string> } = {}, environment = process.env) {
  const pick = (name: string, fallback: string): DemoSetting => {
    if (options.env?.[name] !== undefined) return { name, value: options.env[name], source: "option" };
    if (name === "PORT" && options.port !== undefined) return { name, value: String(options.port), source: "option" };
    if (name === "DATABASE_URL" && options.databaseUrl) return { name, value: options.databaseUrl, source: "option" };
    const fromEnv = environment[name];
    if (fromEnv !== undefined && fromEnv !== "") return { name, value: fromEnv, source: "environment" };
    return { name, value: fallback, source: "default" };
  };
  const port = pick("PORT", "3000");
  const defaults = demoDefaults(Number(port.value));
  const extra = Object.entries(options.env ?? {})
    .filter(([name]) => !(name in defaults))
    .map(([name, value]): DemoSetting => ({ name, value, source: "option" }));
  return [...Object.keys(defaults).map((name) => (name === "PORT" ? port : pick(name, defaults[name]))), ...extra];
}

export function formatSettings(settings: DemoSetting[]): string {
  const rows = settings.map((s) => {
    // A value you supplied may be a real secret: it is not echoed. The demo's own defaults are public.
    const hidden = s.source !== "default" && SECRET_NAMES.has(s.name);
    const note = s.source === "default" ? "(demo default)" : s.source === "environment" ? "(from your environment)" : "(set by caller)";
    return { name: s.name, value: hidden ? "(hidden)" : s.value, note };
  });
  const nameWidth = Math.max(...rows.map((r) => r.name.length));
  const valueWidth = Math.max(...rows.map((r) => r.value.length));
  return rows.map((r) => `  ${r.name.padEnd(nameWidth)} = ${r.value.padEnd(valueWidth)}  ${r.note}`).join("\n");
}

export class DemoRefusedError extends Error {
  override name = "DemoRefusedError";
}

// ---- demo -------------------------------------------------------------------------------------------------------

export interface DemoOptions {
  /** 0 picks a free port. Default: PORT from the environment, else 3000. */
  port?: number;
  databaseUrl?: string;
  /** Values that win over the environment (tests use this to be hermetic). */
  env?: Record<string, string>;
  /** Build output hidden unless the build fails. */
  quiet?: boolean;
  log?: (line: string) => void;
}

export interface Demo {
  /** Where the server answers, e.g. http://localhost:3000 */
  url: string;
  adminUrl: string;
  port: number;
  shop: string;
  settings: DemoSetting[];
  /** A ready-to-paste signed carrier-service request. */
  curl: string;
  /** The same for the demo order to Germany: duties-paid and duties-on-delivery rates side by side. */
  germanyCurl: string;
  /** A ready-to-paste signed fulfillments/create webhook for the demo's Brazilian order. */
  fulfillmentCurl: string;
  /** The 3PL partner portal's sign-in page and the demo provider's login. */
  portal: { url: string; email: string; password: string };
  /** The local mail catcher (SMTP on loopback) that receives the portal's emails, when SMTP_URL was not given. */
  mail: SmtpSink | null;
  admin: ShopifyAdminFake;
  /** The fake Wish, whose orders show the tracking numbers pushed to it. */
  wish: WishFake;
  fakes: { name: string; url: string; close(): Promise<void> }[];
  close(): Promise<void>;
}

interface BuildEntry {
  startServer(build: ServerBuild, options: Record<string, unknown>): Promise<{ port: number; close(): Promise<void> }>;
  sessionStorage: { storeSession(session: unknown): Promise<boolean> };
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const log = options.log ?? (() => {});
  const port = options.port === 0 ? await freePort() : options.port;
  const settings = resolveDemoSettings({ ...options, port });
  const value = (name: string) => settings.find((s) => s.name === name)!.value;
  if (value("NODE_ENV") === "production") {
    throw new DemoRefusedError(
      "npm run demo is development tooling (fake Shopify, locally signed session tokens) and refuses to run with NODE_ENV=production.\n" +
        "For production: npm run build && npm start, with your real configuration (README.md#configuration).",
    );
  }
  // Before anything from app/ loads: the app reads its configuration once, at import.
  for (const s of settings) if (s.name !== "HOST") process.env[s.name] = s.value;
  const host = value("HOST");
  const boundPort = Number(value("PORT"));

  await buildIfNeeded({ quiet: options.quiet, log });

  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };
  try {
    // The build first: its Shopify node adapter sets the library's fetch at import; pointShopifyAt must come after.
    // Under vitest the build must be loaded by Node itself (vitest.browser.config.ts externalises build/server/):
    // transformed, it would get a second react-router next to the native one ("useRouteError must be used within
    // a data router").
    // The fake UPS before the app loads: the app reads UPS_BASE_URL once.
    const ups = await startUpsFake({ clients: { [UPS_APP.clientId]: UPS_APP.clientSecret } });
    closers.push(() => ups.close());
    process.env.UPS_BASE_URL = ups.url;
    const usps = await startDemoUsps();
    closers.push(() => usps.close());
    // Portal emails (invitations, password resets) go to a local mail catcher whose messages the demo prints,
    // unless SMTP_URL points elsewhere. Set before the app loads: it reads SMTP_URL once.
    let mail: SmtpSink | null = null;
    if (!process.env.SMTP_URL) {
      mail = await startSmtpSink({
        onMessage: (m) => log(`\n  Email caught (local mail catcher) to ${m.to.join(", ")}: ${m.subject}\n${m.text.trim().replace(/^/gm, "    ")}\n`),
      });
      const sink = mail;
      closers.push(() => sink.close());
      process.env.SMTP_URL = mail.url;
    }
    const build = (await import(/* @vite-ignore */ pathToFileURL(SERVER_BUILD).href)) as ServerBuild & { entry: { module: BuildEntry } };
    const admin = await startShopifyAdminFake();
    closers.push(() => admin.close());
    pointShopifyAt(admin.url);

    const { deployMigrations } = await import("../app/db/migrations.server");
    const { applied } = await deployMigrations({ url: value("DATABASE_URL") });
    log(`Database: ${value("DATABASE_URL")} (${applied.length ? `applied ${applied.length} migration(s)` : "migrations up to date"}).`);

    const seeded = await seedDemoShop({ entry: build.entry.module, admin, appUrl: value("SHOPIFY_APP_URL"), ups });
    log(`Demo shop: ${DEMO_SHOP} (${seeded.join(", ")}).`);
    const tracking = await seedDemoTracking(DEMO_SHOP, admin);
    closers.push(() => tracking.close());
    log(`USPS: ${await seedDemoUsps(DEMO_SHOP, usps)}.`);
    log(`Labels: ${await seedDemoLabels(DEMO_SHOP, admin, tracking.wish)}.`);
    let serverUrl: string | null = null;
    log(`3PL: ${await seedDemoPartners({ shopDomain: DEMO_SHOP, admin, wish: tracking.wish, appUrl: value("SHOPIFY_APP_URL"), apiSecret: value("SHOPIFY_API_SECRET"), serverUrl: () => serverUrl, log })}.`);
    const fakes: Demo["fakes"] = [
      { name: "USPS", url: usps.url, close: async () => {} },
      { name: "UPS", url: ups.url, close: async () => {} },
      { name: "Wish", url: tracking.wish.url, close: async () => {} },
      { name: "Webhook destination", url: tracking.sink.url + tracking.sink.path, close: async () => {} },
      ...(mail ? [{ name: "Mail catcher (SMTP)", url: mail.url, close: async () => {} }] : []),
    ];
    log(`Fake Shopify Admin API: ${admin.url}${fakes.map((f) => `; ${f.name} fake: ${f.url}`).join("")}`);

    const server = await build.entry.module.startServer(build, {
      port: boundPort,
      host,
      migrate: false,
      devMiddleware: [
        localAdminFrame({
          apiKey: value("SHOPIFY_API_KEY"),
          apiSecret: value("SHOPIFY_API_SECRET"),
          shop: DEMO_SHOP,
          shopName: DEMO_SHOP_NAME,
          allowRemote: !isLoopbackHost(host),
        }),
      ],
    });
    closers.push(() => server.close());
    const url = `http://localhost:${server.port}`;
    // What Shopify does after the Labels page fulfils an order: the fulfillment webhooks, so Wish gets the number.
    const relay = relayFulfillmentWebhooks({ admin, appUrl: `http://127.0.0.1:${server.port}`, shop: DEMO_SHOP, secret: value("SHOPIFY_API_SECRET"), log });
    closers.push(() => relay.close());
    serverUrl = `http://127.0.0.1:${server.port}`;
    // Order #1001 is fulfilled once per database (fixed webhook id: later starts are recognised as duplicates),
    // so the deliveries log has the NF-e push to Wish and the webhook delivery to show.
    const secret = value("SHOPIFY_API_SECRET");
    const firstBody = tracking.fulfillmentBody(5001, "BR123456789BR");
    await fetch(`http://127.0.0.1:${server.port}/webhooks/fulfillments/create`, {
      method: "POST",
      headers: signedWebhookHeaders(DEMO_SHOP, "fulfillments/create", firstBody, secret, "demo-fulfillment-5001"),
      body: firstBody,
    }).catch((error) => log(`The demo fulfillment could not be sent: ${String(error)}`));
    return {
      url,
      adminUrl: `${url}${ADMIN_PATH}`,
      port: server.port,
      shop: DEMO_SHOP,
      settings,
      curl: sampleCurl(url, value("SHOPIFY_API_SECRET")),
      germanyCurl: sampleCurl(url, value("SHOPIFY_API_SECRET"), germanyOrderBody()),
      fulfillmentCurl: fulfillmentCurl(url, DEMO_SHOP, tracking.fulfillmentBody(5002, "BR987654321BR"), secret),
      portal: { url: `${url}/partners/login`, email: DEMO_3PL.email, password: DEMO_3PL.password },
      mail,
      admin,
      wish: tracking.wish,
      fakes,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** Idempotent: safe on every start. The shipping setup is only written the first time, so demo edits survive. */
async function seedDemoShop({ entry, admin, appUrl, ups }: { entry: BuildEntry; admin: ShopifyAdminFake; appUrl: string; ups: UpsFake }) {
  const { getDb } = await import("../app/db.server");
  const { saveShippingSetup } = await import("../app/services/shipping-config.server");
  const db = getDb();
  const done: string[] = [];
  const callbackUrl = new URL("/carrier-service/rates", appUrl).toString();

  const existing = await db.shop.findUnique({ where: { domain: DEMO_SHOP }, select: { shippingConfig: true } });
  const registration = { carrierServiceStatus: "active", carrierServiceId: DEMO_CARRIER_SERVICE_ID, carrierServiceAt: new Date() };
  await db.shop.upsert({
    where: { domain: DEMO_SHOP },
    create: { domain: DEMO_SHOP, name: DEMO_SHOP_NAME, ...registration },
    update: { active: true, uninstalledAt: null, ...registration },
  });
  done.push(existing ? "shop already there" : "shop created");

  await entry.sessionStorage.storeSession(offlineSession(DEMO_SHOP, "shpat_waypost_demo_offline"));
  done.push("offline session stored");

  if (!existing?.shippingConfig) {
    const saved = await saveShippingSetup(DEMO_SHOP, withUpsServices(demoShippingConfig()));
    if (!saved.ok) throw new Error(`The demo shipping setup (docs/examples/shipping-config.demo.json) was refused: ${JSON.stringify(saved)}`);
    done.push("shipping setup from docs/examples/shipping-config.demo.json plus UPS Ground, 2nd Day Air and Next Day Air in the US zone");
  } else {
    done.push("shipping setup kept");
  }

  // The fake UPS starts empty on every run too: the demo's UPS connection gets tokens it issued (as if signed in).
  const shopRow = await db.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP }, select: { id: true } });
  await connectUpsToFake(db, shopRow.id, ups);
  done.push("UPS account A1B2C3 connected to the fake UPS (negotiated rates)");

  // The fake Admin API starts empty on every run: give it the carrier service the database says is registered,
  // so "Retry registration" updates it in place, and a few products for the product-data page.
  admin.state.carrierServices.push({ id: DEMO_CARRIER_SERVICE_ID, name: "Waypost", callbackUrl, active: true, supportsServiceDiscovery: true });
  admin.state.nextId = 2000;
  // A US shop: Shopify holds its weights in pounds and ounces and its unit system is imperial.
  admin.state.shop = { unitSystem: "IMPERIAL_SYSTEM", weightUnit: "POUNDS" };
  admin.state.products.push(
    { id: "gid://shopify/Product/101", title: "Short Sleeve T-Shirt", variants: [{ id: "gid://shopify/ProductVariant/1011", title: "M", sku: "TS-1", grams: 198, weightUnit: "OUNCES" }] },
    { id: "gid://shopify/Product/102", title: "Winter Coat", variants: [{ id: "gid://shopify/ProductVariant/1021", title: "L", sku: "COAT-L", grams: 907, weightUnit: "POUNDS" }] },
    { id: "gid://shopify/Product/103", title: "Ceramic Mug", variants: [{ id: "gid://shopify/ProductVariant/1031", title: "Default", sku: "MUG", grams: 340, weightUnit: "POUNDS" }] },
  );
  done.push("carrier service registered");
  // Customs data for landed cost (the mug is left without, so Product data shows what needs attention).
  const shop = await db.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP }, select: { id: true } });
  for (const [productId, variantId, title, sku, hsCode] of DEMO_CUSTOMS) {
    await db.productShippingData.upsert({
      where: { shopId_variantId: { shopId: shop.id, variantId } },
      create: { shopId: shop.id, productId, variantId, title, sku, hsCode, countryOfOrigin: "CN" },
      update: {},
    });
  }
  done.push("HS codes for the T-shirt and the coat");
  const { seedDemoTraffic } = await import("./demo-traffic");
  const traffic = await seedDemoTraffic(db, shop.id);
  done.push(traffic > 0 ? `${traffic} made-up rate requests over the last 7 days for the home dashboard (demo data)` : "rate requests from the last 7 days kept");
  return done;
}


const DEMO_CUSTOMS = [
  ["gid://shopify/Product/101", "gid://shopify/ProductVariant/1011", "Short Sleeve T-Shirt - M", "TS-1", "610910"],
  ["gid://shopify/Product/102", "gid://shopify/ProductVariant/1021", "Winter Coat - L", "COAT-L", "620140"],
] as const;

/** A curl that sends what Shopify sends at checkout: the JSON body, signed with the app secret. */
export function sampleCurl(baseUrl: string, secret: string, request: unknown = rateRequestBody()) {
  const body = JSON.stringify(request);
  if (body.includes("'")) throw new Error("the sample body must not contain a single quote (it is pasted inside '...')");
  return [
    `curl -sS -X POST '${baseUrl}/carrier-service/rates' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H 'X-Shopify-Shop-Domain: ${DEMO_SHOP}' \\`,
    `  -H 'X-Shopify-Hmac-Sha256: ${hmacOf(body, secret)}' \\`,
    `  -H 'X-Shopify-Timeout: 10000' \\`,
    `  --data-binary '${body}'`,
  ].join("\n");
}

function isLoopbackHost(host: string) {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

// ---- npm run demo -----------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const out = (line = "") => process.stdout.write(`${line}\n`);
  process.chdir(ROOT);
  const settings = resolveDemoSettings();
  if (settings.find((s) => s.name === "NODE_ENV")!.value === "production") {
    process.stderr.write(
      "npm run demo refuses to run with NODE_ENV=production: it is development tooling (a fake Shopify and locally signed\n" +
        "session tokens). Unset NODE_ENV, or for production run: npm run build && npm start (README.md#configuration).\n",
    );
    process.exit(1);
  }
  out("Waypost demo: development only, no Shopify account needed.");
  out();
  out("Settings (each can be overridden in the environment, e.g. PORT=3001 npm run demo):");
  out(formatSettings(settings));
  out();

  let demo: Demo;
  try {
    demo = await startDemo({ log: out });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      process.stderr.write(`\nPort ${process.env.PORT} is already in use. Stop the other server or pick another port: PORT=3001 npm run demo\n`);
    } else {
      process.stderr.write(`\nThe demo could not start:\n${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exit(1);
  }

  out(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  out();
  out(`  Open the admin:  ${demo.adminUrl}`);
  out();
  out("  Ask for checkout rates the way Shopify does (signed with the demo secret; paste into a shell):");
  out();
  out(demo.curl.replace(/^/gm, "    "));
  out();
  out("  The demo order to Germany: duties paid (DDP) and duties on delivery (DAP) side by side; Test your shipping");
  out("  in the admin explains each figure:");
  out();
  out(demo.germanyCurl.replace(/^/gm, "    "));
  out();
  out("  Fulfil the demo's Brazilian order #1001 again with a new tracking number (Wish gets the NF-e number 110093,");
  out("  the webhook destination gets the full payload; see Deliveries in the admin):");
  out();
  out(demo.fulfillmentCurl.replace(/^/gm, "    "));
  out();
  out("  Buy, print and fulfil USPS labels for the unfulfilled Wish orders:");
  out(`    1. In the admin, open Labels: ${DEMO_LABEL_ORDERS.join(", ")} are open (US addresses, shipped from the US warehouse).`);
  out("    2. Tick all three and click Buy 3 labels. The batch counts n of 3; each address is checked with (fake) USPS first.");
  out("    3. Print labels (PDF) opens one 4x6 PDF of the batch. Each order is fulfilled in Shopify with carrier USPS.");
  out("    4. Shopify's fulfillment webhook (played by the demo) reaches Waypost, and Wish US (demo) gets each USPS");
  out("       tracking number: Deliveries lists the pushes. Void and re-ship a label: Wish gets the new number.");
  out("       Costs and margin sit under the label list; tracking events reach Shopify as USPS reports them.");
  out();
  out("  The 3PL side: the provider \"Demo 3PL\" is linked to the demo shop (a Shopify fulfillment service):");
  out(`    1. Sign in to the partner portal: ${demo.portal.url}  as ${demo.portal.email} / ${demo.portal.password}`);
  out("    2. Orders: #1002 (sold on Wish) and #1003 wait for you.");
  out("    3. Accept #1002, then ship it with a tracking number and carrier (e.g. 1Z999AA10123456784, UPS).");
  out("    4. The Shopify fulfillment is created (fake Admin API), Shopify's fulfillments/create comes back, and tracking");
  out("       reaches Wish: see Deliveries in the admin. The merchant's side is Fulfillment partners in the admin.");
  if (demo.mail) out(`    Portal emails (invitations, password resets) go to the local mail catcher (${demo.mail.url}) and are printed here.`);
  out();
  out("Press Ctrl+C to stop. Delete waypost-demo.sqlite to start again from the seeded demo shop.");

  let stopping = false;
  const stop = async () => {
    if (stopping) return process.exit(1);
    stopping = true;
    out("\nStopping...");
    await demo.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  void main();
}
