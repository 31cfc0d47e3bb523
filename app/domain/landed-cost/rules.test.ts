import { describe, expect, it } from "vitest";
import { findDutyRate, regimesFor, selectRegime, selectTaxRate } from "./lookup";
import { COVERED_DESTINATIONS, EU_MEMBERS, REGIMES, TAX_RATES } from "./rules";
import { dutyRateSchema } from "./model";

describe("the rules data", () => {
  it("covers the 27 EU members and the 15 other destinations of issue 11", () => {
    expect(EU_MEMBERS).toHaveLength(27);
    expect(COVERED_DESTINATIONS).toHaveLength(27 + 15);
  });

  it.each(["2025-06-01", "2026-12-01"])("has a regime, and an import tax rate where one exists, for every destination on %s", (date) => {
    for (const c of COVERED_DESTINATIONS) {
      const regime = selectRegime(c, date);
      expect(regime, c).toBeDefined();
      if (!regime!.noImportTax && !regime!.bandRate?.includesTax) expect(selectTaxRate(c, undefined, date), c).toBeDefined();
    }
  });

  it("never has two versions of a rule in force on the same day", () => {
    const overlaps = (a: { from: string; to?: string }, b: { from: string; to?: string }) =>
      a.from < (b.to ?? "9999") && b.from < (a.to ?? "9999");
    for (const c of COVERED_DESTINATIONS) {
      const rs = regimesFor(c);
      rs.forEach((a, i) => rs.slice(i + 1).forEach((b) => expect(overlaps(a, b), `${c}: ${a.id} / ${b.id}`).toBe(false)));
    }
    const byKey = new Map<string, typeof TAX_RATES>();
    for (const t of TAX_RATES) byKey.set(`${t.country}-${t.province ?? ""}`, [...(byKey.get(`${t.country}-${t.province ?? ""}`) ?? []), t]);
    for (const [key, rs] of byKey) rs.forEach((a, i) => rs.slice(i + 1).forEach((b) => expect(overlaps(a, b), key).toBe(false)));
  });

  it("names a source with an address for every rule", () => {
    for (const r of REGIMES) expect(r.sources.every((s) => s.url.startsWith("https://")), r.id).toBe(true);
    for (const t of TAX_RATES) expect(t.source.url, t.country).toMatch(/^https:\/\//);
  });
});

describe("the merchant duty table", () => {
  const rows = [
    { hsPrefix: "61", destination: "EU", percent: "12" },
    { hsPrefix: "6109", destination: "EU", percent: "10" },
    { hsPrefix: "6109", destination: "DE", percent: "9" },
    { hsPrefix: "610910", destination: "DE", origin: "VN", percent: "0", note: "EU–Vietnam FTA" },
  ].map((r) => dutyRateSchema.parse(r));

  it("uses the longest HS prefix", () => {
    expect(findDutyRate(rows, "611020", "FR", "CN")?.percent).toBe("12");
    expect(findDutyRate(rows, "610910", "FR", "CN")?.percent).toBe("10");
  });

  it("prefers a country row over an EU row, and a row for the goods' origin over a general one", () => {
    expect(findDutyRate(rows, "610910", "DE", "CN")?.percent).toBe("9");
    expect(findDutyRate(rows, "610910", "DE", "VN")?.percent).toBe("0");
  });

  it("finds nothing for a destination outside the table", () => {
    expect(findDutyRate(rows, "610910", "JP", "CN")).toBeUndefined();
  });
});
