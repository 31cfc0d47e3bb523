import { describe, expect, it } from "vitest";
import { bucketWidthMs, percentileMs } from "./latency";

describe("latency percentiles from a histogram", () => {
  it("is null when there were no requests", () => {
    expect(percentileMs([], 0.5)).toBeNull();
    expect(percentileMs([{ floorMs: 10, count: 0 }], 0.95)).toBeNull();
  });

  it("reports exact milliseconds for fast requests", () => {
    const buckets = [
      { floorMs: 3, count: 50 },
      { floorMs: 8, count: 45 },
      { floorMs: 40, count: 5 },
    ];
    expect(percentileMs(buckets, 0.5)).toBe(3);
    expect(percentileMs(buckets, 0.95)).toBe(8);
    expect(percentileMs(buckets, 0.96)).toBe(40);
  });

  it("reports the upper edge of a coarser bucket for slow requests", () => {
    const buckets = [
      { floorMs: 1200, count: 1 },
      { floorMs: 250, count: 19 },
    ];
    expect(percentileMs(buckets, 0.5)).toBe(260);
    expect(percentileMs(buckets, 0.95)).toBe(260);
    expect(percentileMs(buckets, 1)).toBe(1300);
  });

  it("widens buckets at 100 ms and 1 s", () => {
    expect([bucketWidthMs(99), bucketWidthMs(100), bucketWidthMs(990), bucketWidthMs(1000)]).toEqual([1, 10, 10, 100]);
  });
});
