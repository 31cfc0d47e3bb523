import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Box, fitsInBox, PACKING_LIMITS, type PackItem, packItems } from "./packing";

const small: Box = { id: "small", name: "Small", innerMm: { l: 200, w: 150, h: 100 }, maxGrams: 5000, tareGrams: 100 };
const medium: Box = { id: "medium", name: "Medium", innerMm: { l: 400, w: 300, h: 200 }, maxGrams: 15000, tareGrams: 300 };
const standard: Box = { id: "default", name: "Default", innerMm: { l: 300, w: 250, h: 150 }, maxGrams: 10000, tareGrams: 200 };

describe("fitsInBox", () => {
  it("allows any axis-aligned rotation", () => {
    expect(fitsInBox({ l: 100, w: 190, h: 140 }, small.innerMm)).toBe(true);
    expect(fitsInBox({ l: 210, w: 10, h: 10 }, small.innerMm)).toBe(false);
  });
});

describe("packItems", () => {
  it("puts a small item into the smallest box that fits it", () => {
    const { packages, notes } = packItems([{ id: "mug", quantity: 1, grams: 400, dimensionsMm: { l: 120, w: 100, h: 100 } }], [medium, small], standard);
    expect(packages).toEqual([{ boxId: "small", dimensionsMm: small.innerMm, grams: 500, items: [{ id: "mug", quantity: 1 }] }]);
    expect(notes[0]).toMatch(/^Package 1: box "Small".*1× mug; smallest box/);
  });

  it("moves a parcel up to a bigger box instead of opening a second one", () => {
    const mugs: PackItem = { id: "mug", quantity: 3, grams: 400, dimensionsMm: { l: 120, w: 100, h: 100 } };
    const { packages } = packItems([mugs], [small, medium], standard);
    expect(packages).toHaveLength(1);
    expect(packages[0].boxId).toBe("default"); // 3.6 L > small's 3 L, default holds 11.25 L
    expect(packages[0].grams).toBe(1200 + 200);
  });

  it("ships an item that fits no box in its own dimensions", () => {
    const ski: PackItem = { id: "ski", quantity: 1, grams: 3000, dimensionsMm: { l: 1700, w: 100, h: 40 } };
    const { packages, notes } = packItems([ski], [small, medium], standard);
    expect(packages).toEqual([{ boxId: null, dimensionsMm: ski.dimensionsMm, grams: 3000, items: [{ id: "ski", quantity: 1 }] }]);
    expect(notes[0]).toMatch(/fits no box in any rotation/);
  });

  it("puts items without dimensions in the default box and splits them by its weight limit", () => {
    const { packages } = packItems([{ id: "tee", quantity: 5, grams: 3000 }], [small, medium], standard);
    // 3 × 3000 g + 200 g tare = 9200 g fits the 10 kg limit; a fourth unit would not.
    expect(packages.map((p) => p.boxId)).toEqual(["default", "default"]);
    expect(packages.map((p) => p.items)).toEqual([[{ id: "tee", quantity: 3 }], [{ id: "tee", quantity: 2 }]]);
    expect(packages.map((p) => p.grams)).toEqual([9200, 6200]);
  });

  it("ships an item heavier than the default box allows alone in that box and says so", () => {
    const { packages, notes } = packItems([{ id: "anvil", quantity: 1, grams: 20000 }], [], standard);
    expect(packages).toEqual([{ boxId: "default", dimensionsMm: standard.innerMm, grams: 20200, items: [{ id: "anvil", quantity: 1 }] }]);
    expect(notes[0]).toMatch(/more than the default box "Default" allows/);
  });

  it("ships a dimensioned item heavier than any box it fits alone in its own dimensions", () => {
    const { packages, notes } = packItems([{ id: "weights", quantity: 1, grams: 16000, dimensionsMm: { l: 100, w: 100, h: 100 } }], [small, medium], standard);
    expect(packages[0].boxId).toBeNull();
    expect(notes[0]).toMatch(/heavier than any box it fits allows/);
  });

  it("respects a box's weight limit when filling it", () => {
    const bricks: PackItem = { id: "brick", quantity: 4, grams: 2000, dimensionsMm: { l: 100, w: 100, h: 50 } };
    const { packages } = packItems([bricks], [small], { ...standard, maxGrams: 4200 });
    for (const p of packages) expect(p.grams).toBeLessThanOrEqual(p.boxId === "small" ? 5000 : 4200);
    expect(packages.reduce((n, p) => n + p.items[0].quantity, 0)).toBe(4);
  });

  it("returns no packages for an empty cart", () => {
    expect(packItems([], [small], standard)).toEqual({ packages: [], notes: ["Nothing to pack: no units with a quantity above zero."] });
  });

  it("gives the same answer every time", () => {
    const items: PackItem[] = [
      { id: "a", quantity: 2, grams: 500, dimensionsMm: { l: 100, w: 100, h: 100 } },
      { id: "b", quantity: 3, grams: 700 },
      { id: "c", quantity: 1, grams: 100, dimensionsMm: { l: 150, w: 50, h: 50 } },
    ];
    expect(packItems(items, [small, medium], standard)).toEqual(packItems(items, [small, medium], standard));
  });

  it("rejects a fractional quantity", () => {
    expect(() => packItems([{ id: "x", quantity: 1.5, grams: 1 }], [], standard)).toThrow(RangeError);
  });
});

