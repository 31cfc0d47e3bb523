import { describe, expect, it } from "vitest";
import { buildCustoms, customsProblemText, normalizeHsCode, type CustomsLine } from "./customs";

const line = (over: Partial<CustomsLine> = {}): CustomsLine => ({ title: "Ceramic mug", sku: "MUG", variantId: "gid://shopify/ProductVariant/1", quantity: 2, unitGrams: 400, unitPrice: 1500, currency: "USD", ...over });
const data = (hsCode: string | null, countryOfOrigin: string | null) => new Map([["gid://shopify/ProductVariant/1", { hsCode, countryOfOrigin }]]);

describe("the customs form of an international package", () => {
  it("declares each line with its HS code, origin and price from the product data", () => {
    const r = buildCustoms([line()], data("6912.00.4400", "pt"));
    expect(r).toEqual({ ok: true, customs: { contentType: "MERCHANDISE", currency: "USD", items: [{ description: "Ceramic mug", quantity: 2, unitValue: 1500, unitGrams: 400, hsCode: "6912004400", originCountry: "PT", sku: "MUG" }] } });
  });

  it("falls back to the HS code and origin Shopify keeps on the inventory item", () => {
    const r = buildCustoms([line({ variantId: "gid://shopify/ProductVariant/9", shopifyHsCode: "691200", shopifyOrigin: "CN" })], data(null, null));
    expect(r.ok && r.customs.items[0]).toMatchObject({ hsCode: "691200", originCountry: "CN" });
  });

  it("refuses naming the product and each missing field", () => {
    const r = buildCustoms([line({ unitPrice: null })], data(null, null));
    expect(r).toEqual({ ok: false, problems: [{ key: "missingHsCode", product: "Ceramic mug (MUG)" }, { key: "missingOrigin", product: "Ceramic mug (MUG)" }, { key: "missingValue", product: "Ceramic mug (MUG)" }] });
    if (!r.ok) expect(customsProblemText(r.problems[0])).toBe("Ceramic mug (MUG) has no HS code: add one under Product data");
  });

  it("refuses a malformed HS code, a non-dollar price and a vague description", () => {
    const r = buildCustoms([line({ title: "Gift", currency: "EUR" })], data("12AB", "PT"));
    expect(r.ok ? [] : r.problems.map((p) => [p.key, p.value])).toEqual([["invalidHsCode", "12AB"], ["notUsd", "EUR"], ["vagueDescription", "Gift"]]);
  });

  it("asks for an AES filing when one HS code is worth more than $2,500", () => {
    const r = buildCustoms([line({ quantity: 200 })], data("691200", "PT"));
    expect(r).toMatchObject({ ok: false, problems: [{ key: "needsItn", value: "691200" }] });
  });

  it("keeps HS codes of 6 to 10 digits and drops the dots", () => {
    expect(normalizeHsCode("6109.10")).toBe("610910");
    expect(normalizeHsCode("61091")).toBeNull();
    expect(normalizeHsCode("61091000120")).toBeNull();
  });
});
