import { describe, expect, it } from "vitest";
import { BASE_DELAY_MS, MAX_ATTEMPTS, MAX_DELAY_MS, nextAttemptAt, retryDelayMs } from "./outbox.server";

/** Replays a row failing every attempt with the given Retry-After on an injected clock; returns the span in hours. */
function budgetSpanHours(retryAfterMs: number | undefined, random: () => number): number {
  const t0 = new Date("2030-01-01T00:00:00Z");
  let now = t0;
  for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) now = nextAttemptAt(now, attempt, retryAfterMs, random);
  return (now.getTime() - t0.getTime()) / 3_600_000;
}

describe("retryDelayMs", () => {
  it("doubles from one minute with ±20 % jitter and never exceeds six hours", () => {
    expect(retryDelayMs(1, undefined, () => 0.5)).toBe(BASE_DELAY_MS);
    expect(retryDelayMs(3, undefined, () => 0.5)).toBe(4 * BASE_DELAY_MS);
    expect(retryDelayMs(1, undefined, () => 0)).toBe(0.8 * BASE_DELAY_MS);
    expect(retryDelayMs(1, undefined, () => 1)).toBe(1.2 * BASE_DELAY_MS);
    expect(retryDelayMs(30, undefined, () => 1)).toBe(MAX_DELAY_MS);
  });

  it("lets Retry-After lengthen a delay, capped the same way", () => {
    expect(retryDelayMs(1, 10 * 60_000, () => 0.5)).toBe(10 * 60_000);
    expect(retryDelayMs(5, 10 * 3_600_000, () => 0.5)).toBe(MAX_DELAY_MS);
  });

  it("never lets Retry-After shorten the schedule", () => {
    for (const retryAfter of [0, 2_000, 7_000, -5, Number.NaN]) {
      expect(retryDelayMs(1, retryAfter, () => 0.5)).toBe(BASE_DELAY_MS);
      expect(retryDelayMs(5, retryAfter, () => 0.5)).toBe(16 * BASE_DELAY_MS);
    }
  });

  it("spreads the attempts over roughly a day", () => {
    let total = 0;
    for (let a = 1; a < MAX_ATTEMPTS; a++) total += retryDelayMs(a, undefined, () => 0.5);
    expect(total / 3_600_000).toBeGreaterThan(18);
    expect(total / 3_600_000).toBeLessThan(26);
  });

  it("spends the attempt budget over ~20 hours whatever Retry-After says (injected clock)", () => {
    for (const retryAfter of [undefined, 0, 2_000]) {
      // Worst case of the jitter (every delay −20 %) still spans more than 16 hours.
      expect(budgetSpanHours(retryAfter, () => 0)).toBeGreaterThan(16);
      expect(budgetSpanHours(retryAfter, () => 0.5)).toBeGreaterThan(20);
    }
    // A channel asking for longer pauses stretches it; the 6-hour cap bounds each pause.
    expect(budgetSpanHours(3 * 3_600_000, () => 0.5)).toBeLessThanOrEqual(((MAX_ATTEMPTS - 1) * MAX_DELAY_MS) / 3_600_000);
  });
});
