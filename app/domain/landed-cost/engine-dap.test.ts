// dapFromDdp must give exactly what computing DAP gives, for every destination and the settings that change who
// pays (Shopify collecting duties or taxes, seller registrations that collect tax at sale, fees, missing rates).
import { describe, expect, it } from "vitest";
import { computeLandedCost, dapFromDdp } from "./engine";
import { COVERED_DESTINATIONS } from "./rules";
import { settingsWith, shipmentTo } from "./test-helpers";

const SETTINGS = {
  plain: settingsWith(),
  shopifyDuties: settingsWith({ shopifyCollectsDuties: true }),
  shopifyTaxes: settingsWith({ shopifyCollectsImportTaxes: true }),
  registered: settingsWith({ registrations: ["IOSS", "UK", "AU", "NZ", "VOEC", "CH-VAT"] }),
  fees: settingsWith({ fees: [{ label: "Brokerage", kind: "brokerage", flat: 500 }, { label: "Disbursement", kind: "disbursement", percentOfDutiesAndTaxes: "2.5", minimum: 300 }] }),
  dutyRate: settingsWith({ dutyRates: [{ hsPrefix: "6109", destination: "EU", percent: "12" }], fees: [{ label: "Clearance", kind: "other", flat: 300 }] }),
};
const CARTS = [
  { shipping: 0, items: [{ hsCode: "6109.10", originCountry: "CN", unitValue: 2500, currency: "EUR", quantity: 2 }] },
  { shipping: 1290, items: [{ hsCode: "6109.10", originCountry: "CN", unitValue: 40_000, currency: "EUR", quantity: 3 }, { hsCode: "6201.40", originCountry: "VN", unitValue: 18_000, currency: "EUR", quantity: 1 }] },
  { shipping: 500, items: [{ hsCode: "6109.10", originCountry: "US", unitValue: 90_000, currency: "USD", quantity: 1 }] },
];

describe("dapFromDdp", () => {
  for (const [name, settings] of Object.entries(SETTINGS)) {
    it(`equals computing DAP for every covered destination (${name})`, () => {
      let compared = 0;
      for (const country of [...COVERED_DESTINATIONS, "US", "ZZ"]) {
        for (const cart of CARTS) {
          const shipment = shipmentTo(country, cart as never);
          const ddp = computeLandedCost(shipment, settings, "DDP");
          expect(dapFromDdp(ddp), `${country} ${JSON.stringify(cart)}`).toEqual(computeLandedCost(shipment, settings, "DAP"));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(30);
    });
  }

  it("refuses a DAP result", () => {
    const dap = computeLandedCost(shipmentTo("DE"), SETTINGS.plain, "DAP");
    expect(() => dapFromDdp(dap)).toThrow(/DDP/);
  });
});
