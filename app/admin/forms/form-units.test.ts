import { billableWeight } from "~/domain/billable-weight";
import { wholePoundsToGrams } from "~/domain/units";
import { describe, expect, it } from "vitest";
import { convertWeightField, decimalMark, displayWeightField, localizeDecimal, formatLengthField, formatMoneyField, formatPercentField, formatWeightField, parseIntField, parseLengthField, parseListField, parseMoneyField, parsePercentField, parseWeightField, resolveWeightField } from "./form-units";

describe("form units", () => {
  it("treats a blank field as absent, never as zero", () => {
    expect(parseWeightField("  ", "kg")).toEqual({ ok: true, value: undefined });
    expect(parseMoneyField("", "USD")).toEqual({ ok: true, value: undefined });
  });

  it("converts kilograms and pounds to whole grams", () => {
    expect(parseWeightField("1.5", "kg")).toEqual({ ok: true, value: 1500 });
    expect(parseWeightField("1", "lb")).toEqual({ ok: true, value: 454 });
  });

  it("round-trips every gram through pounds with three decimals", () => {
    for (let g = 0; g < 5000; g += 7) {
      const typed = formatWeightField(g, "lb");
      expect(parseWeightField(typed, "lb")).toEqual({ ok: true, value: g });
    }
  });

  it("shows a weight typed in whole or short pounds the way it was typed, not with the gram rounding", () => {
    for (const typed of ["11", "0.5", "2.25", "1.1", "150"]) {
      const grams = (parseWeightField(typed, "lb") as { value: number }).value;
      expect(formatWeightField(grams, "lb")).toBe(typed);
    }
    expect(formatWeightField(4990, "lb")).toBe("11");
    expect(formatWeightField(5000, "kg")).toBe("5");
    // 5000 g is no short number of pounds; the three decimals that return 5000 g are kept.
    expect(formatWeightField(5000, "lb")).toBe("11.023");
  });

  it("converts centimetres and inches to millimetres kept to a tenth, so whole inches stay exact", () => {
    expect(parseLengthField("30.5", "cm")).toEqual({ ok: true, value: 305 });
    expect(parseLengthField("11", "in")).toEqual({ ok: true, value: 279.4 });
    expect(parseLengthField("12", "in")).toEqual({ ok: true, value: 304.8 });
    expect(formatLengthField(254, "in")).toBe("10");
  });

  it("keeps a box typed as 12 × 9 × 6 in billed by UPS as 12 × 9 × 6 in, not 13 × 10 × 6", () => {
    const mm = (inches: string) => (parseLengthField(inches, "in") as { value: number }).value;
    const billed = billableWeight({ grams: 500, dimensionsMm: { l: mm("12"), w: mm("9"), h: mm("6") } }, "ups_daily");
    expect(billed.explanation).toContain("12 × 9 × 6 in");
    expect(billed.billableGrams).toBe(wholePoundsToGrams(5)); // 648 in³ / 139 = 4.66 → 5 lb
  });

  it("parses money as minor units of the currency", () => {
    expect(parseMoneyField("12.50", "USD")).toEqual({ ok: true, value: 1250 });
    expect(parseMoneyField("1000", "JPY")).toEqual({ ok: true, value: 1000 });
    expect(formatMoneyField(1250, "USD")).toBe("12.50");
  });

  it("refuses negative or non-numeric amounts with a message for the field", () => {
    expect(parseMoneyField("-1", "USD").ok).toBe(false);
    expect(parseWeightField("abc", "kg")).toEqual({ ok: false, error: "enter_weight", params: { unit: "kg" } });
    // A negative whole number is below the minimum, not "not a whole number".
    expect(parseIntField("-1")).toEqual({ ok: false, error: "number_min", params: { min: 0 } });
    expect(parseIntField("1.5").ok).toBe(false);
  });

  it("reads percentages as basis points, signed", () => {
    expect(parsePercentField("10")).toEqual({ ok: true, value: 1000 });
    expect(parsePercentField("-12.5%")).toEqual({ ok: true, value: -1250 });
    expect(formatPercentField(-1250)).toBe("-12.5");
    expect(formatPercentField(0)).toBe("");
  });

  it("splits lists on commas and new lines", () => {
    expect(parseListField("A-1, B-2\nC-3,,")).toEqual(["A-1", "B-2", "C-3"]);
  });
});

