import { describe, expect, it } from "vitest";
import { AddressSchema } from "./address";
import { findZoneOverlaps, matchZone, type Region, RegionSchema, validatePostalPattern, type Zone, ZoneSchema } from "./zones";

const addr = (country: string, postalCode?: string, province?: string) =>
  AddressSchema.parse({ country, postalCode, province });

const zone = (id: string, priority: number, ...regions: Region[]): Zone =>
  ZoneSchema.parse({ id, name: id, priority, regions });

const postal = (country: string, pattern: string): Region => ({ type: "postal", country, pattern });

function matches(country: string, pattern: string, postalCode: string): boolean {
  return matchZone([zone("z", 1, postal(country, pattern))], addr(country, postalCode)) !== null;
}

describe("postal patterns", () => {
  it("matches a numeric prefix against a ZIP+4", () => {
    expect(matches("US", "9021", "90210-1234")).toBe(true);
    expect(matches("US", "9021", "90310")).toBe(false);
  });

  it("matches an explicit prefix with a trailing star", () => {
    expect(matches("CA", "M5V*", "M5V 2T6")).toBe(true);
    expect(matches("CA", "M5V*", "M5W 1E6")).toBe(false);
  });

  it("matches a numeric range of the same digit length", () => {
    expect(matches("US", "01000-19999", "02134")).toBe(true);
    expect(matches("US", "01000-19999", "20001")).toBe(false);
    expect(matches("US", "01000-19999", "00999")).toBe(false);
  });

  it("compares a 5-digit range with the first five digits of an 8-digit CEP", () => {
    expect(matches("BR", "01000-19999", "01310-100")).toBe(true);
    expect(matches("BR", "01000-19999", "20040-020")).toBe(false);
  });

  it("matches an 8-digit CEP range and a CEP written with its dash", () => {
    expect(matches("BR", "01000000-19999999", "01310-100")).toBe(true);
    expect(matches("BR", "01310-100", "01310100")).toBe(true);
    expect(matches("BR", "01310-100", "01310-101")).toBe(false);
  });

  it("never matches a destination with fewer digits than the range", () => {
    expect(matches("BR", "01000000-19999999", "01310")).toBe(false);
  });

  it("matches a UK outward code exactly, not as a prefix", () => {
    expect(matches("GB", "SW1A", "SW1A 1AA")).toBe(true);
    expect(matches("GB", "SW1", "SW1A 1AA")).toBe(false);
    expect(matches("GB", "SW1A", "SW1 1AA")).toBe(false);
    expect(matches("GB", "SW1", "SW1 1AA")).toBe(true);
  });

  it("matches a UK postcode area by its letters", () => {
    expect(matches("GB", "SW", "SW1A 1AA")).toBe(true);
    expect(matches("GB", "S", "SW1A 1AA")).toBe(false);
    expect(matches("GB", "S", "S1 2AB")).toBe(true);
  });

  it("matches a Brazilian state-like alphanumeric prefix case-insensitively", () => {
    expect(matches("XX", "sp", "SP-1234")).toBe(true);
  });
});

