import { describe, expect, it } from "vitest";
import { carrierCatalogue, carrierChoices, formatCatalogue, servicesFor } from "./carrier-catalogue.server";

describe("a carrier's service catalogue", () => {
  it("lists UPS's codes with scope, origin countries and Canadian names", () => {
    const rows = carrierCatalogue("ups")!;
    expect(rows.find((r) => r.code === "03")).toEqual({ code: "03", name: "UPS Ground", scope: "domestic", origins: ["US", "PR"] });
    expect(rows.find((r) => r.code === "01")).toMatchObject({ origins: ["US", "PR", "CA"], localNames: { CA: "UPS Express" } });
    expect(rows.find((r) => r.code === "07")).toMatchObject({ scope: "international", origins: ["any"] });
    expect(formatCatalogue(rows)).toMatch(/^03\s+UPS Ground\s+domestic\s+US,PR$/m);
  });

  it("has no catalogue for the table carrier or an unknown one", () => {
    expect(carrierCatalogue("table")).toBeNull();
    expect(carrierCatalogue("nope")).toBeNull();
  });

  it("offers domestic services inside the origin country and international ones outside it, named for the origin", () => {
    const domestic = servicesFor("ups", "US", "US").map((s) => s.code);
    expect(domestic).toEqual(expect.arrayContaining(["01", "02", "03", "11"]));
    expect(domestic).not.toContain("07");
    const abroad = servicesFor("ups", "US", "DE").map((s) => s.code);
    expect(abroad).toEqual(expect.arrayContaining(["07", "08", "11", "65"]));
    expect(abroad).not.toContain("03");
    expect(servicesFor("ups", "CA", "CA").find((s) => s.code === "01")?.name).toBe("UPS Express");
    expect(servicesFor("ups", "CA", "CA").map((s) => s.code)).not.toContain("03");
  });

  it("gives the zone editor every live carrier with a catalogue", () => {
    const ids = carrierChoices("US").map((c) => c.id);
    expect(ids).toContain("ups");
    expect(ids).not.toContain("table");
  });
});
