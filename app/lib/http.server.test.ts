import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json, startHttpFake, type HttpFake } from "../../tests/fakes/http-fake";
import { classifyOutcome, httpRequest, parseRetryAfter, requestMayHaveLanded, type HttpOutcome } from "./http.server";

let fake: HttpFake;
beforeEach(async () => {
  fake = await startHttpFake();
  fake.route("POST", "/echo", (req) => json(200, { got: req.json }));
});
afterEach(() => fake.close());

const response = (status: number, headers: Record<string, string> = {}, body = "{}"): HttpOutcome => ({
  kind: "response",
  status,
  headers,
  bodyText: body,
  json: (() => {
    try {
      return JSON.parse(body);
    } catch {
      return undefined;
    }
  })(),
  latencyMs: 1,
});

describe("httpRequest", () => {
  it("sends JSON and parses a JSON answer", async () => {
    const out = await httpRequest({ url: `${fake.url}/echo`, method: "POST", body: { a: 1 }, timeoutMs: 2000 });
    expect(out).toMatchObject({ kind: "response", status: 200, json: { got: { a: 1 } } });
    expect(fake.requests[0].headers["content-type"]).toBe("application/json");
  });

  it("reports a timeout", async () => {
    fake.faults.next({ kind: "hang" });
    const out = await httpRequest({ url: `${fake.url}/echo`, method: "POST", body: {}, timeoutMs: 100 });
    expect(out.kind).toBe("timeout");
    expect(requestMayHaveLanded(out)).toBe(true);
  });

  it("reports a connection reset as a network error", async () => {
    fake.faults.next({ kind: "reset" });
    const out = await httpRequest({ url: `${fake.url}/echo`, method: "POST", body: {}, timeoutMs: 2000 });
    expect(out.kind).toBe("network");
  });

  it("reports a refused connection as never sent", async () => {
    const url = fake.url;
    await fake.close();
    const out = await httpRequest({ url: `${url}/echo`, method: "POST", body: {}, timeoutMs: 2000 });
    expect(out).toMatchObject({ kind: "network", code: "ECONNREFUSED" });
    expect(requestMayHaveLanded(out)).toBe(false);
    fake = await startHttpFake();
  });

  it("keeps a non-JSON body as text", async () => {
    fake.faults.next({ kind: "bad_json" });
    const out = await httpRequest({ url: `${fake.url}/echo`, method: "POST", body: {}, timeoutMs: 2000 });
    expect(out).toMatchObject({ kind: "response", status: 200, json: undefined, bodyText: '{"code":0,"data":' });
  });

  it("tells a caller abort apart from a timeout", async () => {
    fake.faults.next({ kind: "hang" });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    const out = await httpRequest({ url: `${fake.url}/echo`, method: "POST", timeoutMs: 5000, signal: ac.signal });
    expect(out).toMatchObject({ kind: "network", code: "ABORTED" });
  });

  it("does not follow redirects", async () => {
    fake.faults.next({ kind: "status", status: 302, headers: { location: "http://169.254.169.254/" } });
    const out = await httpRequest({ url: `${fake.url}/echo`, method: "POST", timeoutMs: 2000 });
    expect(out).toMatchObject({ kind: "response", status: 302 });
    expect(classifyOutcome(out)).toMatchObject({ class: "permanent" });
  });
});

describe("classifyOutcome", () => {
  it("treats timeouts, network errors and 5xx as retryable", () => {
    expect(classifyOutcome({ kind: "timeout", latencyMs: 1 }).class).toBe("retryable");
    expect(classifyOutcome({ kind: "network", message: "reset", code: "ECONNRESET", latencyMs: 1 }).class).toBe("retryable");
    expect(classifyOutcome(response(503)).class).toBe("retryable");
    expect(classifyOutcome(response(408)).class).toBe("retryable");
  });

  it("parses Retry-After in seconds and as an HTTP-date on 429", () => {
    expect(classifyOutcome(response(429, { "retry-after": "7" }))).toEqual({
      class: "retryable",
      reason: "HTTP 429 rate limited",
      retryAfterMs: 7000,
    });
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(classifyOutcome(response(429, { "retry-after": "Wed, 01 Jan 2025 00:00:30 GMT" }), { nowMs: now })).toMatchObject({
      retryAfterMs: 30_000,
    });
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });

  it("treats other 4xx as permanent, 409 only when asked", () => {
    expect(classifyOutcome(response(400))).toEqual({ class: "permanent", reason: "HTTP 400" });
    expect(classifyOutcome(response(409)).class).toBe("permanent");
    expect(classifyOutcome(response(409), { conflictRetryable: true }).class).toBe("retryable");
  });

  it("applies the malformed-JSON policy only when JSON is expected", () => {
    const bad = response(200, {}, "<html>");
    expect(classifyOutcome(bad).class).toBe("ok");
    expect(classifyOutcome(bad, { expectJson: true }).class).toBe("retryable");
    expect(classifyOutcome(bad, { expectJson: true, malformedJson: "ok" }).class).toBe("ok");
    expect(classifyOutcome(bad, { expectJson: true, malformedJson: "permanent" }).class).toBe("permanent");
  });
});
