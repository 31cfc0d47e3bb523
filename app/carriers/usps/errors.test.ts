import { describe, expect, it } from "vitest";
import error429 from "./__fixtures__/error-429.json";
import { parseRetryAfter, problemFromHttp, problemFromTransport, toCarrierMessage } from "./errors";

describe("USPS error normaliser", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("30", 0)).toBe(30);
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:01:00 GMT", 0)).toBe(60);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
  });

  it("types each failure by what the caller does next", () => {
    expect(problemFromHttp(429, error429, "120", 0)).toMatchObject({ action: "retry_later", code: "429", retryAfterSeconds: 120 });
    expect(problemFromHttp(503, undefined, null, 0)).toMatchObject({ action: "retry_later", code: "503" });
    expect(problemFromHttp(401, undefined, null, 0).action).toBe("reconnect");
    expect(problemFromHttp(403, undefined, null, 0).action).toBe("fix_settings");
    expect(problemFromHttp(400, { error: { errors: [{ code: "030010" }] } }, null, 0).action).toBe("fix_settings");
    expect(problemFromHttp(400, { error: { errors: [{ code: "030001" }] } }, null, 0).action).toBe("not_quotable");
    expect(problemFromTransport("timeout", "4000 ms").action).toBe("retry_later");
    expect(problemFromTransport("malformed").code).toBe("malformed");
  });

  it("puts the action first in the carrier message code", () => {
    expect(toCarrierMessage(problemFromHttp(429, error429, "30", 0))).toMatchObject({ level: "error", code: "retry_later/429" });
    expect(toCarrierMessage({ action: "not_quotable", code: "no_price", message: "x" }, "MEDIA_MAIL")).toMatchObject({ level: "warning", serviceCode: "MEDIA_MAIL" });
  });
});
