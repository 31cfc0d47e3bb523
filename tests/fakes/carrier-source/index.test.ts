import { describe, expect, it } from "vitest";
import { safeRate } from "~/carriers/carrier";
import { createTestSource, type TestBehaviour } from "./index";
import { sampleRateRequest } from "./sample-request";

const prices = { GROUND: 1200, EXPRESS: 3400 };
const source = (behaviour: TestBehaviour, delayMs?: number) => createTestSource({ behaviour, delayMs, prices, currency: "USD" });
const call = (behaviour: TestBehaviour, opts: { delayMs?: number; timeoutMs?: number; signal?: AbortSignal } = {}) =>
  safeRate(source(behaviour, opts.delayMs), sampleRateRequest(), {
    signal: opts.signal ?? new AbortController().signal,
    timeoutMs: opts.timeoutMs ?? 200,
  });

describe("test source through safeRate", () => {
  it("quotes every priced service when the source behaves", async () => {
    const r = await call("ok");
    expect(r.outcome).toBe("ok");
    expect(r.quotes.map((q) => [q.serviceCode, q.price.amount])).toEqual([["GROUND", 1200], ["EXPRESS", 3400]]);
    expect(r.messages).toEqual([]);
  });

  it("quotes only the services asked for", async () => {
    const r = await safeRate(source("ok"), sampleRateRequest({ services: ["EXPRESS"] }), { signal: new AbortController().signal, timeoutMs: 200 });
    expect(r.quotes.map((q) => q.serviceCode)).toEqual(["EXPRESS"]);
  });

  it("answers a slow source that beats the timeout", async () => {
    const r = await call("slow", { delayMs: 20, timeoutMs: 500 });
    expect(r.outcome).toBe("ok");
    expect(r.latencyMs).toBeGreaterThanOrEqual(15);
  });

  it("turns a slow source into a timeout message and aborts it", async () => {
    const r = await call("slow", { delayMs: 5000, timeoutMs: 30 });
    expect(r.outcome).toBe("timeout");
    expect(r.quotes).toEqual([]);
    expect(r.messages).toEqual([{ level: "error", code: "timeout", message: "test-slow did not answer within 30 ms", sourceId: "test-slow" }]);
    expect(r.latencyMs).toBeLessThan(1000);
  });

  it("passes a carrier refusal through as data with outcome ok", async () => {
    const r = await call("fail");
    expect(r.outcome).toBe("ok");
    expect(r.messages[0]).toMatchObject({ level: "error", code: "carrier_unavailable", sourceId: "test-fail" });
  });

  it("turns a throw into an error message", async () => {
    const r = await call("throw");
    expect(r.outcome).toBe("error");
    expect(r.messages[0]).toMatchObject({ code: "source_threw", message: "test-throw failed: Error: test source exploded" });
  });

  it("turns malformed data into an error message naming the bad fields", async () => {
    const r = await call("bad_data");
    expect(r.outcome).toBe("error");
    expect(r.messages[0].code).toBe("invalid_response");
    expect(r.messages[0].message).toMatch(/quotes\.0\.price\.amount/);
  });

  it("releases a hanging source at the timeout", async () => {
    const r = await call("hang", { timeoutMs: 30 });
    expect(r.outcome).toBe("timeout");
  });

  it("releases a hanging source when the caller aborts", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("checkout deadline")), 20);
    const r = await call("hang", { timeoutMs: 5000, signal: controller.signal });
    expect(r.outcome).toBe("aborted");
    expect(r.messages[0].code).toBe("aborted");
    expect(r.latencyMs).toBeLessThan(1000);
  });

  it("does not call the source when the caller already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await call("ok", { signal: controller.signal });
    expect(r.outcome).toBe("aborted");
  });

  it("lets a hanging source resolve on abort when used directly", async () => {
    const controller = new AbortController();
    const pending = source("hang").rate(sampleRateRequest(), { signal: controller.signal });
    controller.abort();
    await expect(pending).resolves.toMatchObject({ quotes: [], messages: [{ code: "aborted" }] });
  });

  it("rejects a slow source with the abort reason when used directly", async () => {
    const controller = new AbortController();
    const pending = source("slow", 5000).rate(sampleRateRequest(), { signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
  });
});
