import { describe, expect, it } from "vitest";
import { LandedCostConfigSchema } from "~/domain/shipping-config";
import { emptyDutyRow, emptyFee, formToLandedCost, landedCostToForm } from "./landed-cost-form";

const settings = LandedCostConfigSchema.parse({
  shopifyCollectsDuties: true,
  registrations: ["IOSS"],
  defaultHsCode: "6109.10",
  defaultOriginCountry: "CN",
  dutyRates: [
    { hsPrefix: "6109", destination: "EU", percent: "12" },
    { hsPrefix: "2203", destination: "US", origin: "MX", perUnit: 10, currency: "USD" },
  ],
  fees: [{ label: "Clearance fee", kind: "brokerage", flat: 300 }],
  exchangeRates: [{ base: "EUR", quote: "USD", rate: "1.16", date: "2026-11-30", source: "ECB" }],
});

describe("landed-cost settings form", () => {
  it("round-trips the settings, specific duties included, with fees typed as decimals", () => {
    const form = landedCostToForm(settings, "USD");
    expect(form.fees[0].flat).toBe("3.00");
    const { settings: back, errors } = formToLandedCost(form, "USD");
    expect(errors).toEqual([]);
    expect(back).toEqual(settings);
  });

  it("switches landed cost off by leaving the settings out of the document", () => {
    expect(formToLandedCost({ ...landedCostToForm(settings, "USD"), enabled: false }, "USD")).toEqual({ settings: undefined, errors: [] });
    expect(landedCostToForm(undefined, "USD").enabled).toBe(false);
  });

  it("reads a duty percent, a fee percent and an exchange rate typed with a decimal comma", () => {
    const form = landedCostToForm(settings, "USD");
    form.dutyRates[0].percent = "12,5";
    form.fees[0].percent = "2,5";
    form.exchangeRates[0].rate = "1,16";
    const { settings: back, errors } = formToLandedCost(form, "USD");
    expect(errors).toEqual([]);
    expect(back?.dutyRates[0]).toMatchObject({ percent: "12.5" });
    expect(back?.fees[0]).toMatchObject({ percentOfDutiesAndTaxes: "2.5" });
    expect(back?.exchangeRates[0]).toMatchObject({ rate: "1.16" });
  });

  it("reports mistakes at the document path of the input", () => {
    const form = landedCostToForm(settings, "USD");
    form.dutyRates.push({ ...emptyDutyRow(), hsPrefix: "61", destination: "DE", percent: "twelve" });
    form.fees.push({ ...emptyFee(), flat: "" });
    form.fees[0].flat = "3 euros";
    form.defaultOriginCountry = "China";
    const paths = formToLandedCost(form, "USD").errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["landedCost.dutyRates[2].percent", "landedCost.fees[1].flat", "landedCost.fees[0].flat", "landedCost.defaultOriginCountry"]));
  });
});
