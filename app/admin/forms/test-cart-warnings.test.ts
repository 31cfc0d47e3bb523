import { describe, expect, it } from "vitest";
import { emptyCartLine } from "./test-cart";
import { cartWarnings } from "./test-cart-warnings";

const dest = (country: string, postalCode: string) => ({ country, province: "", postalCode, city: "" });

describe("Test your shipping warnings", () => {
  it("warns about an item with no weight, by its name, and an address without a postal code", () => {
    const warnings = cartWarnings({ destination: dest("US", ""), items: [{ ...emptyCartLine("lb"), name: "Boots", quantity: "1", price: "80" }] });
    expect(warnings).toEqual([{ key: "no_weight", item: "Boots" }, { key: "no_postal_code" }]);
  });

  it("says nothing for a weighed item to a full address, or to a country without postal codes", () => {
    const items = [{ ...emptyCartLine("lb"), name: "Boots", quantity: "1", weight: "2", price: "80" }];
    expect(cartWarnings({ destination: dest("US", "94107"), items })).toEqual([]);
    expect(cartWarnings({ destination: dest("HK", ""), items })).toEqual([]);
  });
});
