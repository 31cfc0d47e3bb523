// The fast check may only accept what zod accepts, with the same output: then the callback refuses exactly the
// same requests as before, with zod's messages.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mutated } from "../../tests/fuzz/arbitraries";
import { rateRequestBody } from "../../tests/helpers/fixtures";
import { fastAcceptRateRequest, parseRateCallbackRequest, RateCallbackRequestSchema } from "./rate-callback.schema";

const item = (over: object = {}) => ({ name: "Tee", sku: "TS-1", quantity: 2, grams: 400, price: 1999, vendor: "V", requires_shipping: true, taxable: true, properties: null, product_id: 1, variant_id: 2, ...over });
const body = (items: unknown[] = [item()]) => rateRequestBody({ items });

describe("fast accept of the rate request", () => {
  it("accepts an ordinary Shopify request with zod's output", () => {
    const json = JSON.parse(JSON.stringify(body([item(), item({ price: "19.99", grams: null, requires_shipping: null, variant_id: "gid://shopify/ProductVariant/9", sku: null })])));
    const fast = fastAcceptRateRequest(json);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(RateCallbackRequestSchema.parse(json));
  });

  it("leaves unusual items (properties present) to zod, which still accepts them", () => {
    const json = body([item({ properties: { engraving: "Hi" } })]);
    expect(fastAcceptRateRequest(json)).toBeNull();
    expect(parseRateCallbackRequest(json).success).toBe(true);
  });

  it("never accepts what zod refuses, and gives zod's output for what it accepts (mutated requests)", () => {
    const valid = body([item(), item({ price: "10.00", grams: 0 })]);
    let accepted = 0;
    fc.assert(
      fc.property(mutated(valid), (input) => {
        const json: unknown = JSON.parse(JSON.stringify(input) ?? "null");
        const fast = fastAcceptRateRequest(json);
        if (fast === null) return;
        accepted++;
        const zod = RateCallbackRequestSchema.safeParse(json);
        expect(zod.success).toBe(true);
        expect(fast).toEqual(zod.data);
      }),
      { numRuns: 5_000 },
    );
    expect(accepted).toBeGreaterThan(100); // the property was not vacuous
  }, 120_000); // 5,000 generated requests: seconds alone, much longer on a busy machine

  it("refuses with zod's message", () => {
    const result = parseRateCallbackRequest(body([item({ quantity: 0 })]));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(["rate", "items", 0, "quantity"]);
  });
});
