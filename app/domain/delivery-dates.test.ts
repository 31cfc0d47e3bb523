import { describe, expect, it } from "vitest";
import { deliveryWindow, type DeliveryWindowInput } from "./delivery-dates";

const base: Omit<DeliveryWindowInput, "now"> = {
  timeZone: "America/New_York",
  cutoffLocalTime: "14:00",
  processingDays: 0,
  minTransitDays: 1,
  maxTransitDays: 3,
};
const at = (iso: string, over: Partial<DeliveryWindowInput> = {}) => deliveryWindow({ ...base, now: new Date(iso), ...over });

describe("deliveryWindow", () => {
  it("ships the same day before the cutoff", () => {
    // Wednesday 10:00 EST
    expect(at("2025-03-05T15:00:00Z", { minTransitDays: 2, maxTransitDays: 2 })).toEqual({
      minDate: "2025-03-07 12:00:00 -0500",
      maxDate: "2025-03-07 12:00:00 -0500",
    });
  });

  it("carries each date's own offset across the spring DST change", () => {
    // Wednesday 5 March; clocks go forward on Sunday 9 March 2025
    expect(at("2025-03-05T15:00:00Z", { minTransitDays: 2, maxTransitDays: 4 })).toEqual({
      minDate: "2025-03-07 12:00:00 -0500",
      maxDate: "2025-03-11 12:00:00 -0400",
    });
  });

  it("carries each date's own offset across the autumn DST change in Europe", () => {
    // Friday 24 October 2025 09:00 in Berlin (CEST); clocks go back on Sunday 26 October
    expect(at("2025-10-24T07:00:00Z", { timeZone: "Europe/Berlin", minTransitDays: 0, maxTransitDays: 1 })).toEqual({
      minDate: "2025-10-24 12:00:00 +0200",
      maxDate: "2025-10-27 12:00:00 +0100",
    });
  });

  it("starts on Monday when a Friday order misses the cutoff", () => {
    // Friday 14 March 2025 15:00 EDT
    expect(at("2025-03-14T19:00:00Z")).toEqual({ minDate: "2025-03-18 12:00:00 -0400", maxDate: "2025-03-20 12:00:00 -0400" });
  });

  it("treats an order placed exactly at the cutoff as late", () => {
    // Tuesday 18 March 14:00 EDT → ships Wednesday
    expect(at("2025-03-18T18:00:00Z", { minTransitDays: 0, maxTransitDays: 0 }).minDate).toBe("2025-03-19 12:00:00 -0400");
    expect(at("2025-03-18T17:59:00Z", { minTransitDays: 0, maxTransitDays: 0 }).minDate).toBe("2025-03-18 12:00:00 -0400");
  });

  it("starts on the next working day for a weekend order", () => {
    // Saturday 15 March 09:00 EDT
    expect(at("2025-03-15T13:00:00Z", { minTransitDays: 0, maxTransitDays: 1 })).toEqual({
      minDate: "2025-03-17 12:00:00 -0400",
      maxDate: "2025-03-18 12:00:00 -0400",
    });
  });

  it("adds processing days as working days before transit", () => {
    // Thursday 20 March 09:00 EDT, 2 processing days → ships Monday 24, 1 transit day → Tuesday 25
    expect(at("2025-03-20T13:00:00Z", { processingDays: 2, minTransitDays: 1, maxTransitDays: 1 }).minDate).toBe("2025-03-25 12:00:00 -0400");
  });

  it("uses the shop's working days for processing but weekdays for transit", () => {
    // Saturday 15 March 09:00 EDT, shop works Saturdays: ships today, 1 business day of transit → Monday
    expect(at("2025-03-15T13:00:00Z", { workingDays: [1, 2, 3, 4, 5, 6], minTransitDays: 1, maxTransitDays: 1 }).minDate).toBe(
      "2025-03-17 12:00:00 -0400",
    );
  });

  it("reads the cutoff in the shop's time zone, not UTC", () => {
    // 03:00Z on Friday 14 March is Thursday 23:00 in New York but Friday 12:00 in Tokyo
    expect(at("2025-03-14T03:00:00Z", { minTransitDays: 0, maxTransitDays: 0 }).minDate).toBe("2025-03-14 12:00:00 -0400");
    expect(at("2025-03-14T03:00:00Z", { timeZone: "Asia/Tokyo", minTransitDays: 0, maxTransitDays: 0 }).minDate).toBe(
      "2025-03-14 12:00:00 +0900",
    );
  });

  it("formats half-hour offsets", () => {
    expect(at("2025-03-14T03:00:00Z", { timeZone: "Asia/Kolkata", minTransitDays: 0, maxTransitDays: 0 }).minDate).toBe(
      "2025-03-14 12:00:00 +0530",
    );
  });

  it("rejects a malformed cutoff, an unknown time zone and an inverted transit range", () => {
    expect(() => at("2025-03-14T03:00:00Z", { cutoffLocalTime: "2pm" })).toThrow(RangeError);
    expect(() => at("2025-03-14T03:00:00Z", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
    expect(() => at("2025-03-14T03:00:00Z", { minTransitDays: 4, maxTransitDays: 2 })).toThrow(RangeError);
  });
});
