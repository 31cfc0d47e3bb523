import { describe, expect, it } from "vitest";
import { RedisGuard, RedisUnavailable } from "./redis-guard";

const never = () => new Promise<string>(() => {});

describe("RedisGuard", () => {
  it("passes an answer through and rejects a command that does not answer within its deadline", async () => {
    const guard = new RedisGuard({ deadlineMs: 5 });
    await expect(guard.run(async () => "PONG")).resolves.toBe("PONG");
    await expect(guard.run(never)).rejects.toBeInstanceOf(RedisUnavailable);
    expect(guard.failures).toBe(1);
  });

  it("opens after consecutive failures, says so once, and then does not send commands at all", async () => {
    const opened: unknown[] = [];
    let now = 0;
    const guard = new RedisGuard({ failuresToOpen: 2, openMs: 1_000, now: () => now, onOpen: (e) => opened.push(e) });
    let sent = 0;
    const failing = () => (sent++, Promise.reject(new Error("ECONNREFUSED")));
    await expect(guard.run(failing)).rejects.toThrow("ECONNREFUSED");
    await expect(guard.run(failing)).rejects.toThrow("ECONNREFUSED");
    expect(guard.state).toBe("open");
    expect(opened).toHaveLength(1);
    await expect(guard.run(failing)).rejects.toThrow("skipped");
    expect([sent, guard.skipped]).toEqual([2, 1]);
    now = 1_000; // one probe goes through once the circuit has been open long enough; its success closes it
    await expect(guard.run(async () => "OK")).resolves.toBe("OK");
    expect(guard.state).toBe("closed");
  });

  it("refuses new commands while too many are in flight, and counts a late one until it settles", async () => {
    const guard = new RedisGuard({ maxInFlight: 1, deadlineMs: 5, failuresToOpen: 100 });
    let settle: (v: string) => void = () => {};
    const slow = () => new Promise<string>((resolve) => (settle = resolve));
    await expect(guard.run(slow)).rejects.toBeInstanceOf(RedisUnavailable); // late: still in flight
    await expect(guard.run(async () => "x")).rejects.toThrow("skipped");
    settle("done");
    await new Promise((r) => setImmediate(r));
    await expect(guard.run(async () => "y")).resolves.toBe("y");
  });
});
