import { describe, expect, it } from "vitest";
import { uspsAnswerKind, uspsAnswerShares } from "./answer-kind";

describe("USPS answer kinds", () => {
  it("names live, cached, learned and fallback answers from the source trace", () => {
    expect(uspsAnswerKind({ outcome: "ok", messages: [{ code: "not_quotable/no_price" }] })).toBe("live");
    expect(uspsAnswerKind({ outcome: "ok", messages: [{ code: "usps_cached" }] })).toBe("cached");
    expect(uspsAnswerKind({ outcome: "ok", cached: true, messages: [] })).toBe("cached");
    expect(uspsAnswerKind({ outcome: "ok", messages: [{ code: "retry_later/quota" }, { code: "usps_not_live_learned" }] })).toBe("learned");
    expect(uspsAnswerKind({ outcome: "ok", messages: [{ code: "retry_later/quota" }] })).toBe("fallback");
    expect(uspsAnswerKind({ outcome: "timeout" })).toBe("fallback");
    expect(uspsAnswerKind({ outcome: "unavailable", messages: [{ code: "not_connected" }] })).toBe("fallback");
  });

  it("counts shares over many traces", () => {
    expect(uspsAnswerShares([{ outcome: "ok" }, { outcome: "ok" }, { outcome: "timeout" }])).toEqual({ total: 3, live: 2, cached: 0, learned: 0, fallback: 1 });
  });
});
