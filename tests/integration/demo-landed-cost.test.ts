// The demo's printed curl for the order to Germany, pasted into a shell as a merchant would, answers the duties-paid
// and duties-on-delivery rates side by side (issue 11's "done when").
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startDemo, type Demo } from "../../scripts/demo";

const run = promisify(execFile);
let demo: Demo;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-demo-landed-"));
  const port = await freePort();
  demo = await startDemo({
    port,
    databaseUrl: `file:${path.join(dir, "demo.sqlite")}`,
    quiet: true,
    env: { NODE_ENV: "development", HOST: "127.0.0.1", SHOPIFY_APP_URL: `http://localhost:${port}`, LOG_LEVEL: "error" },
  });
}, 120_000);

afterAll(async () => {
  await demo?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the demo order to Germany", () => {
  it("shows both the duties-paid and the duties-on-delivery option at the printed curl", async () => {
    const { stdout } = await run("sh", ["-c", demo.germanyCurl], { timeout: 30_000 });
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
