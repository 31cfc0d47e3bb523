import { describe, expect, it } from "vitest";
import { ShippingConfigSchema } from "~/domain/shipping-config";
import { applySettingsForm, emptyBox, settingsToForm } from "./shop-settings-form";

const config = (zones: unknown[] = []) =>
  ShippingConfigSchema.parse({
    version: 1,
    currency: "USD",
    timeZone: "America/New_York",
    origin: { country: "US", province: "NY", postalCode: "10001" },
    boxes: [{ name: "Medium", innerMm: { l: 304.8, w: 228.6, h: 152.4 }, maxGrams: 9072, tareGrams: 250, default: true }],
    zones,
  });

describe("settings form", () => {
  it("round-trips origin, processing and boxes through the form in inches and pounds", () => {
    const current = config();
    const { config: back, errors } = applySettingsForm(current, settingsToForm(current, "in", "lb"));
    expect(errors).toEqual([]);
    expect(ShippingConfigSchema.parse(back)).toEqual(current);
  });

  it("shows box weights rounded to two decimals and saves untouched ones to the gram", () => {
    const current = config();
    const form = settingsToForm(current, "in", "lb");
    expect(form.boxes[0]).toMatchObject({ maxWeight: "20", tareWeight: "0.55" });
    expect(applySettingsForm(current, form).config.boxes[0]).toMatchObject({ maxGrams: 9072, tareGrams: 250 });
    form.boxes[0].tareWeight = "0.6";
    expect(applySettingsForm(current, form).config.boxes[0]).toMatchObject({ maxGrams: 9072, tareGrams: 272 });
  });

  it("converts a box typed in centimetres and kilograms to millimetres and grams", () => {
    const form = { ...settingsToForm(config(), "cm", "kg"), boxes: [{ ...emptyBox(), name: "Mailer", length: "30", width: "20.5", height: "3", maxWeight: "2", tareWeight: "0.05" }] };
    expect(applySettingsForm(config(), form).config.boxes).toEqual([{ name: "Mailer", innerMm: { l: 300, w: 205, h: 30 }, maxGrams: 2000, tareGrams: 50, default: false }]);
  });

  it("reports a missing or zero box size at the document path of that side", () => {
    const form = { ...settingsToForm(config(), "cm", "kg"), boxes: [{ ...emptyBox(), name: "Flat", length: "30", width: "0", height: "", maxWeight: "x" }] };
    expect(applySettingsForm(config(), form).errors.map((e) => e.path)).toEqual(["boxes[0].innerMm.w", "boxes[0].innerMm.h", "boxes[0].maxGrams"]);
  });

  it("refuses a currency change while zones have priced services", () => {
    const priced = config([{ name: "US", regions: [{ type: "country", country: "US" }], services: [{ code: "s", name: "S", rateTable: { basis: "weight", currency: "USD", bands: [{ price: 1 }] } }] }]);
    const form = { ...settingsToForm(priced, "cm", "kg"), currency: "EUR" };
    expect(applySettingsForm(priced, form).errors).toEqual([{ path: "currency", message: "currency_locked", params: { current: "USD", next: "EUR" } }]);
    expect(applySettingsForm(config(), { ...settingsToForm(config(), "cm", "kg"), currency: "EUR" }).errors).toEqual([]);
  });

  it("keeps the zones untouched", () => {
    const priced = config([{ id: "us", name: "US", regions: [{ type: "country", country: "US" }] }]);
    expect(applySettingsForm(priced, settingsToForm(priced, "cm", "kg")).config.zones).toBe(priced.zones);
  });
});
