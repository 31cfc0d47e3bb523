// The extension's route through the built server (node server.mjs → Remix), as the browser reaches it: Remix
// sends the CORS preflight (OPTIONS) to the loader, and a signed POST gets the JSON answer with CORS headers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltServer, buildExists, startBuiltServer } from "../helpers/built-server";
import { checkoutSessionToken } from "../helpers/checkout";
import { BROWSER_UA } from "../helpers/shopify";

const SECRET = "checkout-server-secret";
const KEY = "checkout-server-key";
const ORIGIN = "https://extensions.shopifycdn.com";

describe.skipIf(!buildExists())("POST /api/checkout/rate-details on the built server", () => {
  let server: BuiltServer;

  beforeAll(async () => {
    server = await startBuiltServer({ SHOPIFY_API_KEY: KEY, SHOPIFY_API_SECRET: SECRET });
  }, 60_000);

  afterAll(() => server?.stop());

  const call = (method: string, headers: Record<string, string> = {}, body?: unknown) =>
    fetch(`${server.base}/api/checkout/rate-details`, {
      method,
      headers: { Origin: ORIGIN, "User-Agent": BROWSER_UA, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("answers the preflight with 204 and CORS headers", async () => {
    const res = await call("OPTIONS", { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toContain("Authorization");
  });

  it("answers a signed POST for an unknown rate with 200 and no entries; a forged one with 401", async () => {
    const body = { country: "DE", lines: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 1 }], code: "x" };
    const token = checkoutSessionToken({ shop: "shop1.myshopify.com", secret: SECRET, aud: KEY });
    const ok = await call("POST", { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("*");
    expect(await ok.json()).toEqual({ rates: [] });
    const forged = checkoutSessionToken({ shop: "shop1.myshopify.com", secret: "guess", aud: KEY });
    const rejected = await call("POST", { Authorization: `Bearer ${forged}`, "Content-Type": "application/json" }, body);
    expect(rejected.status).toBe(401);
    expect(rejected.headers.get("access-control-allow-origin")).toBe("*");
  });
});
