import { describe, expect, it } from "vitest";
import { type ProductForm, type VariantRow, formToProductData, productWarnings } from "./product-data";
import { formUnitOfShopify, shopFormUnits } from "./form-units";

const row = (over: Partial<VariantRow> = {}): VariantRow => ({
  productId: "gid://shopify/Product/1",
  productTitle: "Lamp",
  variantId: "gid://shopify/ProductVariant/1",
  variantTitle: "Default Title",
  sku: "L-1",
  shopifyGrams: 800,
  shopifyWeightUnit: "kg",
  data: null,
  ...over,
});
const withDims = (l: number, w = 100, h = 100) => ({ weightGrams: null, dimensionsMm: { l, w, h }, hsCode: null, countryOfOrigin: null });
const form = (over: Partial<ProductForm> = {}): ProductForm => ({
  productId: "p",
  variantId: "v",
  title: "Lamp",
  sku: null,
  lengthUnit: "in",
  weightUnit: "lb",
  length: "",
  width: "",
  height: "",
  weight: "",
  hsCode: "",
  countryOfOrigin: "",
  ...over,
});

describe("product warnings", () => {
  it("warns about a variant with no weight in Shopify and none stored here", () => {
    expect(productWarnings([row({ shopifyGrams: 0, data: withDims(100) })]).map((w) => w.kind)).toEqual(["no_weight"]);
    expect(productWarnings([row({ shopifyGrams: 0, data: { ...withDims(100), weightGrams: 500 } })])).toEqual([]);
  });

  it("warns that a variant without dimensions cannot be checked against the 11-inch limit", () => {
    expect(productWarnings([row()])).toEqual([expect.objectContaining({ kind: "no_dimensions", title: "Lamp", message: expect.stringContaining("11 in") })]);
  });

  it("warns about a side over 11 inches but not one of exactly 11 inches", () => {
    expect(productWarnings([row({ data: withDims(280) })]).map((w) => w.kind)).toEqual(["oversize"]);
    expect(productWarnings([row({ data: withDims(279) })])).toEqual([]);
  });
});

describe("product form", () => {
  it("converts inches and pounds to millimetres (to a tenth) and grams", () => {
    const { data, errors } = formToProductData(form({ length: "12", width: "9", height: "4", weight: "2" }));
    expect(errors).toEqual([]);
    expect(data).toMatchObject({ lengthMm: 304.8, widthMm: 228.6, heightMm: 101.6, weightGrams: 907 });
  });

  it("normalizes an HS code with dots and an origin in lower case", () => {
    expect(formToProductData(form({ hsCode: "6109.10.00", countryOfOrigin: "pt" })).data).toMatchObject({ hsCode: "61091000", countryOfOrigin: "PT" });
  });

  it("refuses a short HS code, a three-letter country and a partial set of dimensions", () => {
    const paths = formToProductData(form({ hsCode: "6109", countryOfOrigin: "PRT", length: "3" })).errors.map((e) => e.path);
    expect(paths).toEqual(["width", "height", "hsCode", "countryOfOrigin"]);
  });
});

describe("product data in the shop's units", () => {
  it("stores 24 × 16 × 4 typed on an inches shop as inches converted to millimetres", () => {
    const { data, errors } = formToProductData(form({ length: "24", width: "16", height: "4" }));
    expect(errors).toEqual([]);
    expect([data.lengthMm, data.widthMm, data.heightMm]).toEqual([609.6, 406.4, 101.6]);
  });

  it("opens the editor in pounds and inches on an imperial shop, centimetres and kilograms otherwise", () => {
    expect(shopFormUnits("lb")).toEqual({ weightUnit: "lb", lengthUnit: "in" });
    expect(shopFormUnits("kg")).toEqual({ weightUnit: "kg", lengthUnit: "cm" });
    expect(formUnitOfShopify("POUNDS")).toBe("lb");
    expect(formUnitOfShopify("OUNCES")).toBe("lb");
    expect(formUnitOfShopify("GRAMS")).toBe("kg");
  });
});
