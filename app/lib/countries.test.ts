import { describe, expect, it } from "vitest";
import { countryName, countryOptions } from "./countries";

describe("country pickers", () => {
  it("offer the full ISO 3166-1 list, not a short selection", () => {
    const options = countryOptions();
    expect(options.length).toBeGreaterThanOrEqual(249);
    expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
    for (const code of ["US", "IS", "NP", "FJ", "XK", "AQ"]) expect(options.some((o) => o.value === code)).toBe(true);
  });

  it("sort by name ignoring accents, the same way on the server and in the browser", () => {
    const labels = countryOptions().map((o) => o.label);
    expect(labels.indexOf("Åland Islands (AX)")).toBeLessThan(labels.indexOf("Albania (AL)"));
    expect(countryName("ci")).toBe("Côte d’Ivoire");
    expect(countryName("QQ")).toBe("QQ");
  });
});