describe("packItems properties", () => {
  const dims = fc.record({ l: fc.integer({ min: 10, max: 800 }), w: fc.integer({ min: 10, max: 500 }), h: fc.integer({ min: 10, max: 400 }) });
  const item = fc.record(
    { id: fc.constantFrom("a", "b", "c", "d", "e", "f"), quantity: fc.integer({ min: 0, max: 6 }), grams: fc.integer({ min: 0, max: 20000 }), dimensionsMm: dims },
    { requiredKeys: ["id", "quantity", "grams"] },
  );
  const box = fc.record({
    id: fc.constantFrom("b1", "b2", "b3", "b4"),
    name: fc.constant("Box"),
    innerMm: dims,
    maxGrams: fc.integer({ min: 1000, max: 30000 }),
    tareGrams: fc.integer({ min: 0, max: 800 }),
  });
  const input = fc.record({
    items: fc.uniqueArray(item, { selector: (i) => i.id, maxLength: 6 }),
    boxes: fc.uniqueArray(box, { selector: (b) => b.id, maxLength: 4 }),
    defaultBox: box.map((b) => ({ ...b, id: "default" })),
  });

  const countsOf = (pairs: { id: string; quantity: number }[]) => {
    const m = new Map<string, number>();
    for (const p of pairs) m.set(p.id, (m.get(p.id) ?? 0) + p.quantity);
    for (const [k, v] of m) if (v === 0) m.delete(k);
    return m;
  };

  it("packs every unit exactly once", () => {
    fc.assert(
      fc.property(input, ({ items, boxes, defaultBox }) => {
        const { packages } = packItems(items, boxes, defaultBox);
        expect(countsOf(packages.flatMap((p) => p.items))).toEqual(countsOf(items));
      }),
    );
  });

  it("never exceeds a box's weight limit unless a single unit ships alone with a note", () => {
    fc.assert(
      fc.property(input, ({ items, boxes, defaultBox }) => {
        const all = [...boxes, defaultBox];
        const { packages, notes } = packItems(items, boxes, defaultBox);
        packages.forEach((p, n) => {
          const b = all.find((x) => x.id === p.boxId);
          if (b && p.grams > b.maxGrams) {
            expect(p.items).toEqual([{ id: p.items[0].id, quantity: 1 }]);
            expect(notes[n]).toMatch(/ships alone/);
          }
        });
      }),
    );
  });

  it("weighs the contents plus the tare of every box used", () => {
    fc.assert(
      fc.property(input, ({ items, boxes, defaultBox }) => {
        const all = [...boxes, defaultBox];
        const { packages } = packItems(items, boxes, defaultBox);
        const contents = items.reduce((g, i) => g + i.grams * i.quantity, 0);
        const tares = packages.reduce((g, p) => g + (all.find((b) => b.id === p.boxId)?.tareGrams ?? 0), 0);
        expect(packages.reduce((g, p) => g + p.grams, 0)).toBe(contents + tares);
      }),
    );
  });

  it("only puts dimensioned units in boxes they fit and within the box volume", () => {
    fc.assert(
      fc.property(input, ({ items, boxes, defaultBox }) => {
        const all = [...boxes, defaultBox];
        for (const p of packItems(items, boxes, defaultBox).packages) {
          const b = all.find((x) => x.id === p.boxId);
          if (!b) continue;
          let volume = 0;
          for (const { id, quantity } of p.items) {
            const d = items.find((i) => i.id === id)?.dimensionsMm;
            if (!d) continue;
            expect(fitsInBox(d, b.innerMm)).toBe(true);
            volume += d.l * d.w * d.h * quantity;
          }
          expect(volume).toBeLessThanOrEqual(b.innerMm.l * b.innerMm.w * b.innerMm.h);
        }
      }),
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(input, ({ items, boxes, defaultBox }) => {
        expect(packItems(items, boxes, defaultBox)).toEqual(packItems(structuredClone(items), structuredClone(boxes), structuredClone(defaultBox)));
      }),
    );
  });
});

describe("packItems bounds its work (issue 8, defect 1)", () => {
  it("calls one 2,000,000 g line × 100,000 freight without building a parcel", () => {
    const before = process.memoryUsage().heapUsed;
    const result = packItems([{ id: "anvil", quantity: 100_000, grams: 2_000_000 }], [small, medium], standard);
    expect(result.packages).toEqual([]);
    expect(result.freight).toMatch(/^Freight-sized shipment: the cart weighs 200,000,000 kg/);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });

  it("calls a cart that would need more parcels than the cap freight, by arithmetic", () => {
    const result = packItems([{ id: "tee", quantity: 99_999, grams: 5 }], [], standard);
    expect(result.packages).toEqual([]);
    expect(result.freight).toMatch(/99999 units weighing 500 kg need \d+ × Default, more than the 50 parcels/);
  });

  it("calls a cart freight when packing one by one needs more parcels than the cap", () => {
    const crate: PackItem = { id: "crate", quantity: 60, grams: 9000, dimensionsMm: { l: 290, w: 240, h: 140 } };
    expect(packItems([crate], [], standard).freight).toMatch(/needs 60 parcels, more than the 50/);
  });

  it("never builds more than the package cap for any quantity", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 2_000_000 }), (quantity, grams) => {
        const result = packItems([{ id: "x", quantity, grams }], [small], standard);
        expect(result.packages.length).toBeLessThanOrEqual(PACKING_LIMITS.maxPackages);
      }),
      { numRuns: 200 },
    );
  });
});
