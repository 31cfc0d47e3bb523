// "Test your shipping" form → the testShipping input: weights in kg/lb, prices as decimals in the shop currency and
// optional dimensions in cm/in become grams, minor units and millimetres here, at the edge.
import { z } from "zod";
import { RATE_REQUEST_LIMITS as L } from "~/domain/request-limits";
import type { FieldError } from "~/lib/field-errors";
import { type Parsed, isBlank, parseIntField, parseLengthField, parseMoneyField, parseWeightField } from "./form-units";

const text = z.string().max(500).default("");

const CartLineFormSchema = z.object({
  name: text,
  sku: text,
  vendor: text,
  variantId: text,
  quantity: text,
  weight: text,
  weightUnit: z.enum(["kg", "lb"]).default("kg"),
  price: text,
  length: text,
  width: text,
  height: text,
  lengthUnit: z.enum(["cm", "in"]).default("cm"),
});

export const TestCartFormSchema = z.object({
  destination: z.object({ country: text, province: text, postalCode: text, city: text }),
  items: z.array(CartLineFormSchema).max(100).default([]),
});

export type CartLineForm = z.output<typeof CartLineFormSchema>;
export type TestCartForm = z.output<typeof TestCartFormSchema>;

interface TestCartItem {
  name: string;
  sku?: string;
  vendor?: string;
  variantId?: string;
  quantity: number;
  grams: number;
  price: number;
  dimensionsMm?: { l: number; w: number; h: number };
}

export const emptyCartLine = (weightUnit: "kg" | "lb" = "kg", lengthUnit: "cm" | "in" = "cm"): CartLineForm => ({
  name: "",
  sku: "",
  vendor: "",
  variantId: "",
  quantity: "1",
  weight: "",
  weightUnit,
  price: "",
  length: "",
  width: "",
  height: "",
  lengthUnit,
});

export function cartFormToInput(
  form: TestCartForm,
  currency: string,
): { input: { destination: { country: string; province?: string; postalCode?: string; city?: string }; items: TestCartItem[] }; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const take = (p: Parsed<number>, path: string) => {
    if (p.ok) return p.value;
    errors.push({ path, message: p.error, params: p.params });
    return undefined;
  };
  const d = form.destination;
  const country = d.country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) errors.push({ path: "destination.country", message: "choose_country" });
  if (form.items.length === 0) errors.push({ path: "items", message: "cart_needs_item" });

  const items = form.items.map((line, i): TestCartItem => {
    const at = `items[${i}]`;
    const quantity = take(parseIntField(line.quantity), `${at}.quantity`);
    if (!quantity) errors.push({ path: `${at}.quantity`, message: "number_min", params: { min: 1 } });
    // Same caps as checkout (request-limits.ts): a 99,999,999 quantity is a field error, not a 500.
    else if (quantity > L.maxQuantity) errors.push({ path: `${at}.quantity`, message: "number_max", params: { max: L.maxQuantity } });
    const grams = take(parseWeightField(line.weight, line.weightUnit), `${at}.weight`) ?? 0;
    if (grams > L.maxUnitGrams) errors.push({ path: `${at}.weight`, message: "weight_max", params: { maxGrams: L.maxUnitGrams } });
    const price = take(parseMoneyField(line.price, currency), `${at}.price`) ?? 0;
    if (price > L.maxUnitPrice) errors.push({ path: `${at}.price`, message: "amount_max", params: { maxMinor: L.maxUnitPrice } });
    const dims = (["length", "width", "height"] as const).map((k) => take(parseLengthField(line[k], line.lengthUnit), `${at}.${k}`));
    const given = dims.filter((v) => v !== undefined).length;
    if (given > 0 && (given < 3 || dims.some((v) => v === 0))) errors.push({ path: `${at}.length`, message: "dimensions_all_or_none" });
    const opt = (s: string) => (isBlank(s) ? undefined : s.trim());
    return {
      name: opt(line.name) ?? `Item ${i + 1}`,
      ...(opt(line.sku) ? { sku: opt(line.sku) } : {}),
      ...(opt(line.vendor) ? { vendor: opt(line.vendor) } : {}),
      ...(opt(line.variantId) ? { variantId: opt(line.variantId) } : {}),
      quantity: quantity ?? 1,
      grams,
      price,
      ...(given === 3 && dims.every((v) => v! > 0) ? { dimensionsMm: { l: dims[0]!, w: dims[1]!, h: dims[2]! } } : {}),
    };
  });
  return {
    input: {
      destination: {
        country,
        ...(isBlank(d.province) ? {} : { province: d.province.trim().toUpperCase() }),
        ...(isBlank(d.postalCode) ? {} : { postalCode: d.postalCode.trim() }),
        ...(isBlank(d.city) ? {} : { city: d.city.trim() }),
      },
      items,
    },
    errors,
  };
}
