import { describe, expect, it } from "vitest";
import { BASE_DELAY_MS, MAX_ATTEMPTS, MAX_DELAY_MS, retryDelayMs } from "./outbox.server";

describe("retryDelayMs", () => {
  it("doubles from one minute with ±20 % jitter and never exceeds six hours", () => {
    expect(retryDelayMs(1, undefined, () => 0.5)).toBe(BASE_DELAY_MS);
    expect(retryDelayMs(3, undefined, () => 0.5)).toBe(4 * BASE_DELAY_MS);
    expect(retryDelayMs(1, undefined, () => 0)).toBe(0.8 * BASE_DELAY_MS);
    expect(retryDelayMs(1, undefined, () => 1)).toBe(1.2 * BASE_DELAY_MS);
    expect(retryDelayMs(30, undefined, () => 1)).toBe(MAX_DELAY_MS);
  });

  it("honours Retry-After, capped the same way", () => {
    expect(retryDelayMs(5, 7_000)).toBe(7_000);
    expect(retryDelayMs(5, 10 * 3_600_000)).toBe(MAX_DELAY_MS);
  });

  it("spreads the attempts over roughly a day", () => {
    let total = 0;
    for (let a = 1; a < MAX_ATTEMPTS; a++) total += retryDelayMs(a, undefined, () => 0.5);
    expect(total / 3_600_000).toBeGreaterThan(18);
    expect(total / 3_600_000).toBeLessThan(26);
  });
});
