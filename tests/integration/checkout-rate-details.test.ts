// The checkout extension's backend route with real signed checkout session tokens, through the route module's
// action and loader as Remix calls them.
import { beforeEach, describe, expect, it } from "vitest";
import { checkoutSessionToken, extensionRequest } from "../helpers/checkout";
import { loader } from "~/routes/api.checkout.rate-details";
import { MAX_BODY_BYTES, rateDetailsAction } from "~/services/checkout/rate-details-endpoint.server";
import { cartKey, MemoryRateDetailsStore, type RateDetails, type RateDetailsStore } from "~/services/checkout/rate-details.server";

const SHOP = "checkout-test.myshopify.com";
const PATH = "/api/checkout/rate-details";
const LINES = [{ variantId: "gid://shopify/ProductVariant/111", quantity: 2 }];

const ddp: RateDetails = {
  serviceCode: "de-express-ddp",
  incoterm: "DDP",
  currency: "EUR",
  rateTotal: 4140,
  charges: [
    { kind: "duty", amount: 420, payable: "prepaid" },
    { kind: "tax", amount: 2130, payable: "prepaid" },
    { kind: "fee", amount: 300, payable: "prepaid" },
  ],
  estimate: false,
  delivery: { earliest: "2026-12-04", latest: "2026-12-08" },
  computedAt: new Date("2026-12-01T12:00:00Z"),
};

let store: RateDetailsStore;
const action = rateDetailsAction(() => store);

async function respond(request: Request) {
  const handler = request.method === "POST" ? action : loader;
  try {
    return await handler({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function post(body: unknown, token: string | null = checkoutSessionToken({ shop: SHOP }), headers: Record<string, string> = {}) {
  const response = await respond(extensionRequest(PATH, { token: token ?? undefined, body, headers }));
  const text = await response.text();
  return { response, status: response.status, body: text ? JSON.parse(text) : undefined };
}

beforeEach(async () => {
  store = new MemoryRateDetailsStore();
  await store.put(SHOP, cartKey("DE", [{ variantId: 111, quantity: 2 }]), ddp);
});

describe("POST /api/checkout/rate-details", () => {
  it("answers the breakdown the rate callback stored for that rate, with CORS headers for the extension", async () => {
    const { response, status, body } = await post({ country: "de", lines: LINES, code: "de-express-ddp" });
    expect(status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(body.rates).toEqual([
      {
        code: "de-express-ddp",
        incoterm: "DDP",
        rateTotal: { amount: "41.40", currencyCode: "EUR" },
        charges: [
          { kind: "duty", payable: "prepaid", amount: { amount: "4.20", currencyCode: "EUR" } },
          { kind: "tax", payable: "prepaid", amount: { amount: "21.30", currencyCode: "EUR" } },
          { kind: "fee", payable: "prepaid", amount: { amount: "3.00", currencyCode: "EUR" } },
        ],
        prepaid: { amount: "28.50", currencyCode: "EUR" },
        dueOnDelivery: { amount: "0.00", currencyCode: "EUR" },
        estimate: false,
        delivery: { earliest: "2026-12-04", latest: "2026-12-08" },
        computedAt: "2026-12-01T12:00:00.000Z",
      },
    ]);
  });

  it("answers every entry for the cart when the code is not known (order status)", async () => {
    await store.put(SHOP, cartKey("DE", [{ variantId: 111, quantity: 2 }]), { ...ddp, serviceCode: "de-express-dap", incoterm: "DAP", rateTotal: 1290 });
    const { body } = await post({ country: "DE", lines: LINES });
    expect(body.rates.map((r: { code: string }) => r.code).sort()).toEqual(["de-express-dap", "de-express-ddp"]);
  });

  it("answers 200 with no entries for an unknown rate, another cart or another shop", async () => {
    expect((await post({ country: "DE", lines: LINES, code: "nope" })).body).toEqual({ rates: [] });
    expect((await post({ country: "FR", lines: LINES, code: "de-express-ddp" })).body).toEqual({ rates: [] });
    expect((await post({ country: "DE", lines: [{ variantId: "111", quantity: 3 }], code: "de-express-ddp" })).body).toEqual({ rates: [] });
    const other = checkoutSessionToken({ shop: "other.myshopify.com" });
    expect((await post({ country: "DE", lines: LINES, code: "de-express-ddp" }, other)).body).toEqual({ rates: [] });
  });

  it("answers 200 with no entries when the store fails, never a 5xx", async () => {
    const broken: RateDetailsStore = {
      get: () => Promise.reject(new Error("redis down")),
      list: () => Promise.reject(new Error("redis down")),
      put: () => Promise.resolve(),
    };
    store = broken;
    const { status, body } = await post({ country: "DE", lines: LINES, code: "de-express-ddp" });
    expect({ status, body }).toEqual({ status: 200, body: { rates: [] } });
  });

  it.each([
    ["a missing country", { lines: LINES }, "country"],
    ["a three-letter country", { country: "DEU", lines: LINES }, "country"],
    ["no lines", { country: "DE", lines: [] }, "lines"],
    ["251 lines", { country: "DE", lines: Array.from({ length: 251 }, (_, i) => ({ variantId: String(i + 1), quantity: 1 })) }, "lines"],
    ["a zero quantity", { country: "DE", lines: [{ variantId: "1", quantity: 0 }] }, "lines.0.quantity"],
    ["a product gid instead of a variant", { country: "DE", lines: [{ variantId: "gid://shopify/Product/1", quantity: 1 }] }, "lines.0.variantId"],
    ["an over-long code", { country: "DE", lines: LINES, code: "x".repeat(129) }, "code"],
    ["an unknown field", { country: "DE", lines: LINES, extra: 1 }, "body"],
  ])("rejects %s with 400 and says which field", async (_name, body, field) => {
    const { response, status, body: answer } = await post(body);
    expect(status).toBe(400);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(answer.error).toBe("invalid request");
    expect(answer.issues.join("\n")).toContain(`${field}:`);
  });

  it("rejects a body that is not JSON with 400", async () => {
    const { status, body } = await post("{country:");
    expect({ status, error: body.error }).toEqual({ status: 400, error: "body is not JSON" });
  });

  it("rejects an oversized body with 413 before parsing it", async () => {
    const { status } = await post({ country: "DE", lines: LINES, code: "x".repeat(MAX_BODY_BYTES) });
    expect(status).toBe(413);
  });

  it("stops reading a streamed body without Content-Length once it passes the limit", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(4096).fill(32));
      },
    });
    const request = extensionRequest(PATH, { token: checkoutSessionToken({ shop: SHOP }) });
    const streamed = new Request(request.url, { method: "POST", headers: request.headers, body: endless, duplex: "half" } as RequestInit);
    expect((await respond(streamed)).status).toBe(413);
    expect(pulled).toBeLessThan(MAX_BODY_BYTES / 4096 + 4);
  });
});

