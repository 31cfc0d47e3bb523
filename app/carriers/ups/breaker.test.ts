import { describe, expect, it } from "vitest";
import { BREAKER, breakerAfter, breakerRefusal } from "./breaker";
import { upsMessage } from "./errors";

const limited = (ms?: number) => [upsMessage("retry_later", "rate_limited", "x", { retryAfterMs: ms })];
const down = [upsMessage("retry_later", "server_error", "x")];

describe("UPS circuit breaker", () => {
  it("stays closed after a success and after a shipment problem", () => {
    expect(breakerRefusal(breakerAfter(undefined, [], 0), 0)).toBeNull();
    expect(breakerRefusal(breakerAfter(undefined, [upsMessage("none", "ups_111285", "x")], 0), 0)).toBeNull();
  });

  it("opens for Retry-After on a 429, capped, then lets calls through again", () => {
    const s = breakerAfter(undefined, limited(7_000), 1_000);
    expect(breakerRefusal(s, 2_000)).toMatchObject({ code: "retry_later/circuit_open", retryAfterMs: 6_000 });
    expect(breakerRefusal(s, 8_000)).toBeNull();
    expect(breakerAfter(undefined, limited(3_600_000), 0).openUntil).toBe(BREAKER.maxOpenMs);
  });

  it("opens briefly after repeated server failures, and a success resets the count", () => {
    let s = breakerAfter(undefined, down, 0);
    s = breakerAfter(s, down, 0);
    expect(breakerRefusal(s, 0)).toBeNull();
    expect(breakerAfter(s, [], 0).failures).toBe(0);
    s = breakerAfter(s, down, 0);
    expect(breakerRefusal(s, 1)).not.toBeNull();
    expect(breakerRefusal(s, BREAKER.openAfterFailuresMs)).toBeNull();
  });
});
