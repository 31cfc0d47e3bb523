import { describe, expect, it } from "vitest";
import { httpFailureMessages, parseRetryAfter, transportMessage } from "./errors";

const body = (code: string, message = "m") => JSON.stringify({ response: { errors: [{ code, message }] } });
const codeFor = (phase: "token" | "refresh" | "rating", status: number, text = "", retryAfter?: string) =>
  httpFailureMessages({ phase, status, bodyText: text, retryAfter, now: 0 })[0].code;

describe("UPS error normaliser", () => {
  it("sorts failures by what the caller does next", () => {
    expect(codeFor("rating", 429, body("10429"), "3")).toBe("retry_later/rate_limited");
    expect(codeFor("rating", 503, "<html>")).toBe("retry_later/server_error");
    expect(codeFor("rating", 401, body("250002"))).toBe("reconnect/authentication_failed");
    expect(codeFor("rating", 401, "")).toBe("reconnect/unauthorized");
    expect(codeFor("rating", 403, body("x"))).toBe("fix_settings/blocked");
    expect(codeFor("rating", 400, body("111580"))).toBe("fix_settings/invalid_account_number");
    expect(codeFor("rating", 400, body("250003"))).toBe("fix_settings/access_license_invalid");
    expect(codeFor("refresh", 400, body("10404"))).toBe("reconnect/refresh_token_rejected");
  });

  it("leaves shipment problems with no settings to fix", () => {
    const [m] = httpFailureMessages({ phase: "rating", status: 400, bodyText: body("111285", "The postal code is invalid"), now: 0 });
    expect(m).toMatchObject({ action: "none", code: "none/ups_111285", upsCode: "111285" });
    expect(m.message).toContain("The postal code is invalid");
  });

  it("keeps Retry-After in seconds or as an HTTP date", () => {
    const [m] = httpFailureMessages({ phase: "rating", status: 429, bodyText: body("10429"), retryAfter: "7", now: 0 });
    expect(m.retryAfterMs).toBe(7000);
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:00:05 GMT", 1000)).toBe(4000);
    expect(parseRetryAfter("soon", 0)).toBeNull();
  });

  it("tells a timeout from the caller's abort and from a network failure", () => {
    expect(transportMessage(new Error("x"), true, false).code).toBe("retry_later/timeout");
    expect(transportMessage(new Error("x"), false, true).code).toBe("retry_later/aborted");
    expect(transportMessage(new TypeError("fetch failed"), false, false).code).toBe("retry_later/network");
  });
});