describe("session tokens", () => {
  const body = { country: "DE", lines: LINES, code: "de-express-ddp" };

  it("rejects a request without a token with 401", async () => {
    const { status, response } = await post(body, null);
    expect(status).toBe(401);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("rejects an expired token with 401", async () => {
    // Past the library's 10 s clock tolerance.
    expect((await post(body, checkoutSessionToken({ shop: SHOP, ttlSeconds: -60 }))).status).toBe(401);
  });

  it("rejects a token signed with another secret (forged) with 401", async () => {
    expect((await post(body, checkoutSessionToken({ shop: SHOP, secret: "not-our-secret" }))).status).toBe(401);
  });

  it("rejects an unsigned token (alg none) and a tampered payload with 401", async () => {
    expect((await post(body, checkoutSessionToken({ shop: SHOP, alg: "none" }))).status).toBe(401);
    const [header, , signature] = checkoutSessionToken({ shop: SHOP }).split(".");
    const payload = Buffer.from(JSON.stringify({ dest: "victim.myshopify.com", aud: "test-api-key", exp: 9_999_999_999 })).toString("base64url");
    expect((await post(body, `${header}.${payload}.${signature}`)).status).toBe(401);
  });

  it("rejects another app's token with 401, whether signed with its secret or carrying its client id", async () => {
    expect((await post(body, checkoutSessionToken({ shop: SHOP, secret: "other-app-secret", aud: "other-app-key" }))).status).toBe(401);
    // authenticate.public.checkout does not check aud; the route does.
    const { status, body: answer } = await post(body, checkoutSessionToken({ shop: SHOP, aud: "other-app-key" }));
    expect({ status, error: answer.error }).toEqual({ status: 401, error: "session token is for another app" });
  });
});

describe("CORS preflight", () => {
  it("answers OPTIONS from the extension origin with 204 and the allowed headers, without a token", async () => {
    const response = await respond(
      extensionRequest(PATH, { method: "OPTIONS", headers: { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" } }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization.*Content-Type/);
    expect(response.headers.get("Access-Control-Max-Age")).toBe("7200");
  });

  it("does not serve GET", async () => {
    const response = await respond(extensionRequest(PATH, { method: "GET", token: checkoutSessionToken({ shop: SHOP }) }));
    expect(response.status).toBe(405);
  });
});
