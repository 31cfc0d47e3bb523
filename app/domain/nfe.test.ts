import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatNfeKey,
  formatNfeNumber,
  nfeCheckDigit,
  nfeInvoiceNumber,
  parseNfeKey,
  parseNfeReference,
} from "./nfe";

const now = new Date("2025-06-01T00:00:00Z");
const AM_NFCE = "13181017921427000125650010000000309887251170";
const RJ_NFE = "33150308370779000149550010001100931002410775";

function withDigit(key: string, index: number, digit: string): string {
  return key.slice(0, index) + digit + key.slice(index + 1);
}
function reDv(first43: string): string {
  return first43 + String(nfeCheckDigit(first43));
}

describe("parseNfeKey", () => {
  it("parses a published NFC-e key from Amazonas", () => {
    const r = parseNfeKey(AM_NFCE, { now });
    expect(r).toEqual({
      ok: true,
      key: {
        digits: AM_NFCE,
        cUF: "13",
        stateCode: "AM",
        yearMonth: { year: 2018, month: 10 },
        cnpj: "17921427000125",
        model: "65",
        series: "1",
        number: "30",
        emissionType: "9",
        randomCode: "88725117",
        checkDigit: 0,
      },
    });
  });

  it("parses a published NF-e key from Rio de Janeiro", () => {
    const r = parseNfeKey(RJ_NFE, { now });
    if (!r.ok) throw new Error(r.error);
    expect(r.key).toMatchObject({ stateCode: "RJ", model: "55", number: "110093", series: "1", checkDigit: 5 });
    expect(r.key.yearMonth).toEqual({ year: 2015, month: 3 });
  });

  it("accepts spaces, dots and the XML NFe prefix", () => {
    const spaced = formatNfeKey((parseNfeKey(RJ_NFE, { now }) as { ok: true; key: never }).key);
    expect(spaced).toBe("3315 0308 3707 7900 0149 5500 1000 1100 9310 0241 0775");
    expect(parseNfeKey(spaced, { now }).ok).toBe(true);
    expect(parseNfeKey(spaced.replace(/ /g, "."), { now }).ok).toBe(true);
    expect(parseNfeKey(`NFe${RJ_NFE}`, { now }).ok).toBe(true);
  });

  it("rejects a key with one digit changed through the check digit", () => {
    const r = parseNfeKey(withDigit(RJ_NFE, 30, "9"), { now });
    expect(r).toEqual({ ok: false, error: expect.stringContaining("check digit is 5, expected") });
  });

  it("rejects a wrong check digit", () => {
    expect(parseNfeKey(withDigit(AM_NFCE, 43, "1"), { now })).toEqual({
      ok: false,
      error: "NF-e access key check digit is 1, expected 0; check for a typo",
    });
  });

  it("rejects the wrong length and non-digits", () => {
    expect(parseNfeKey(AM_NFCE.slice(1), { now })).toEqual({
      ok: false,
      error: "NF-e access key must have 44 digits, got 43",
    });
    expect(parseNfeKey(withDigit(AM_NFCE, 10, "X"), { now }).ok).toBe(false);
  });

  it("rejects an unknown state code, including 99", () => {
    for (const cUF of ["34", "99", "00"]) {
      const r = parseNfeKey(reDv(cUF + RJ_NFE.slice(2, 43)), { now });
      expect(r).toEqual({ ok: false, error: `NF-e access key has unknown state code ${cUF} (IBGE cUF)` });
    }
  });

  it("rejects month 13 and month 00", () => {
    expect(parseNfeKey(reDv("3315" + "13" + RJ_NFE.slice(6, 43)), { now })).toEqual({
      ok: false,
      error: "NF-e access key has invalid month 13",
    });
    expect(parseNfeKey(reDv("3315" + "00" + RJ_NFE.slice(6, 43)), { now }).ok).toBe(false);
  });

  it("rejects years before NF-e existed and after next year", () => {
    expect(parseNfeKey(reDv("3305" + RJ_NFE.slice(4, 43)), { now }).ok).toBe(false);
    expect(parseNfeKey(reDv("3326" + RJ_NFE.slice(4, 43)), { now }).ok).toBe(true);
    expect(parseNfeKey(reDv("3327" + RJ_NFE.slice(4, 43)), { now })).toEqual({
      ok: false,
      error: "NF-e access key has implausible year 2027 (expected 2006–2026)",
    });
  });

  it("rejects models other than 55 and 65", () => {
    const cte = reDv(RJ_NFE.slice(0, 20) + "57" + RJ_NFE.slice(22, 43));
    expect(parseNfeKey(cte, { now })).toEqual({
      ok: false,
      error: "NF-e access key has model 57; expected 55 (NF-e) or 65 (NFC-e)",
    });
  });

  it("detects every single-digit substitution in a valid key", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 43 }), fc.integer({ min: 1, max: 9 }), (i, delta) => {
        const d = String((Number(RJ_NFE[i]) + delta) % 10);
        expect(parseNfeKey(withDigit(RJ_NFE, i, d), { now }).ok).toBe(false);
      }),
    );
  });
});

describe("invoice numbers", () => {
  it("nfeInvoiceNumber gives nNF and série without leading zeros", () => {
    const r = parseNfeKey(AM_NFCE, { now });
    if (!r.ok) throw new Error(r.error);
    expect(nfeInvoiceNumber(r.key)).toEqual({ number: "30", series: "1" });
  });

  it("formatNfeNumber prints plain and DANFE styles", () => {
    expect(formatNfeNumber("000000030")).toBe("30");
    expect(formatNfeNumber("110093", "danfe")).toBe("000.110.093");
  });
});

describe("parseNfeReference", () => {
  it("accepts a bare NF-e number with an unknown série", () => {
    expect(parseNfeReference(" 000.110.093 ", { now })).toEqual({
      ok: true,
      ref: { kind: "number", number: "110093", series: null },
    });
  });

  it("accepts a full key and exposes its number and série", () => {
    const r = parseNfeReference(RJ_NFE, { now });
    expect(r).toMatchObject({ ok: true, ref: { kind: "key", number: "110093", series: "1" } });
  });

  it("rejects lengths that are neither a number nor a key", () => {
    expect(parseNfeReference("1234567890", { now })).toEqual({
      ok: false,
      error: "expected an NF-e number (1–9 digits) or a 44-digit access key, got 10 digits",
    });
    expect(parseNfeReference("0", { now }).ok).toBe(false);
    expect(parseNfeReference("abc", { now }).ok).toBe(false);
  });
});
