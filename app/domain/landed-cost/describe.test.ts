import { describe, expect, it } from "vitest";
import { describeLandedCost } from "./describe";
import { computeLandedCost } from "./engine";
import { settingsWith, shipmentTo } from "./test-helpers";

const germany = shipmentTo("DE", { shipping: 990, items: [{ hsCode: "6109.10", originCountry: "CN", unitValue: 8000, currency: "EUR", quantity: 2 }] });
const settings = settingsWith({
  dutyRates: [{ hsPrefix: "6109", destination: "EU", percent: "12" }],
  fees: [{ label: "Brokerage", kind: "brokerage", flat: 300 }],
});

describe("describeLandedCost", () => {
  it("says what a DDP rate includes, part by part", () => {
    const d = describeLandedCost(computeLandedCost(germany, settings, "DDP"));
    expect(d.text).toBe("Includes duties €20.39 · import VAT €36.15 · fees €3.00");
    expect(d.parts).toEqual([
      { label: "duties", amount: 2039 },
      { label: "import VAT", amount: 3615 },
      { label: "fees", amount: 300 },
    ]);
  });

  it("gives a DAP rate the estimate due on delivery", () => {
    expect(describeLandedCost(computeLandedCost(germany, settings, "DAP")).text).toBe(
      "Est. due on delivery: duties €20.39 · import VAT €36.15 · fees €3.00",
    );
  });

  it("hides zero parts and says when nothing is due", () => {
    const aud = shipmentTo("AU", { shopCurrency: "AUD", items: [{ hsCode: "6109.10", unitValue: 5000, currency: "AUD", quantity: 1 }] });
    expect(describeLandedCost(computeLandedCost(aud, settings, "DAP")).text).toBe("Nothing due on delivery");
    expect(describeLandedCost(computeLandedCost(aud, settings, "DDP")).text).toBe("No duties or import taxes to pay");
  });

  it("marks an incomplete estimate and tax already collected with the order", () => {
    const s = shipmentTo("FR", { items: [{ hsCode: "6109.10", unitValue: 2000, currency: "EUR", quantity: 1 }, { unitValue: 1000, currency: "EUR", quantity: 1 }] });
    const d = describeLandedCost(computeLandedCost(s, settingsWith({ registrations: ["IOSS"] }), "DDP"));
    expect(d.text).toBe("Includes duties €3.00 (estimate incomplete; tax collected with the order)");
  });

  it("names Canada's HST and Mexico's global rate", () => {
    const on = shipmentTo("CA", { shopCurrency: "CAD", province: "ON", items: [{ hsCode: "6109.10", unitValue: 10000, currency: "CAD", quantity: 1 }] });
    expect(describeLandedCost(computeLandedCost(on, settingsWith(), "DAP")).text).toBe("Est. due on delivery: HST CAD 13.00");
    const mx = shipmentTo("MX", { shopCurrency: "USD", originCountry: "CN", items: [{ hsCode: "6109.10", unitValue: 10000, currency: "USD", quantity: 1 }] });
    expect(describeLandedCost(computeLandedCost(mx, settingsWith(), "DDP")).text).toBe("Includes duties and taxes $33.50");
  });

  it("leaves duties out of the price when Shopify collects them", () => {
    const d = describeLandedCost(computeLandedCost(germany, { ...settings, shopifyCollectsDuties: true }, "DDP"));
    expect(d.text).toBe("Includes import VAT €36.15 · fees €3.00 (duties charged separately by Shopify)");
  });
});
