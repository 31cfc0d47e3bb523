import { describe, expect, it } from "vitest";
import { describePath, errorAt, errorsUnder, localizeZoneErrors } from "./field-errors";

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

  it("describes a path in words for the error banner", () => {
    expect(describePath("services[0].rateTable.bands[2].price")).toBe("Service 1 › rate table › Band 3 › price");
  });
});
