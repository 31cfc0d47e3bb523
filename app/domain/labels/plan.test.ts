import { describe, expect, it } from "vitest";
import { decimalToMinor, labelIdempotencyKey, nextWorkingDay, planPackage } from "./plan";

describe("label planning", () => {
  it("derives the same UUID for the same package and a new one for the next generation", () => {
    const p = { shopId: "s1", orderId: "gid://shopify/Order/1", packageKey: "1", generation: 0 };
    expect(labelIdempotencyKey(p)).toBe(labelIdempotencyKey({ ...p }));
    expect(labelIdempotencyKey(p)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(labelIdempotencyKey({ ...p, generation: 1 })).not.toBe(labelIdempotencyKey(p));
    expect(labelIdempotencyKey({ ...p, shopId: "s2" })).not.toBe(labelIdempotencyKey(p));
  });

  it("mails on the next working day, skipping the weekend", () => {
    expect(nextWorkingDay(new Date("2026-12-01T10:00:00Z"))).toBe("2026-12-02"); // Tuesday → Wednesday
    expect(nextWorkingDay(new Date("2026-12-04T10:00:00Z"))).toBe("2026-12-07"); // Friday → Monday
    expect(nextWorkingDay(new Date("2026-12-05T10:00:00Z"))).toBe("2026-12-07"); // Saturday → Monday
  });

  it("reads decimal money without floating point", () => {
    expect(decimalToMinor("8.02")).toBe(802);
    expect(decimalToMinor("12.5")).toBe(1250);
    expect(decimalToMinor("x")).toBeNull();
  });

  it("weighs the package from its lines plus the box and refuses a line without weight", () => {
    const fo = {
      lineItems: [{ remainingQuantity: 2, weight: { unit: "POUNDS", value: 1 } }],
      destination: { firstName: "Ada", lastName: "Lovelace", address1: "1 A St", city: "St Louis", province: "MO", zip: "63110", countryCode: "US" },
      assignedLocation: { name: "Warehouse", address1: "1 Main St", city: "Fredericksburg", province: "VA", zip: "22407", countryCode: "US" },
      shippingLine: { code: "usps-priority", originalPriceSet: { shopMoney: { amount: "9.99", currencyCode: "USD" } } },
    };
    const planned = planPackage(fo);
    expect(planned).toMatchObject({ ok: true, checkoutPaid: 999, checkoutServiceCode: "usps-priority", to: { name: "Ada Lovelace", zip: "63110" } });
    expect(planned.ok && planned.parcel.grams).toBe(Math.round(2 * 453.59237 + 150));
    expect(planPackage({ ...fo, lineItems: [{ remainingQuantity: 1, weight: null }] })).toMatchObject({ ok: false, reason: { key: "labels:skip.noWeight" } });
  });
});
