// @vitest-environment happy-dom
/** @jsxImportSource preact */
// The components rendered by Preact into happy-dom with a fake `shopify` global built from signals, as the
// checkout runtime provides it; fetch is faked at the network edge.
import { signal } from "@preact/signals";
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import en from "../locales/en.default.json";
import { ShippingOptionBreakdown } from "./ShippingOptionBreakdown";
import { OrderStatusSummary, ThankYouSummary } from "./OrderSummary";
import { wireDap, wireDdp } from "./test-fixtures";

const ddp = wireDdp;
const dap = wireDap;

function translate(key: string, options: Record<string, string | number> = {}) {
  const template = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], en);
  if (typeof template !== "string") throw new Error(`missing translation ${key}`);
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]));
}

function fakeShopify() {
  return {
    target: signal({ type: "shipping", handle: "h-ddp", code: "de-express-ddp", cost: { amount: 41.4, currencyCode: "EUR" } }),
    lines: signal([{ merchandise: { id: "gid://shopify/ProductVariant/111" }, quantity: 2 }]),
    localization: { country: signal<{ isoCode: string } | undefined>({ isoCode: "DE" }) },
    deliveryGroups: signal([
      {
        selectedDeliveryOption: { handle: "h-ddp" },
        deliveryOptions: [
          { handle: "h-ddp", type: "shipping", code: "de-express-ddp" },
          { handle: "h-dap", type: "shipping", code: "de-express-dap" },
        ],
      },
    ]),
    cost: { totalShippingAmount: signal<{ amount: number; currencyCode: string } | undefined>({ amount: 41.4, currencyCode: "EUR" }) },
    shippingAddress: signal<{ countryCode?: string } | undefined>({ countryCode: "DE" }),
    sessionToken: { get: vi.fn(async () => "session-token") },
    i18n: {
      translate,
      formatCurrency: (n: number, o?: Intl.NumberFormatOptions) => new Intl.NumberFormat("en-US", { style: "currency", ...o }).format(n),
      formatDate: (d: Date, o?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-US", o).format(d),
    },
  };
}

let shopify: ReturnType<typeof fakeShopify>;
let fetchMock: ReturnType<typeof vi.fn>;
const answer = (rates: unknown[]) => new Response(JSON.stringify({ rates }), { status: 200, headers: { "Content-Type": "application/json" } });

async function settle() {
  // let the token promise, the fetch and the JSON resolve, then Preact re-render
  for (let i = 0; i < 5; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
}

async function mount(node: preact.VNode) {
  await act(() => render(node, document.body));
  await settle();
  return document.body;
}

beforeEach(() => {
  shopify = fakeShopify();
  (globalThis as Record<string, unknown>).shopify = shopify;
  fetchMock = vi.fn(async () => answer([ddp, dap]));
  vi.stubGlobal("fetch", fetchMock);
});

afterEach(async () => {
  await act(() => render(null, document.body));
  vi.unstubAllGlobals();
});

describe("under a shipping option", () => {
  it("shows a DDP rate's breakdown and delivery window, calling the backend with the session token", async () => {
    const body = await mount(<ShippingOptionBreakdown />);
    expect(body.textContent).toContain("Includes duties €4.20 · import taxes €21.30 · fees €3.00");
    expect(body.textContent).toContain("Delivery Fri, Dec 4 – Tue, Dec 8");
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toMatch(/\/api\/checkout\/rate-details$/);
    expect(JSON.parse(init.body as string)).toEqual({ country: "DE", lines: [{ variantId: "gid://shopify/ProductVariant/111", quantity: 2 }], code: "de-express-ddp" });
    expect((init.headers as Record<string, string>).Authorization).toBe("Bearer session-token");
  });

  it("re-asks when the cart changes and never shows the previous cart's answer meanwhile", async () => {
    const body = await mount(<ShippingOptionBreakdown />);
    expect(body.textContent).toContain("Includes");
    let release: (r: Response) => void = () => {};
    fetchMock.mockImplementationOnce(() => new Promise<Response>((r) => (release = r)));
    await act(() => {
      shopify.lines.value = [{ merchandise: { id: "gid://shopify/ProductVariant/111" }, quantity: 3 }];
    });
    await settle();
    expect(body.textContent).toBe("");
    release(answer([]));
    await settle();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(body.textContent).toBe("");
  });

  it("shows a DAP rate's charges as due on delivery, marked as an estimate", async () => {
    shopify.target.value = { type: "shipping", handle: "h-dap", code: "de-express-dap", cost: { amount: 12.9, currencyCode: "EUR" } };
    const body = await mount(<ShippingOptionBreakdown />);
    expect(body.textContent).toContain("Due on delivery (estimate): duties €4.20 · import taxes €21.30 · fees €3.00");
  });

  it("shows nothing when the buyer sees the price in another currency", async () => {
    shopify.target.value = { ...shopify.target.value, cost: { amount: 44.1, currencyCode: "USD" } };
    expect((await mount(<ShippingOptionBreakdown />)).innerHTML).toBe("");
  });

  it("shows nothing and asks nothing before the buyer's country is known", async () => {
    shopify.localization.country.value = undefined;
    expect((await mount(<ShippingOptionBreakdown />)).innerHTML).toBe("");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("shows nothing when the backend is down or answers 401", async () => {
    fetchMock.mockImplementation(async () => new Response("", { status: 401 }));
    expect((await mount(<ShippingOptionBreakdown />)).innerHTML).toBe("");
    fetchMock.mockImplementation(async () => Promise.reject(new TypeError("Failed to fetch")));
    await act(() => render(null, document.body));
    expect((await mount(<ShippingOptionBreakdown />)).innerHTML).toBe("");
  });
});

describe("after purchase", () => {
  it("thank-you: shows what was prepaid with the order for the selected DDP option", async () => {
    const body = await mount(<ThankYouSummary />);
    expect(body.textContent).toContain("Import duties and taxes");
    expect(body.textContent).toContain("Paid with your order: €28.50");
    expect(body.textContent).toContain("Nothing more to pay on delivery.");
  });

  it("order status: finds the DAP option by the order's shipping price and shows the estimate due on delivery", async () => {
    shopify.cost.totalShippingAmount.value = { amount: 12.9, currencyCode: "EUR" };
    const body = await mount(<OrderStatusSummary />);
    expect(body.textContent).toContain("Due on delivery (estimate): €28.50");
    expect(JSON.parse((fetchMock.mock.calls[0] as [string, RequestInit])[1].body as string)).not.toHaveProperty("code");
  });

  it("order status: shows nothing without the shipping address's country (no protected customer data)", async () => {
    shopify.shippingAddress.value = undefined;
    expect((await mount(<OrderStatusSummary />)).innerHTML).toBe("");
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
