import { describe, expect, it } from "vitest";
import { ShippingConfigSchema, type ZoneConfig } from "~/domain/shipping-config";
import { changeWeightUnit, emptyBand, emptyCondition, emptyService, emptyZoneForm, formToZone, zoneToForm } from "./zone-form";

const zone = (): ZoneConfig =>
  ShippingConfigSchema.parse({
    version: 1,
    currency: "USD",
    timeZone: "UTC",
    origin: { country: "US" },
    zones: [
      {
        id: "us",
        name: "US",
        priority: 10,
        regions: [{ type: "country", country: "US" }, { type: "province", country: "US", province: "AK" }, { type: "postal", country: "US", pattern: "9021" }],
        services: [
          {
            code: "std",
            name: "Standard",
            delivery: { minDays: 2, maxDays: 5 },
            fallbackPrice: 1500,
            rateTable: { basis: "weight", currency: "USD", bands: [{ maxGrams: 454, price: 599 }, { minGrams: 454, maxGrams: 2268, price: 999 }], extraWeight: { perGrams: 454, price: 200 } },
            rules: {
              currency: "USD",
              markupBasisPoints: 1000,
              handling: { perOrder: 100, perPackage: 0 },
              rounding: "to_99",
              caps: { min: 300 },
              conditions: [
                { type: "free_over_subtotal", threshold: 10000 },
                { type: "hide_if_sku", skus: ["A", "B"] },
                { type: "hide_if_property", key: "gift" },
                { type: "hide_weight_outside", maxGrams: 30000 },
              ],
            },
          },
        ],
      },
    ],
  }).zones[0];

describe("zone form", () => {
  it("round-trips a zone with table, extra weight and every kind of rule through the form unchanged", () => {
    const original = zone();
    const { zone: back, errors } = formToZone(zoneToForm(original, "USD", "lb"), "USD");
    expect(errors).toEqual([]);
    const { id, ...rest } = original;
    void id;
    expect(ShippingConfigSchema.parse({ version: 1, currency: "USD", timeZone: "UTC", origin: { country: "US" }, zones: [back] }).zones[0]).toEqual(rest);
  });

  it("keeps each service's landed-cost mode, the zone's default becoming the service's own", () => {
    const original = { ...zone(), landedCost: "both" as const };
    const form = zoneToForm(original, "USD", "kg");
    expect(form.services[0].landedCost).toBe("both");
    form.services[0].landedCost = "dap";
    const back = formToZone(form, "USD").zone;
    expect(back.landedCost).toBe("off");
    expect(back.services[0].landedCost).toBe("dap");
    expect(formToZone(zoneToForm(zone(), "USD", "kg"), "USD").zone.services[0]).not.toHaveProperty("landedCost");
  });

  it("keeps a service's carrier and carrier service code when the zone is edited", () => {
    const original = zone();
    original.services[0] = { ...original.services[0], source: "ups", carrierService: "03" };
    const back = formToZone(zoneToForm(original, "USD", "kg"), "USD").zone;
    expect(back.services[0]).toMatchObject({ source: "ups", carrierService: "03" });
    expect(formToZone({ ...emptyZoneForm("kg"), services: [{ ...emptyService(), code: "x", name: "X" }] }, "USD").zone.services[0].source).toBe("table");
  });

  it("shows weights in the chosen unit and money as decimals in the shop currency", () => {
    const form = zoneToForm(zone(), "USD", "kg");
    expect(form.services[0].bands[1]).toEqual({ minWeight: "0.45", maxWeight: "2.27", minSubtotal: "", maxSubtotal: "", price: "9.99", grams: { min: 454, max: 2268 } });
    expect(form.services[0].markupPercent).toBe("10");
    expect(form.services[0].conditions[1].list).toBe("A, B");
  });

  it("converts typed weights in pounds to grams at the edge", () => {
    const form = emptyZoneForm("lb");
    form.name = "Z";
    form.services = [{ ...emptyService(), code: "x", name: "X", bands: [{ ...emptyBand(), maxWeight: "1", price: "5" }] }];
    expect(formToZone(form, "USD").zone.services[0].rateTable!.bands[0]).toEqual({ maxGrams: 454, price: 500 });
  });

  it("reports typing mistakes at the document path of the input", () => {
    const form = emptyZoneForm("kg");
    form.priority = "first";
    form.services = [
      {
        ...emptyService(),
        minDays: "2",
        fallbackPrice: "ten",
        extraPerWeight: "0.5",
        bands: [{ ...emptyBand(), maxWeight: "1kg", price: "" }],
        conditions: [emptyCondition("free_over_subtotal"), { ...emptyCondition("hide_weight_outside") }],
      },
    ];
    const paths = formToZone(form, "USD").errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "priority",
        "services[0].delivery.maxDays",
        "services[0].fallbackPrice",
        "services[0].rateTable.bands[0].maxGrams",
        "services[0].rateTable.bands[0].price",
        "services[0].rateTable.extraWeight",
        "services[0].rules.conditions[0].threshold",
        "services[0].rules.conditions[1].minGrams",
      ]),
    );
  });

  it("leaves rules out when the merchant set none", () => {
    const form = emptyZoneForm("kg");
    form.services = [{ ...emptyService(), bands: [{ ...emptyBand(), price: "5" }] }];
    expect(formToZone(form, "USD").zone.services[0]).not.toHaveProperty("rules");
  });
});

