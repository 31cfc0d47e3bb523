import { describe, expect, it } from "vitest";
import { runLandedCost } from "./landed-cost";

function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = runLandedCost(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe("npm run waypost -- landed-cost", () => {
  it("prints the DDP and DAP breakdown with formulas, sources and the de minimis decision", () => {
    const { code, out } = run("--to", "DE", "--from", "US", "--currency", "EUR", "--item", "6109.10,CN,8000,2", "--shipping", "990", "--duty", "6109=12");
    expect(code).toBe(0);
    expect(out).toContain("US → DE on");
    expect(out).toContain("DDP: Includes duties €20.39 · import VAT €36.15");
    expect(out).toContain("DAP: Est. due on delivery: duties €20.39 · import VAT €36.15");
    expect(out).toContain("Import VAT, 6109.10 ×2 = 19% of (customs value €160.00 + duty €20.39)");
    expect(out).toContain("de minimis: tax: above the IOSS threshold (goods €160.00 > €150.00): import tax due at the border");
    expect(out).toContain("<https://www.npmjs.com/package/sales-tax/v/2.23.0>");
  });

  it("answers JSON for every covered destination and exits 1 when an estimate is incomplete", () => {
    const { code, out } = run("--to", "all", "--from", "GB", "--currency", "EUR", "--item", "6109.10,CN,2500,1", "--incoterm", "DAP", "--json",
      ...["EUR/USD=1.16", "EUR/GBP=0.87", "EUR/CAD=1.62", "EUR/CHF=0.93", "EUR/NOK=11.7", "EUR/AUD=1.78", "EUR/NZD=2.02", "EUR/JPY=180", "EUR/SGD=1.51", "EUR/CNY=8.2", "EUR/INR=102"].flatMap((r) => ["--rate", r]));
    const results = JSON.parse(out);
    expect(results).toHaveLength(42);
    expect(results.every((r: { messages: { code: string }[] }) => !r.messages.some((m) => m.code === "exchange_rate_missing"))).toBe(true);
    expect(code).toBe(1); // no duty rates given: the US (no de minimis) reports "duty unknown"
  });

  it("rejects bad input with a clear message and exit code 2", () => {
    expect(run("--to", "DE").err).toContain("--to, --from, --currency and at least one --item are required");
    const decimal = run("--to", "DE", "--from", "US", "--currency", "EUR", "--item", "6109.10,CN,25.00,2");
    expect(decimal.code).toBe(2);
    expect(decimal.err).toContain('the unit value must be a whole number (minor units for money), got "25.00"');
    expect(run("--to", "Germany", "--from", "US", "--currency", "EUR", "--item", "6109.10,CN,2500,2").err).toContain("destination.country: a two-letter ISO country code");
    expect(run("--to", "DE", "--bogus").code).toBe(2);
  });
});
