// Builders for landed-cost tests: a shipment and settings from short, readable input.
import { landedCostSettingsSchema, shipmentSchema, type LandedCostSettingsInput, type ShipmentInput } from "./model";

type ItemInput = ShipmentInput["items"][number];

export function shipmentTo(country: string, over: Partial<ShipmentInput> & { province?: string; items?: ItemInput[] } = {}) {
  const { province, ...rest } = over;
  return shipmentSchema.parse({
    destination: { country, province },
    originCountry: "US",
    shopCurrency: "EUR",
    shipping: 0,
    date: "2026-12-01",
    items: [{ hsCode: "6109.10", originCountry: "CN", unitValue: 2500, currency: "EUR", quantity: 2 }],
    ...rest,
  });
}

export function settingsWith(over: LandedCostSettingsInput = {}) {
  return landedCostSettingsSchema.parse(over);
}
