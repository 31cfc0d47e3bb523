import { describe, expect, it } from "vitest";
import { applyRules, type RuleContext, type RuleSetInput, RuleSetSchema } from "./rules";

const usd = (amount: number) => ({ amount, currency: "USD" });
const ctx = (over: Partial<RuleContext> = {}): RuleContext => ({
  subtotal: usd(5000),
  totalGrams: 1000,
  packageCount: 1,
  items: [{ sku: "TEE-1", vendor: "Acme", properties: { engraving: "yes" } }],
  ...over,
});
const rules = (input: Omit<RuleSetInput, "currency"> = {}) => RuleSetSchema.parse({ currency: "USD", ...input });
const run = (source: number, input: Omit<RuleSetInput, "currency"> = {}, c = ctx()) => applyRules(usd(source), c, rules(input));

describe("applyRules", () => {
  it("passes the source price through an empty rule set", () => {
    expect(run(1200).price).toEqual(usd(1200));
  });

  it("records the markup step with its percentage", () => {
    const r = run(1200, { markupBasisPoints: 1000 });
    expect(r.price).toEqual(usd(1320));
    expect(r.trace[1]).toEqual({ step: "markup", detail: "markup +10.00% : 1200 → 1320", before: 1200, after: 1320, params: { basisPoints: 1000 } });
  });

  it("applies a discount", () => {
    expect(run(1200, { markupBasisPoints: -2500 }).trace[1].detail).toBe("discount -25.00% : 1200 → 900");
  });

  it("applies the markup before the handling fee", () => {
    // (1000 + 10%) + 200 = 1300; fee first would give (1000 + 200) + 10% = 1320
    expect(run(1000, { markupBasisPoints: 1000, handling: { perOrder: 200 } }).price).toEqual(usd(1300));
  });

  it("charges handling per order and per package", () => {
    const r = run(1000, { handling: { perOrder: 100, perPackage: 50 } }, ctx({ packageCount: 3 }));
    expect(r.price).toEqual(usd(1250));
    expect(r.trace.at(-1)?.detail).toBe("handling fee +250 (100 per order + 50 × 3 packages) : 1000 → 1250");
  });

  it("never prices below zero", () => {
    const r = run(-300);
    expect(r.price).toEqual(usd(0));
    expect(r.trace.some((s) => s.step === "floor")).toBe(true);
  });

  it("makes shipping free over a subtotal threshold and skips rounding and caps", () => {
    const r = run(1000, { conditions: [{ type: "free_over_subtotal", threshold: 5000 }], rounding: "to_99", caps: { min: 500 } });
    expect(r.price).toEqual(usd(0));
    expect(r.trace.at(-1)?.detail).toBe("free: subtotal 5000 ≥ 5000 : 1000 → 0");
  });

  it("charges below the free-shipping threshold", () => {
    expect(run(1000, { conditions: [{ type: "free_over_subtotal", threshold: 5001 }] }).price).toEqual(usd(1000));
  });

  it("hides the rate when the weight is outside the range", () => {
    const c = [{ type: "hide_weight_outside" as const, minGrams: 500, maxGrams: 900 }];
    const r = run(1000, { conditions: c });
    expect(r.price).toBeNull();
    expect(r.trace.at(-1)?.detail).toBe("hidden: weight 1000 g is above 900 g");
    expect(run(1000, { conditions: c }, ctx({ totalGrams: 400 })).trace.at(-1)?.detail).toBe("hidden: weight 400 g is below 500 g");
    expect(run(1000, { conditions: c }, ctx({ totalGrams: 900 })).price).toEqual(usd(1000));
  });

  it("hides the rate when the subtotal is outside the range", () => {
    expect(run(1000, { conditions: [{ type: "hide_subtotal_outside", max: 4999 }] }).price).toBeNull();
    expect(run(1000, { conditions: [{ type: "hide_subtotal_outside", min: 5000 }] }).price).toEqual(usd(1000));
  });

  it("hides the rate when the cart contains a SKU, ignoring case", () => {
    expect(run(1000, { conditions: [{ type: "hide_if_sku", skus: ["tee-1"] }] }).price).toBeNull();
    expect(run(1000, { conditions: [{ type: "hide_if_sku", skus: ["MUG"] }] }).price).toEqual(usd(1000));
  });

  it("hides the rate when the cart contains a vendor", () => {
    const r = run(1000, { conditions: [{ type: "hide_if_vendor", vendors: ["acme"] }] });
    expect(r.price).toBeNull();
    expect(r.trace.at(-1)?.detail).toBe("hidden: cart contains vendor Acme");
  });

  it("hides the rate on a line-item property key, or key and value", () => {
    expect(run(1000, { conditions: [{ type: "hide_if_property", key: "engraving" }] }).price).toBeNull();
    expect(run(1000, { conditions: [{ type: "hide_if_property", key: "engraving", value: "yes" }] }).price).toBeNull();
    expect(run(1000, { conditions: [{ type: "hide_if_property", key: "engraving", value: "no" }] }).price).toEqual(usd(1000));
    expect(run(1000, { conditions: [{ type: "hide_if_property", key: "gift" }] }).price).toEqual(usd(1000));
  });

  it("lets a hide condition beat free shipping", () => {
    const r = run(1000, { conditions: [{ type: "free_over_subtotal", threshold: 0 }, { type: "hide_if_vendor", vendors: ["Acme"] }] });
    expect(r.price).toBeNull();
  });

  it("rounds after the fee and before the caps", () => {
    const r = run(1000, { handling: { perOrder: 5 }, rounding: "to_99" });
    expect(r.price).toEqual(usd(1099));
    expect(r.trace.at(-1)).toEqual({ step: "rounding", detail: "rounding to_99 : 1005 → 1099", before: 1005, after: 1099, params: { mode: "to_99" } });
  });

  it("rounds up to a whole unit", () => {
    expect(run(1001, { rounding: "to_whole" }).price).toEqual(usd(1100));
  });

  it("raises a price to the minimum cap and lowers it to the maximum cap", () => {
    expect(run(300, { caps: { min: 500, max: 2000 } }).price).toEqual(usd(500));
    const r = run(3000, { rounding: "to_99", caps: { max: 2000 } });
    expect(r.price).toEqual(usd(2000));
    expect(r.trace.map((s) => s.step)).toEqual(["source", "rounding", "cap"]);
  });

  it("runs the whole pipeline in the fixed order", () => {
    const r = run(1000, { markupBasisPoints: 1500, handling: { perOrder: 100, perPackage: 100 }, rounding: "to_99", caps: { max: 1500 } }, ctx({ packageCount: 2 }));
    expect(r.trace.map((s) => `${s.step}:${s.after}`)).toEqual(["source:1000", "markup:1150", "handling:1450", "rounding:1499"]);
    expect(r.price).toEqual(usd(1499));
  });

  it("refuses a source price in another currency", () => {
    expect(() => applyRules({ amount: 100, currency: "EUR" }, ctx(), rules())).toThrow(RangeError);
  });

  it("rejects a rule set whose minimum cap exceeds its maximum", () => {
    expect(RuleSetSchema.safeParse({ currency: "USD", caps: { min: 10, max: 5 } }).success).toBe(false);
  });

  it("rejects fractional money in a rule set", () => {
    expect(RuleSetSchema.safeParse({ currency: "USD", handling: { perOrder: 1.5 } }).success).toBe(false);
  });

  it("round-trips a rule set through JSON", () => {
    const r = rules({ markupBasisPoints: 500, conditions: [{ type: "hide_if_sku", skus: ["A"] }], caps: { min: 1 } });
    expect(RuleSetSchema.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
  });
});