describe("weights shown rounded for people", () => {
  it("shows kilograms and pounds with at most two decimals and no trailing zeros", () => {
    expect(displayWeightField(5000, "lb")).toBe("11.02");
    expect(displayWeightField(454, "lb")).toBe("1");
    expect(displayWeightField(1500, "kg")).toBe("1.5");
    expect(displayWeightField(undefined, "kg")).toBe("");
  });

  it("gives back the stored grams when the shown text was not changed", () => {
    expect(resolveWeightField(displayWeightField(5000, "lb"), "lb", 5000)).toEqual({ ok: true, value: 5000 });
    expect(resolveWeightField(" 1 ", "lb", 454)).toEqual({ ok: true, value: 454 });
    expect(resolveWeightField("2.2", "lb", 1000)).toEqual({ ok: true, value: 1000 });
  });

  it("converts what the merchant typed half-up to whole grams", () => {
    expect(resolveWeightField("11.5", "lb", 5000)).toEqual({ ok: true, value: 5216 });
    expect(resolveWeightField("11.02", "lb")).toEqual({ ok: true, value: 4999 });
  });

  it("does not take carried grams that the shown text does not round to", () => {
    expect(resolveWeightField("1", "lb", 99999)).toEqual({ ok: true, value: 454 });
  });

  it("treats a cleared field as absent even when grams were carried", () => {
    expect(resolveWeightField("", "lb", 5000)).toEqual({ ok: true, value: undefined });
  });

  it("reports text that is not a weight whatever was carried", () => {
    expect(resolveWeightField("abc", "lb", 5000)).toMatchObject({ ok: false, error: "enter_weight" });
  });

  it("carries the stored grams across a unit switch and back", () => {
    const kg = convertWeightField("11.02", 5000, "lb", "kg");
    expect(kg).toEqual({ text: "5", grams: 5000 });
    const lb = convertWeightField(kg.text, kg.grams, "kg", "lb");
    expect(lb).toEqual({ text: "11.02", grams: 5000 });
    expect(resolveWeightField(lb.text, "lb", lb.grams)).toEqual({ ok: true, value: 5000 });
  });

  it("leaves text that is not a weight as typed when the unit changes", () => {
    expect(convertWeightField("abc", 5000, "lb", "kg")).toEqual({ text: "abc" });
  });
});

describe("decimal commas", () => {
  it("reads 7,50 typed by a French, German, Brazilian, Mexican or Indonesian merchant as 7.50", () => {
    expect(parseMoneyField("7,50", "EUR")).toEqual({ ok: true, value: 750 });
    expect(parseMoneyField(" 7,5 ", "BRL")).toEqual({ ok: true, value: 750 });
    expect(parseWeightField("1,5", "kg")).toEqual({ ok: true, value: 1500 });
    expect(parseWeightField("0,500", "kg")).toEqual({ ok: true, value: 500 });
    expect(parseLengthField("30,5", "cm")).toEqual({ ok: true, value: 305 });
    expect(parsePercentField("-12,5 %")).toEqual({ ok: true, value: -1250 });
    expect(parseMoneyField(",5", "USD")).toEqual({ ok: true, value: 50 });
  });

  it("refuses 1,500 rather than guess between fifteen hundred and one and a half", () => {
    expect(parseMoneyField("1,500", "USD")).toEqual({ ok: false, error: "decimal_ambiguous", params: { thousands: "1500", decimal: "1.500" } });
    expect(parseWeightField("12,345", "kg")).toMatchObject({ ok: false, error: "decimal_ambiguous" });
    expect(parseMoneyField("1,5000", "USD")).toEqual({ ok: true, value: 150 });
    expect(parseWeightField("1.500", "kg")).toEqual({ ok: true, value: 1500 });
  });

  it("refuses thousands separators and two decimal marks", () => {
    for (const text of ["1.234,50", "1,234.50", "1 234,5", "7,5,0", ",", "7,50 EUR"]) expect(parseMoneyField(text, "EUR"), text).toMatchObject({ ok: false });
  });

  it("keeps the stored grams of an untouched weight shown with a comma", () => {
    expect(resolveWeightField("11,02", "lb", 5000)).toEqual({ ok: true, value: 5000 });
    expect(resolveWeightField("11,03", "lb", 5000)).toEqual({ ok: true, value: 5003 });
  });

  it("shows form values with the decimal mark of the admin's language", () => {
    expect(decimalMark("fr")).toBe(",");
    expect(decimalMark("pt-BR")).toBe(",");
    expect(decimalMark("es-MX")).toBe(".");
    expect(decimalMark("zh-CN")).toBe(".");
    expect(localizeDecimal("7.50", ",")).toBe("7,50");
    expect(localizeDecimal("7.50", ".")).toBe("7.50");
    expect(localizeDecimal("-12.5", ",")).toBe("-12,5");
    expect(localizeDecimal("SW1A 1.2", ",")).toBe("SW1A 1.2");
  });
});
