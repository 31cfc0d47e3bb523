import { describe, expect, it, vi } from "vitest";
import { fetchRateDetails } from "./api";

const body = { country: "DE", lines: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 1 }], code: "x" };
const ok = (json: unknown) => new Response(JSON.stringify(json), { status: 200, headers: { "Content-Type": "application/json" } });

describe("fetchRateDetails", () => {
  it("posts the body with the session token as a Bearer header", async () => {
    const fetch = vi.fn(async () => ok({ rates: [] }));
    expect(await fetchRateDetails(body, { getToken: async () => "tok", fetch, baseUrl: "https://app.test" })).toEqual([]);
    expect(fetch).toHaveBeenCalledWith("https://app.test/api/checkout/rate-details", expect.objectContaining({ method: "POST", body: JSON.stringify(body), headers: expect.objectContaining({ Authorization: "Bearer tok" }) }));
  });

  it("gives up after the timeout, aborting the request, and answers null", async () => {
    let signal: AbortSignal | undefined;
    const fetch = vi.fn((_url: string, init: RequestInit) => {
      signal = init.signal ?? undefined;
      return new Promise<Response>(() => {}); // a network that never answers
    });
    const started = Date.now();
    expect(await fetchRateDetails(body, { getToken: async () => "tok", fetch: fetch as typeof globalThis.fetch, timeoutMs: 50 })).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(signal?.aborted).toBe(true);
  });

  it("answers null when the token never comes, on 401 and 5xx, on a network error and on a malformed body", async () => {
    const hang = () => new Promise<string>(() => {});
    expect(await fetchRateDetails(body, { getToken: hang, fetch: vi.fn(), timeoutMs: 20 })).toBeNull();
    for (const response of [new Response("", { status: 401 }), new Response("oops", { status: 502 }), ok({ rates: "no" }), new Response("{", { status: 200 })]) {
      expect(await fetchRateDetails(body, { getToken: async () => "tok", fetch: vi.fn(async () => response) })).toBeNull();
    }
    expect(await fetchRateDetails(body, { getToken: async () => "tok", fetch: vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))) })).toBeNull();
  });

  it("answers null without calling when the caller has already aborted", async () => {
    const fetch = vi.fn();
    const controller = new AbortController();
    controller.abort();
    expect(await fetchRateDetails(body, { getToken: async () => "tok", fetch, signal: controller.signal })).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });
});
