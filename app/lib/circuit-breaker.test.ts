import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "./circuit-breaker";

function breaker() {
  let t = 0;
  const b = new CircuitBreaker({ failuresToOpen: 3, openMs: 1_000, now: () => t });
  return { b, advance: (ms: number) => (t += ms) };
}

describe("CircuitBreaker", () => {
  it("stays closed until the configured number of failures in a row", () => {
    const { b } = breaker();
    b.failure();
    b.failure();
    b.success();
    b.failure();
    b.failure();
    expect(b.state).toBe("closed");
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.state).toBe("open");
    expect(b.allow()).toBe(false);
  });

  it("lets exactly one probe through after the open period, and closes on its success", () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failure();
    advance(1_000);
    expect(b.state).toBe("half-open");
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false);
    b.success();
    expect(b.state).toBe("closed");
    expect(b.allow()).toBe(true);
  });

  it("reopens for a full period when the probe fails", () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failure();
    advance(1_000);
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.state).toBe("open");
    advance(999);
    expect(b.allow()).toBe(false);
    advance(1);
    expect(b.allow()).toBe(true);
  });
});
