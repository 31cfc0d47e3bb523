import { describe, expect, it } from "vitest";
import { eur, wireDap, wireDdp } from "./test-fixtures";
import { asksBackend, localDate, optionView, parseAnswer, type RateDetails, requestBody, selectedCode, summaryView } from "./logic";

const answer = parseAnswer({ rates: [wireDdp, wireDap] }) as RateDetails[];
const option = (code: string, amount: number, currencyCode = "EUR") => ({ type: "shipping", code, cost: { amount, currencyCode } });

describe("requestBody", () => {
  const lines = [{ merchandise: { id: "gid://shopify/ProductVariant/111" }, quantity: 2 }];

  it("describes the cart by country, variant gids and quantities, with the option's code", () => {
    expect(requestBody("de", lines, "de-express-ddp")).toEqual({ country: "DE", lines: [{ variantId: "gid://shopify/ProductVariant/111", quantity: 2 }], code: "de-express-ddp" });
  });

  it("asks nothing before the country is known, for an empty cart, or when a line is not a variant", () => {
    expect(requestBody(undefined, lines)).toBeNull();
    expect(requestBody("DE", [])).toBeNull();
    expect(requestBody("DE", [...lines, { merchandise: { id: "gid://shopify/GiftCard/1" }, quantity: 1 }])).toBeNull();
  });

  it("asks nothing for more lines than the backend accepts", () => {
    const many = Array.from({ length: 251 }, (_, i) => ({ merchandise: { id: `gid://shopify/ProductVariant/${i + 1}` }, quantity: 1 }));
    expect(requestBody("DE", many)).toBeNull();
  });
});

describe("parseAnswer", () => {
  it("turns decimal strings into amounts", () => {
    expect(answer[0].charges[1].amount).toEqual({ amount: 21.3, currencyCode: "EUR" });
  });

  it("rejects the whole answer when any entry is malformed, mixes currencies or is not an answer at all", () => {
    expect(parseAnswer({ rates: [wireDdp, { ...wireDap, rateTotal: { amount: "12,90", currencyCode: "EUR" } }] })).toBeNull();
    expect(parseAnswer({ rates: [{ ...wireDdp, prepaid: { amount: "25.50", currencyCode: "USD" } }] })).toBeNull();
    expect(parseAnswer({ rates: [{ ...wireDdp, charges: [{ kind: "bribe", payable: "prepaid", amount: eur("1.00") }] }] })).toBeNull();
    expect(parseAnswer(null)).toBeNull();
    expect(parseAnswer({ error: "invalid request" })).toBeNull();
  });

  it("drops an impossible delivery window but keeps the breakdown", () => {
    const [entry] = parseAnswer({ rates: [{ ...wireDdp, delivery: { earliest: "2026-12-08", latest: "2026-12-04" } }] })!;
    expect(entry.delivery).toBeNull();
  });
});

describe("optionView", () => {
  it("shows a DDP rate's non-zero parts as included, with the delivery promise", () => {
    const zeroFee = parseAnswer({ rates: [{ ...wireDdp, charges: [...wireDdp.charges.slice(0, 2), { kind: "fee", payable: "prepaid", amount: eur("0.00") }] }] });
    expect(optionView(option("de-express-ddp", 41.4), zeroFee)).toEqual({
      mode: "included",
      rows: [
        { kind: "duty", amount: { amount: 4.2, currencyCode: "EUR" } },
        { kind: "tax", amount: { amount: 21.3, currencyCode: "EUR" } },
      ],
      estimate: false,
      delivery: { earliest: "2026-12-04", latest: "2026-12-08" },
    });
  });

  it("shows a DAP rate's parts as due on delivery", () => {
    expect(optionView(option("de-express-dap", 12.9), answer)?.mode).toBe("due");
  });

  it("shows nothing when the price the buyer sees differs from the stored one (stale) or is in another currency", () => {
    expect(optionView(option("de-express-ddp", 39.9), answer)).toBeNull();
    expect(optionView(option("de-express-ddp", 41.4, "USD"), answer)).toBeNull();
  });

  it("shows nothing for an option the backend does not know, and before any answer", () => {
    expect(optionView(option("standard", 5), answer)).toBeNull();
    expect(optionView(option("de-express-ddp", 41.4), null)).toBeNull();
  });

  it("shows nothing when prepaid and due-on-delivery parts are mixed in one rate", () => {
    const mixed = parseAnswer({ rates: [{ ...wireDdp, charges: [wireDdp.charges[0], { ...wireDdp.charges[1], payable: "on_delivery" }] }] });
    expect(optionView(option("de-express-ddp", 41.4), mixed)).toBeNull();
  });

  it("does not ask about pickup options or options without a code", () => {
    expect(asksBackend({ type: "pickupPoint", code: "x", cost: eur("1") as never })).toBe(false);
    expect(asksBackend({ type: "shipping", code: "", cost: { amount: 1, currencyCode: "EUR" } })).toBe(false);
    expect(asksBackend(undefined)).toBe(false);
  });
});

describe("summaryView", () => {
  it("picks the selected code on the thank-you page", () => {
    expect(summaryView(answer, { code: "de-express-ddp", shipping: { amount: 41.4, currencyCode: "EUR" } })).toEqual({ prepaid: { amount: 28.5, currencyCode: "EUR" }, dueOnDelivery: null, estimate: false });
  });

  it("picks the only entry whose price equals the order's shipping on the order-status page", () => {
    expect(summaryView(answer, { shipping: { amount: 12.9, currencyCode: "EUR" } })).toEqual({ prepaid: null, dueOnDelivery: { amount: 28.5, currencyCode: "EUR" }, estimate: true });
  });

  it("shows nothing when two entries share the order's shipping price, or none matches", () => {
    const twins = parseAnswer({ rates: [wireDdp, { ...wireDdp, code: "other" }] });
    expect(summaryView(twins, { shipping: { amount: 41.4, currencyCode: "EUR" } })).toBeNull();
    expect(summaryView(answer, { shipping: { amount: 1, currencyCode: "EUR" } })).toBeNull();
    expect(summaryView(answer, {})).toBeNull();
    expect(summaryView(answer, { code: "de-express-ddp" })).toBeNull();
  });

  it("shows nothing when the selected rate's stored price differs from the order's shipping", () => {
    expect(summaryView(answer, { code: "de-express-ddp", shipping: { amount: 9.9, currencyCode: "EUR" } })).toBeNull();
  });
});

describe("selectedCode", () => {
  it("is the chosen shipping option's code for a single delivery group, else undefined", () => {
    const group = { selectedDeliveryOption: { handle: "h2" }, deliveryOptions: [{ handle: "h1", type: "shipping", code: "a" }, { handle: "h2", type: "shipping", code: "b" }] };
    expect(selectedCode([group])).toBe("b");
    expect(selectedCode([group, group])).toBeUndefined();
    expect(selectedCode([{ ...group, selectedDeliveryOption: undefined }])).toBeUndefined();
  });
});

it("reads a delivery date as a local calendar day", () => {
  const d = localDate("2026-12-04");
  expect([d.getFullYear(), d.getMonth(), d.getDate()]).toEqual([2026, 11, 4]);
});
