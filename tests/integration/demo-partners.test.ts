// The demo's 3PL walk-through over HTTP, as its printed instructions say: sign in to the partner portal as Demo 3PL,
// accept order #1002 and ship it with tracking; the Shopify fulfillment is created in the fake Admin API, Shopify's
// fulfillments/create comes back, and tracking reaches Wish. Portal emails land in the demo's mail catcher.
import { describe, expect, it } from "vitest";
import { useDemo } from "../helpers/demo";

const jar = new Map<string, string>();
const demo = useDemo("3pl");

/** A browser-like request: the cookies so far, same-origin forms; redirects are not followed. */
async function browse(pathname: string, form?: Record<string, string>) {
  const headers: Record<string, string> = { Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "), Origin: demo().url };
  if (form) headers["Content-Type"] = "application/x-www-form-urlencoded";
  const res = await fetch(`${demo().url}${pathname}`, { method: form ? "POST" : "GET", headers, body: form ? new URLSearchParams(form).toString() : undefined, redirect: "manual" });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const [name, value] = pair!.split("=");
    jar.set(name!.trim(), value ?? "");
  }
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}

const csrfOf = (html: string) => html.match(/name="csrf" value="([^"]+)"/)?.[1] ?? "";

async function until<T>(probe: () => Promise<T | null | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 120; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe("the demo's 3PL walk-through", () => {
  it("signs Demo 3PL in, accepts and ships #1002, and the tracking reaches Wish", async () => {
    const { getDb } = await import("~/db.server");
    const login = await browse("/partners/login");
    const signedIn = await browse("/partners/login", { csrf: csrfOf(login.html), email: demo().portal.email, password: demo().portal.password });
    expect(signedIn.status).toBe(302);
    const orders = await browse("/partners/orders");
    expect(orders.status).toBe(200);
    expect(orders.html).toContain("#1002");
    expect(orders.html).toContain("#1003");
    const csrf = csrfOf(orders.html);
    const order = await getDb().partnerOrder.findFirstOrThrow({ where: { orderName: "#1002" } });
    expect((await browse("/partners/orders", { csrf, intent: "accept", orderId: order.id })).status).toBe(200);
    expect((await browse("/partners/orders", { csrf, intent: "ship", orderId: order.id, trackingNumber: "1Z999AA10123456784", carrier: "UPS" })).status).toBe(200);
    expect(await getDb().partnerOrder.findFirstOrThrow({ where: { id: order.id } })).toMatchObject({ status: "shipped", trackingNumber: "1Z999AA10123456784" });
    expect(demo().admin.callsTo("FulfillmentCreate")).toHaveLength(1);
    const pushed = await until(
      () => getDb().outboxMessage.findFirst({ where: { orderName: "#1002", status: "delivered", channel: { type: "wish" } } }),
      "the Wish push of #1002",
    );
    expect(pushed.trackingValue).toBe("110093");
  }, 120_000);

  it("catches the password-reset email in the demo's mail catcher", async () => {
    jar.clear();
    const page = await browse("/partners/reset");
    await browse("/partners/reset", { csrf: csrfOf(page.html), email: demo().portal.email });
    const mail = await demo().mail!.waitFor((m) => m.to.includes(demo().portal.email));
    expect(mail.subject).toBe("Reset your Waypost partner password");
    expect(mail.text).toMatch(/\/partners\/reset\/[A-Za-z0-9_-]+/);
  }, 60_000);
});
