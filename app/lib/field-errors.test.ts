import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorAt, errorsUnder, issueMessage, localizeZoneErrors, pathSegments, unfixedErrors, zodFieldErrors } from "./field-errors";

describe("field errors", () => {
  it("strips the zones[i] prefix from errors about the edited zone and keeps the rest apart", () => {
    const { zone, other } = localizeZoneErrors(
      [
        { path: "zones[1].services[0].rateTable.bands[2]", message: "overlap" },
        { path: "zones[1]", message: "zone-level" },
        { path: "zones[10].name", message: "another zone" },
        { path: "boxes", message: "two defaults" },
      ],
      1,
    );
    expect(zone).toEqual([
      { path: "services[0].rateTable.bands[2]", message: "overlap" },
      { path: "", message: "zone-level" },
    ]);
    expect(other.map((e) => e.path)).toEqual(["zones[10].name", "boxes"]);
  });

  it("finds errors exactly at a path or anywhere below it", () => {
    const errors = [
      { path: "bands[2]", message: "a" },
      { path: "bands[2].price", message: "b" },
      { path: "bands[20]", message: "c" },
    ];
    expect(errorAt(errors, "bands[2]")).toBe("a");
    expect(errorsUnder(errors, "bands[2]").map((e) => e.message)).toEqual(["a", "b"]);
    expect(errorAt(errors, "bands[3]")).toBeUndefined();
  });

  it("reports zod's built-in checks as message keys with their limits, not English sentences", () => {
    const schema = z.object({ priority: z.number().int().min(0), name: z.string().min(1).max(100), boxes: z.array(z.string()).min(1) });
    const parsed = schema.safeParse({ priority: -1, name: "", boxes: [] });
    expect(parsed.success).toBe(false);
    expect(zodFieldErrors(parsed.error!)).toEqual([
      { path: "priority", message: "number_min", params: { min: 0 } },
      { path: "name", message: "required" },
      { path: "boxes", message: "list_min", params: { count: 1 } },
    ]);
  });

  it("takes a domain rule's own key and values from a custom issue's params", () => {
    expect(issueMessage({ path: ["boxes"], code: "custom", message: "only one box can be the default", params: { i18n: "one_default_box" } })).toEqual({
      message: "one_default_box",
      params: {},
    });
  });

  it("keeps the key and values when moving an error into the zone being edited", () => {
    const { zone } = localizeZoneErrors([{ path: "zones[0].priority", message: "number_min", params: { min: 0 } }], 0);
    expect(zone).toEqual([{ path: "priority", message: "number_min", params: { min: 0 } }]);
  });
});

describe("errors that clear once the field is edited", () => {
  const before = { name: "", currency: "DOLLARS", boxes: [{ name: "Small", length: "x" }, { name: "Big", length: "10" }] };
  const errors = [
    { path: "currency", message: "Use a three-letter code" },
    { path: "boxes[0].innerMm.l", message: "Enter a length" },
    { path: "boxes[1].name", message: "Too long" },
    { path: "", message: "Whole form" },
  ];

  it("keeps every error while nothing changed", () => {
    expect(unfixedErrors(errors, before, structuredClone(before))).toEqual(errors);
  });

  it("drops the error of the field the merchant changed and keeps the others", () => {
    const now = { ...before, currency: "USD" };
    expect(unfixedErrors(errors, before, now).map((e) => e.path)).toEqual(["boxes[0].innerMm.l", "boxes[1].name", ""]);
  });

  it("clears a server path the form does not have once the nearest part of the form it names changes", () => {
    const now = { ...before, boxes: [{ name: "Small", length: "12" }, before.boxes[1]] };
    expect(unfixedErrors(errors, before, now).map((e) => e.path)).toEqual(["currency", "boxes[1].name", ""]);
  });

  it("reads paths with indexes into segments", () => {
    expect(pathSegments("zones[1].services[0].rateTable.bands[2]")).toEqual(["zones", 1, "services", 0, "rateTable", "bands", 2]);
    expect(pathSegments("")).toEqual([]);
  });
});
