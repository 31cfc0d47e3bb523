import { describe, expect, it } from "vitest";
import { carrierNameFor } from "./carrier-names";

describe("carrierNameFor", () => {
  it("maps Shopify carrier names to Wish providers and AfterShip slugs", () => {
    expect(carrierNameFor("Correios", "aftership")).toEqual({ ok: true, name: "brazil-correios" });
    expect(carrierNameFor("DHL Express", "wish")).toEqual({ ok: true, name: "DHL" });
    expect(carrierNameFor(" fedex ", "aftership")).toEqual({ ok: true, name: "fedex" });
    expect(carrierNameFor("Intelipost", "wish")).toEqual({ ok: true, name: "Intelipost" });
  });

  it("lets merchant overrides win over the built-in table", () => {
    expect(carrierNameFor("Correios", "wish", { correios: "CorreiosBR" })).toEqual({ ok: true, name: "CorreiosBR" });
    expect(carrierNameFor("Total Express", "wish", { "Total Express": "TotalExpress" })).toEqual({
      ok: true,
      name: "TotalExpress",
    });
  });

  it("explains unknown and missing carriers", () => {
    expect(carrierNameFor("Acme Post", "aftership")).toEqual({
      ok: false,
      message: 'Carrier "Acme Post" has no known AfterShip courier slug; add a carrier mapping in the channel settings and retry',
    });
    expect(carrierNameFor(null, "wish").ok).toBe(false);
  });
});