describe("extra-weight step and weight conditions", () => {
  const heavy = (): ZoneConfig => {
    const z = zone();
    const s = z.services[0];
    return { ...z, services: [{ ...s, rateTable: { ...s.rateTable!, extraWeight: { perGrams: 5000, price: 200 } }, rules: { ...s.rules!, conditions: [{ type: "hide_weight_outside", minGrams: 5000, maxGrams: 30001 }] } }] };
  };

  it("show at most two decimals, like the bands", () => {
    const form = zoneToForm(heavy(), "USD", "lb");
    expect(form.services[0].extraPerWeight).toBe("11.02");
    expect(form.services[0].conditions[0]).toMatchObject({ min: "11.02", max: "66.14" });
  });

  it("save an untouched field back to its exact stored grams, and a typed one as typed", () => {
    const form = zoneToForm(heavy(), "USD", "lb");
    const untouched = formToZone(form, "USD").zone.services[0];
    expect(untouched.rateTable?.extraWeight?.perGrams).toBe(5000);
    expect(untouched.rules?.conditions[0]).toEqual({ type: "hide_weight_outside", minGrams: 5000, maxGrams: 30001 });
    form.services[0].extraPerWeight = "11,5";
    form.services[0].conditions[0].max = "66.14";
    const typed = formToZone(form, "USD").zone.services[0];
    expect(typed.rateTable?.extraWeight?.perGrams).toBe(5216);
    expect(typed.rules?.conditions[0]).toEqual({ type: "hide_weight_outside", minGrams: 5000, maxGrams: 30001 });
  });

  it("refuse carried grams the shown text does not stand for, and read the text instead", () => {
    const form = zoneToForm(heavy(), "USD", "lb");
    form.services[0].extraGrams = 4000;
    expect(formToZone(form, "USD").zone.services[0].rateTable?.extraWeight?.perGrams).toBe(4999);
  });
});

describe("changing the weight unit", () => {
  it("converts band, extra-weight and condition weights and keeps unparseable text as typed", () => {
    const form = zoneToForm(zone(), "USD", "lb");
    form.services[0].bands[0].minWeight = "one";
    const kg = changeWeightUnit(form, "kg");
    expect(kg.services[0].bands.map((b) => [b.minWeight, b.maxWeight])).toEqual([["one", "0.45"], ["0.45", "2.27"]]);
    // The rounded kilograms still stand for the stored grams, so switching units and saving moves no limit.
    const bands = formToZone({ ...kg, services: [{ ...kg.services[0], bands: kg.services[0].bands.slice(1) }] }, "USD").zone.services[0].rateTable?.bands;
    expect(bands?.map((b) => [b.minGrams, b.maxGrams])).toEqual([[454, 2268]]);
    expect(kg.services[0].extraPerWeight).toBe("0.45");
    expect(kg.services[0].conditions[3]).toMatchObject({ max: "30" });
    const saved = formToZone(kg, "USD").zone.services[0];
    expect(saved.rateTable?.extraWeight?.perGrams).toBe(454);
  });

  it("saves a UPS service without a rate table, ignoring the empty table row a new service starts with", () => {
    const form = emptyZoneForm("lb");
    form.name = "Z";
    form.services = [{ ...emptyService(), code: "ups-ground", name: "UPS Ground", source: "ups", carrierService: "03", fallbackPrice: "12.95" }];
    const { zone, errors } = formToZone(form, "USD");
    expect(errors).toEqual([]);
    expect(zone.services[0]).toMatchObject({ source: "ups", carrierService: "03", fallbackPrice: 1295 });
    expect(zone.services[0].rateTable).toBeUndefined();
  });
});
