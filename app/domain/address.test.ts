import { describe, expect, it } from "vitest";
import { AddressSchema, normalizePostalCode, ukOutwardCode, ukPostcodeArea } from "./address";

describe("AddressSchema", () => {
  it("upper-cases the country and province", () => {
    const a = AddressSchema.parse({ country: "ca", province: "on", postalCode: "K2P 1L4" });
    expect(a).toMatchObject({ country: "CA", province: "ON", postalCode: "K2P 1L4" });
  });

  it("turns Shopify's nulls and blank strings into missing fields", () => {
    const a = AddressSchema.parse({ country: "US", province: null, postalCode: "", address2: "  " });
    expect(a.province).toBeUndefined();
    expect(a.postalCode).toBeUndefined();
    expect(a.address2).toBeUndefined();
  });

  it("rejects a country that is not an alpha-2 code", () => {
    expect(AddressSchema.safeParse({ country: "USA" }).success).toBe(false);
    expect(AddressSchema.safeParse({ country: "" }).success).toBe(false);
  });
});

describe("normalizePostalCode", () => {
  it("strips the dash from a Brazilian CEP", () => {
    expect(normalizePostalCode("BR", "01310-100")).toBe("01310100");
  });

  it("upper-cases and strips spaces", () => {
    expect(normalizePostalCode("CA", " k2p 1l4 ")).toBe("K2P1L4");
    expect(normalizePostalCode("US", "90210-1234")).toBe("902101234");
  });
});

describe("ukOutwardCode", () => {
  it("extracts the outward code from a full postcode", () => {
    expect(ukOutwardCode("SW1A 1AA")).toBe("SW1A");
    expect(ukOutwardCode("sw1a1aa")).toBe("SW1A");
    expect(ukOutwardCode("M1 1AE")).toBe("M1");
    expect(ukOutwardCode("CR2 6XH")).toBe("CR2");
    expect(ukOutwardCode("DN55 1PT")).toBe("DN55");
  });

  it("accepts an outward code on its own", () => {
    expect(ukOutwardCode("SW1")).toBe("SW1");
  });

  it("returns null for text that is not a UK postcode", () => {
    expect(ukOutwardCode("90210")).toBeNull();
    expect(ukOutwardCode("")).toBeNull();
  });

  it("finds the postcode area", () => {
    expect(ukPostcodeArea("SW1A 1AA")).toBe("SW");
    expect(ukPostcodeArea("S1 2AB")).toBe("S");
  });
});
