import { describe, expect, it } from "vitest";
import { attemptRecord, EXCERPT_CHARS, excerptOf } from "./webhook-attempt";

const SECRET = "whsec_0123456789abcdef";
const SIGNATURE = "c2lnbmF0dXJlLW9mLXRoZS1ib2R5";

describe("a partner webhook attempt's log entry", () => {
  it("keeps the status, the duration and a short excerpt of the receiver's answer", () => {
    expect(attemptRecord({ kind: "response", status: 503, bodyText: "Service\nUnavailable", latencyMs: 41.6 }, [])).toEqual({ durationMs: 42, httpStatus: 503, errorClass: null, excerpt: "Service Unavailable" });
  });

  it("masks the link's secret and the signature when the receiver echoes them", () => {
    const excerpt = excerptOf(`bad signature ${SIGNATURE} for secret ${SECRET}`, [SECRET, SIGNATURE]);
    expect(excerpt).toBe("bad signature [redacted] for secret [redacted]");
  });

  it("masks credentials written into a URL", () => {
    expect(excerptOf("redirected to https://ops:hunter2@wms.example/hook", [])).toBe("redirected to https://[redacted]@wms.example/hook");
  });

  it("bounds a long answer and drops NUL and control characters", () => {
    const excerpt = excerptOf(`\u0000${"x".repeat(5000)}`, [])!;
    expect(excerpt).toHaveLength(EXCERPT_CHARS);
    expect(excerpt).not.toMatch(/\u0000/);
  });

  it("names a timeout or a network failure by its class, never by its message", () => {
    expect(attemptRecord({ kind: "timeout", latencyMs: 10_000 }, [])).toMatchObject({ httpStatus: null, errorClass: "timeout" });
    expect(attemptRecord({ kind: "network", code: "ECONNREFUSED", latencyMs: 3 }, [])).toMatchObject({ errorClass: "network:ECONNREFUSED", excerpt: null });
    expect(attemptRecord({ kind: "network", latencyMs: 3 }, [])).toMatchObject({ errorClass: "network:unknown" });
  });

  it("records an attempt that never left as its reason with no duration", () => {
    expect(attemptRecord("url_refused", [])).toEqual({ durationMs: 0, httpStatus: null, errorClass: "url_refused", excerpt: null });
  });
});
