// The demo's printed curl for the order to Germany, pasted into a shell as a merchant would, answers the duties-paid
// and duties-on-delivery rates side by side (issue 11's "done when").
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { useDemo } from "../helpers/demo";

const run = promisify(execFile);
const demo = useDemo("landed", 120_000);

describe("the demo order to Germany", () => {
  it("shows both the duties-paid and the duties-on-delivery option at the printed curl", async () => {
    const { stdout } = await run("sh", ["-c", demo().germanyCurl], { timeout: 30_000 });
    const rates = (JSON.parse(stdout) as { rates: { service_code: string; service_name: string; total_price: string; description: string }[] }).rates;
    const byCode = Object.fromEntries(rates.map((r) => [r.service_code, r]));
    expect(byCode["eu-tracked-ddp"].service_name).toBe("International Tracked, duties paid");
    // The demo connects UPS (to the fake), so the UPS Landed Cost API prices it: the fake's 12% apparel duty and
    // 19% German VAT, with no clearance fee (the built-in estimate's $3.00 fee is merchant data, not UPS's).
    expect(byCode["eu-tracked-ddp"].description).toMatch(/^Includes duties \$26\.40 · import VAT \$46\.81 · /);
    expect(byCode["eu-tracked-dap"].description).toMatch(/^Est\. due on delivery: duties \$26\.40 · import VAT \$46\.81 · /);
    expect(Number(byCode["eu-tracked-ddp"].total_price)).toBeGreaterThan(Number(byCode["eu-tracked-dap"].total_price));
  }, 60_000);
});