describe("validatePostalPattern", () => {
  it("accepts the supported shapes", () => {
    for (const p of ["9021", "M5V*", "01000-19999", "SW1A", "SP"]) expect(validatePostalPattern(p, "US")).toBeNull();
    expect(validatePostalPattern("01310-100", "BR")).toBeNull();
    expect(validatePostalPattern("SW1A 1AA", "GB")).toBeNull();
  });

  it("explains each kind of bad pattern", () => {
    expect(validatePostalPattern("", "US")).toMatch(/Enter a postal code/);
    expect(validatePostalPattern("90*21", "US")).toMatch(/only allowed at the end/);
    expect(validatePostalPattern("*", "US")).toMatch(/whole country/);
    expect(validatePostalPattern("0100-19999", "US")).toMatch(/same number of digits \(4 vs 5\)/);
    expect(validatePostalPattern("19999-01000", "US")).toMatch(/starts after it ends/);
    expect(validatePostalPattern("902#10", "US")).toMatch(/may only contain/);
    expect(validatePostalPattern("AB-CD", "US")).toMatch(/not a numeric range/);
    expect(validatePostalPattern("12345", "GB")).toMatch(/not a UK postcode/);
  });

  it("makes the region schema reject a bad pattern with the same message", () => {
    const r = RegionSchema.safeParse({ type: "postal", country: "US", pattern: "19999-01000" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/starts after it ends/);
    expect(r.error?.issues[0].path).toEqual(["pattern"]);
  });
});

describe("matchZone", () => {
  const us = zone("us", 10, { type: "country", country: "US" });
  const ca = zone("ca", 10, { type: "province", country: "US", province: "CA" });
  const la = zone("la", 10, postal("US", "900"));
  const beverly = zone("beverly", 10, postal("US", "90210"));

  it("returns null when nothing matches", () => {
    expect(matchZone([us, ca], addr("BR", "01310-100"))).toBeNull();
  });

  it("prefers postal over province over country when priorities tie", () => {
    const zones = [us, ca, la];
    expect(matchZone(zones, addr("US", "90001", "CA"))?.zone.id).toBe("la");
    expect(matchZone(zones, addr("US", "94105", "ca"))?.zone.id).toBe("ca");
    expect(matchZone(zones, addr("US", "10001", "NY"))?.zone.id).toBe("us");
  });

  it("prefers the longer prefix among postal matches", () => {
    expect(matchZone([la, beverly], addr("US", "90210"))?.zone.id).toBe("beverly");
  });

  it("prefers the narrower range among postal matches", () => {
    const wide = zone("wide", 1, postal("US", "00000-99999"));
    const narrow = zone("narrow", 1, postal("US", "90000-90999"));
    expect(matchZone([wide, narrow], addr("US", "90210"))?.zone.id).toBe("narrow");
  });

  it("lets a lower priority number win even over a more specific match", () => {
    const first = zone("first", 1, { type: "country", country: "US" });
    expect(matchZone([beverly, first], addr("US", "90210"))?.zone.id).toBe("first");
  });

  it("breaks a full tie by zone id, independent of input order", () => {
    const a = zone("a", 5, { type: "country", country: "US" });
    const b = zone("b", 5, { type: "country", country: "US" });
    expect(matchZone([b, a], addr("US"))?.zone.id).toBe("a");
    expect(matchZone([a, b], addr("US"))?.zone.id).toBe("a");
  });

  it("reports the region that matched and its specificity", () => {
    const both = zone("both", 1, { type: "country", country: "US" }, postal("US", "902"));
    const m = matchZone([both], addr("US", "90210"));
    expect(m?.region).toEqual(postal("US", "902"));
    expect(m?.specificity).toBe(3300);
  });

  it("skips postal regions when the destination has no postal code", () => {
    expect(matchZone([la, us], addr("US"))?.zone.id).toBe("us");
  });
});

describe("zones without an enabled service", () => {
  const us = { ...zone("us", 10, { type: "country", country: "US" }), enabledServices: 2 };
  const empty = { ...zone("new-zone", 1, { type: "country", country: "US" }), enabledServices: 0 };

  it("are skipped, so the next matching zone answers", () => {
    expect(matchZone([empty, us], addr("US", "10001"))?.zone.id).toBe("us");
  });

  it("leave no match when they are the only zone for the address", () => {
    expect(matchZone([empty], addr("US", "10001"))).toBeNull();
  });

  it("are matched when the service count is unknown", () => {
    const unknown = zone("unknown", 1, { type: "country", country: "US" });
    expect(matchZone([unknown, us], addr("US"))?.zone.id).toBe("unknown");
  });
});

describe("findZoneOverlaps", () => {
  const names = (o: ReturnType<typeof findZoneOverlaps>) => o.map((x) => [x.winner.id, x.shadowed.id, x.reason]);

  it("names a whole-country zone that shadows a province zone by priority", () => {
    const us = zone("us", 1, { type: "country", country: "US" });
    const ca = zone("ca", 5, { type: "province", country: "US", province: "CA" });
    const overlaps = findZoneOverlaps([us, ca]);
    expect(names(overlaps)).toEqual([["us", "ca", "priority"]]);
    expect(overlaps[0].unreachable).toBe(true);
    expect(overlaps[0].region).toEqual({ type: "province", country: "US", province: "CA" });
  });

  it("lets the more specific region win when priorities tie, as a deliberate carve-out", () => {
    const us = zone("us", 5, { type: "country", country: "US" });
    const la = zone("la", 5, postal("US", "900"));
    const overlaps = findZoneOverlaps([us, la]);
    expect(names(overlaps)).toEqual([["la", "us", "specificity"]]);
    expect(overlaps[0].unreachable).toBe(false);
  });

  it("flags a zone whose region lies entirely inside the zone that wins", () => {
    const us = zone("us", 100, { type: "country", country: "US" });
    const copy = zone("new-zone", 100, { type: "country", country: "US" });
    const overlaps = findZoneOverlaps([us, copy]);
    expect(names(overlaps)).toEqual([["new-zone", "us", "id"]]);
    expect(overlaps[0].unreachable).toBe(true);
  });

  it("breaks a full tie by zone id, like checkout", () => {
    const b = zone("b", 5, { type: "country", country: "US" });
    const a = zone("a", 5, { type: "country", country: "US" });
    expect(names(findZoneOverlaps([b, a]))).toEqual([["a", "b", "id"]]);
  });

  it("says when the zone that would win has no enabled service and checkout falls through", () => {
    const empty = { ...zone("empty", 1, { type: "country", country: "US" }), enabledServices: 0 };
    const us = { ...zone("us", 10, { type: "country", country: "US" }), enabledServices: 1 };
    expect(names(findZoneOverlaps([empty, us]))).toEqual([["us", "empty", "no_services"]]);
  });

  it("compares postal prefixes and ranges of different lengths", () => {
    const range = zone("range", 1, postal("US", "90000-90999"));
    const prefix = zone("prefix", 2, postal("US", "9021"));
    const other = zone("other", 3, postal("US", "100-199"));
    expect(names(findZoneOverlaps([range, prefix, other]))).toEqual([["range", "prefix", "priority"]]);
  });

  it("compares UK areas with outward codes", () => {
    const area = zone("sw", 1, postal("GB", "SW"));
    const outward = zone("sw1a", 2, postal("GB", "SW1A"));
    const elsewhere = zone("s1", 3, postal("GB", "S1"));
    expect(names(findZoneOverlaps([area, outward, elsewhere]))).toEqual([["sw", "sw1a", "priority"]]);
  });

  it("reports nothing for zones in different countries or different provinces", () => {
    const us = zone("us", 1, { type: "country", country: "US" });
    const ca = zone("ca", 1, { type: "country", country: "CA" });
    const ny = zone("ny", 1, { type: "province", country: "US", province: "NY" });
    const nj = zone("nj", 1, { type: "province", country: "US", province: "NJ" });
    expect(findZoneOverlaps([us, ca])).toEqual([]);
    expect(findZoneOverlaps([ny, nj])).toEqual([]);
  });
});
