import { describe, expect, it } from "vitest";
import { carrierNameFor, type CarrierNameTable } from "./carrier-names";

const TABLE: CarrierNameTable = { noun: "courier code", names: { correios: "BR-CORREIOS", "dhl express": "DHL", fedex: "FDX" } };

describe("carrierNameFor", () => {
  it("maps Shopify carrier names and their aliases through the channel's table", () => {
    expect(carrierNameFor("Correios", TABLE)).toEqual({ ok: true, name: "BR-CORREIOS" });
    expect(carrierNameFor("DHL", TABLE)).toEqual({ ok: true, name: "DHL" });
    expect(carrierNameFor(" federal  express ", TABLE)).toEqual({ ok: true, name: "FDX" });
  });

  it("lets merchant overrides win over the built-in table", () => {
    expect(carrierNameFor("Correios", TABLE, { correios: "CorreiosBR" })).toEqual({ ok: true, name: "CorreiosBR" });
    expect(carrierNameFor("Total Express", TABLE, { "Total Express": "TotalExpress" })).toEqual({ ok: true, name: "TotalExpress" });
  });

  it("explains unknown and missing carriers in the channel's words", () => {
    expect(carrierNameFor("Acme Post", TABLE)).toEqual({
      ok: false,
      message: 'Carrier "Acme Post" has no known courier code; add a carrier mapping in the channel settings and retry',
    });
    expect(carrierNameFor(null, TABLE).ok).toBe(false);
  });
});
