import { describe, expect, it } from "vitest";
import { chargedPostage, quoteMismatch } from "./reconcile";

describe("label reconciliation", () => {
  it("compares postage and fees with the quote, leaving out the extra services the merchant chose", () => {
    expect(chargedPostage([{ kind: "postage", amount: 935 }, { kind: "extra_service", amount: 440 }, { kind: "fee", amount: 400 }])).toBe(1335);
  });

  it("flags a charge more than a cent away from the quote, either way", () => {
    expect(quoteMismatch({ amount: 1000, currency: "USD" }, { amount: 1002, currency: "USD" })).toBe(true);
    expect(quoteMismatch({ amount: 1000, currency: "USD" }, { amount: 998, currency: "USD" })).toBe(true);
  });

  it("accepts a charge within a cent of the quote as rounding", () => {
    expect(quoteMismatch({ amount: 1000, currency: "USD" }, { amount: 1001, currency: "USD" })).toBe(false);
    expect(quoteMismatch({ amount: 1000, currency: "USD" }, { amount: 1000, currency: "USD" })).toBe(false);
  });

  it("never flags a label that had no quote", () => {
    expect(quoteMismatch({ amount: null, currency: null }, { amount: 5000, currency: "USD" })).toBe(false);
  });

  it("flags a charge in another currency than the quote, since the two cannot be compared", () => {
    expect(quoteMismatch({ amount: 1000, currency: "CAD" }, { amount: 1000, currency: "USD" })).toBe(true);
  });
});
