import { describe, expect, it } from "vitest";
import { chooseNonLive, defaultQuotaPolicy, HOUR_MS, memoryQuotaStore, quotaSnapshot, recordRateLimited, takePermit, type QuotaState } from "./quota";

const policy = { limit: 60, burst: 15, reserve: 2, ratingReserve: 15 };
const MIN = 60_000;

function spend(state: QuotaState | null, at: number, n: number, kind: "price" | "token" = "price", p = policy) {
  let s = state;
  let allowed = 0;
  for (let i = 0; i < n; i++) {
    const d = takePermit(s, { now: at, policy: p, kind });
    s = d.state;
    if (d.allowed) allowed++;
  }
  return { state: s!, allowed };
}

describe("USPS quota", () => {
  it("defaults to about 60 calls an hour with a burst and a token reserve", () => {
    expect(defaultQuotaPolicy()).toEqual({ limit: 60, burst: 15, reserve: 2, ratingReserve: 15 });
  });

  it("paces a rush: a burst goes live at once, then one call a minute", () => {
    const first = spend(null, 0, 40);
    expect(first.allowed).toBe(15);
    const refused = takePermit(first.state, { now: 0, policy, kind: "price" });
    expect(refused).toMatchObject({ allowed: false, reason: "paced", retryAt: MIN });
    expect(takePermit(first.state, { now: MIN, policy, kind: "price" }).allowed).toBe(true);
  });

  it("never lets more than the limit through in any sliding hour, keeping the reserve for tokens", () => {
    let s: QuotaState | null = null;
    let prices = 0;
    for (let t = 0; t < 3 * HOUR_MS; t += 10_000) {
      const d = takePermit(s, { now: t, policy, kind: "price" });
      s = d.state;
      if (d.allowed) prices++;
      expect(s.calls.filter((c) => c > t - HOUR_MS).length).toBeLessThanOrEqual(58);
    }
    expect(prices).toBeGreaterThan(150);
    const tokens = spend(s, 3 * HOUR_MS, 5, "token");
    expect(tokens.allowed).toBeGreaterThanOrEqual(2);
    expect(quotaSnapshot(tokens.state, 3 * HOUR_MS, policy).usedLastHour).toBeLessThanOrEqual(60);
  });

  it("says when the hourly limit frees up: when the oldest call leaves the hour", () => {
    const unpaced = { ...policy, burst: 60 };
    const { state } = spend(null, 0, 15, "price", unpaced);
    const later = spend(state, 43 * MIN, 43, "price", unpaced);
    expect(later.allowed).toBe(43);
    const d = takePermit(later.state, { now: 43 * MIN, policy: unpaced, kind: "price" });
    expect(d).toMatchObject({ allowed: false, reason: "hourly_limit", retryAt: HOUR_MS });
  });

  it("stops every call after a 429 until Retry-After", () => {
    const s = recordRateLimited(null, { now: 0, policy, retryAfterSeconds: 120 });
    expect(takePermit(s, { now: 119_000, policy, kind: "token" })).toMatchObject({ allowed: false, reason: "backoff", retryAt: 120_000 });
    expect(takePermit(s, { now: 120_000, policy, kind: "token" }).allowed).toBe(true);
  });

  it("shares one budget through the store", async () => {
    const store = memoryQuotaStore();
    const take = () => store.update("usps:c1", (st) => {
      const d = takePermit(st, { now: 0, policy, kind: "price" });
      return { state: d.state, result: d.allowed };
    });
    const results = await Promise.all(Array.from({ length: 20 }, take));
    expect(results.filter(Boolean)).toHaveLength(15);
    expect(quotaSnapshot(await store.read("usps:c1"), 0, policy)).toMatchObject({ usedLastHour: 15, remaining: 45 });
  });

  it("prefers a cached price, then a learned one, then the fallback, and says it is not live", () => {
    const c = chooseNonLive([{ source: "fallback", cents: 999 }, { source: "learned", cents: 850, observedAt: 0 }], "quota used up");
    expect(c?.pick.source).toBe("learned");
    expect(c?.note).toMatch(/^not live: quota used up; answered with a price learned/);
    expect(chooseNonLive([], "x")).toBeNull();
  });
});

describe("label calls", () => {
  it("stop before the share reserved for rating, which price calls may still use", () => {
    let state = null as ReturnType<typeof takePermit>["state"] | null;
    let labels = 0;
    for (let i = 0; i < 60; i++) {
      const d = takePermit(state, { now: 1_000, policy, kind: "label" });
      state = d.state;
      if (!d.allowed) break;
      labels++;
    }
    expect(labels).toBe(60 - 2 - 15);
    expect(takePermit(state, { now: 1_000, policy, kind: "price" }).allowed).toBe(true);
  });
});

describe("tracking calls", () => {
  it("stop a quarter of the hour before label calls, which may still buy", () => {
    let state = null as ReturnType<typeof takePermit>["state"] | null;
    let polls = 0;
    for (let i = 0; i < 60; i++) {
      const d = takePermit(state, { now: 1_000, policy, kind: "tracking" });
      state = d.state;
      if (!d.allowed) break;
      polls++;
    }
    expect(polls).toBe(60 - 2 - 15 - 15);
    const refused = takePermit(state, { now: 1_000, policy, kind: "tracking" });
    expect(refused).toMatchObject({ allowed: false, reason: "hourly_limit", retryAt: 1_000 + HOUR_MS });
    expect(takePermit(state, { now: 1_000, policy, kind: "label" }).allowed).toBe(true);
  });
});
