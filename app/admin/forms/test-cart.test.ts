import { describe, expect, it } from "vitest";
import { cartFormToInput, emptyCartLine } from "./test-cart";

const destination = { country: "us", province: "ca", postalCode: " 94107 ", city: "" };

describe("test cart form", () => {
  it("converts weights, prices and dimensions at the edge and leaves blanks out", () => {
    const line = { ...emptyCartLine("lb", "in"), name: "Shirt", quantity: "2", weight: "1", price: "19.99", length: "10", width: "8", height: "2", variantId: "gid://shopify/ProductVariant/1" };
    const { input, errors } = cartFormToInput({ destination, items: [line] }, "USD");
    expect(errors).toEqual([]);
    expect(input).toEqual({
      destination: { country: "US", province: "CA", postalCode: "94107" },
      items: [{ name: "Shirt", variantId: "gid://shopify/ProductVariant/1", quantity: 2, grams: 454, price: 1999, dimensionsMm: { l: 254, w: 203.2, h: 50.8 } }],
    });
  });

  it("reports a missing country, an empty cart and a zero quantity", () => {
    expect(cartFormToInput({ destination: { ...destination, country: "" }, items: [] }, "USD").errors.map((e) => e.path)).toEqual(["destination.country", "items"]);
    expect(cartFormToInput({ destination, items: [{ ...emptyCartLine(), quantity: "0" }] }, "USD").errors.map((e) => e.path)).toEqual(["items[0].quantity"]);
  });

  it("asks for all three dimensions when only some are typed", () => {
    const line = { ...emptyCartLine(), length: "10" };
    expect(cartFormToInput({ destination, items: [line] }, "USD").errors).toEqual([{ path: "items[0].length", message: "dimensions_all_or_none" }]);
  });
});
