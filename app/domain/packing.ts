// Turns cart items into parcels. This is a HEURISTIC, not a 3D bin packer: a box "fits" a set of units when
// every unit fits the box's inner dimensions in some axis-aligned rotation and their volumes add up to no
// more than the box's inner volume. Real parcels may need a slightly bigger box; merchants see the notes.
//
// Rules:
//   - quantities are expanded to single units;
//   - a unit with dimensions that fits no box in any rotation ships alone in its own dimensions (boxId null);
//   - units without dimensions go into the default box, first-fit by weight, opening another default box
//     when the next unit would exceed its maxGrams. They never share a parcel with dimensioned units,
//     because their volume is unknown;
//   - units with dimensions are packed first-fit decreasing by volume: each unit joins the first open parcel
//     that can still take it (the parcel moving up to the smallest box that holds its contents plus the
//     unit), otherwise it opens a parcel in the smallest box that holds it. Candidate boxes are the
//     merchant's boxes plus the default box;
//   - a unit heavier than any box it fits allows ships alone (in its own dimensions, or in the default box
//     when it has none), and a note says so. That is the only way a parcel exceeds its box's maxGrams.
// Deterministic: ties are broken by box volume then box id, and by unit volume, weight, item id, then input order.
//
// Bounded work (shoppers choose quantities, so a 280-byte request once asked for 6.7 million parcels): totals are
// computed by arithmetic, never by looping over quantities; past PACKING_LIMITS.maxUnitsOneByOne units the cart
// is packed by weight; and a cart that would need more than maxPackages parcels or weighs more than
// maxShipmentGrams is "freight": no parcels are built and `freight` says why. Nothing here allocates per unit
// or per parcel beyond those caps.
import { z } from "zod";
import type { DimensionsMm } from "./units";

const DimensionsSchema = z.object({ l: z.number().positive(), w: z.number().positive(), h: z.number().positive() });

export const PackItemSchema = z.object({
  id: z.string().min(1).max(255),
  sku: z.string().max(255).optional(),
  quantity: z.number().int().nonnegative(),
  grams: z.number().int().nonnegative(),
  dimensionsMm: DimensionsSchema.optional(),
});
export type PackItem = z.output<typeof PackItemSchema>;

export const BoxSchema = z.object({
  id: z.string().min(1).max(255),
  name: z.string().trim().min(1).max(100),
  innerMm: DimensionsSchema,
  maxGrams: z.number().int().positive(),
  tareGrams: z.number().int().nonnegative(),
});
export type Box = z.output<typeof BoxSchema>;

export type Package = {
  boxId: string | null; // null = the item ships in its own dimensions
  dimensionsMm: DimensionsMm;
  grams: number; // contents + tare
  items: { id: string; quantity: number }[];
};
/** Freight is a verdict, not an error: the caller answers "no parcel service" and shows the reason. */
type PackResult = { packages: Package[]; notes: string[]; freight?: string };

export const PACKING_LIMITS = {
  /** Units packed box by box; above this the cart is packed by weight (same parcels count, no per-unit notes). */
  maxUnitsOneByOne: 2_000,
  /** Parcels per request; more is a freight (LTL) shipment no parcel carrier rates. */
  maxPackages: 50,
  /** 1 tonne: far above 50 parcels of the 68 kg (150 lb) UPS/USPS ceiling, so only freight is refused. */
  maxShipmentGrams: 1_000_000,
} as const;

type Unit = { itemId: string; order: number; grams: number; dims?: DimensionsMm; volume: number };

type Open = {
  box: Box | null;
  units: Unit[];
  contentGrams: number;
  volume: number;
  allowed: boolean[]; // per candidate box: does every unit fit it by dimensions?
  reason: string;
};

const sortedDesc = (d: DimensionsMm) => [d.l, d.w, d.h].sort((a, b) => b - a);
const volumeOf = (d: DimensionsMm) => d.l * d.w * d.h;

/** True when the item fits the box in some axis-aligned rotation. */
export function fitsInBox(item: DimensionsMm, box: DimensionsMm): boolean {
  const a = sortedDesc(item);
  const b = sortedDesc(box);
  return a[0] <= b[0] && a[1] <= b[1] && a[2] <= b[2];
}

const fmtDims = (d: DimensionsMm) => `${d.l}×${d.w}×${d.h} mm`;

function expandUnits(items: readonly PackItem[]): Unit[] {
  const units: Unit[] = [];
  items.forEach((item, order) => {
    const volume = item.dimensionsMm ? volumeOf(item.dimensionsMm) : 0;
    for (let i = 0; i < item.quantity; i++) {
      units.push({ itemId: item.id, order, grams: item.grams, dims: item.dimensionsMm, volume });
    }
  });
  return units;
}

function summarise(units: readonly Unit[]): { id: string; quantity: number }[] {
  const counts = new Map<string, { id: string; quantity: number; order: number }>();
  for (const u of units) {
    const entry = counts.get(u.itemId) ?? { id: u.itemId, quantity: 0, order: u.order };
    entry.quantity += 1;
    counts.set(u.itemId, entry);
  }
  return [...counts.values()].sort((a, b) => a.order - b.order).map(({ id, quantity }) => ({ id, quantity }));
}

export function packItems(items: readonly PackItem[], boxes: readonly Box[], defaultBox: Box): PackResult {
  checkItems(items);
  let units = 0;
  let totalGrams = 0;
  for (const item of items) {
    units += item.quantity;
    totalGrams += item.grams * item.quantity;
  }
  const limits = PACKING_LIMITS;
  if (!Number.isSafeInteger(totalGrams) || totalGrams > limits.maxShipmentGrams) {
    return freight(`the cart weighs ${fmtGrams(totalGrams)}, more than the ${fmtGrams(limits.maxShipmentGrams)} a parcel shipment may weigh`);
  }
  if (units > limits.maxUnitsOneByOne) return packByWeight(units, totalGrams, defaultBox);
  const result = packOneByOne(items, boxes, defaultBox);
  if (result.packages.length > limits.maxPackages) {
    return freight(`the cart needs ${result.packages.length} parcels, more than the ${limits.maxPackages} a parcel shipment may have`);
  }
  return result;
}

function freight(why: string): PackResult {
  const reason = `Freight-sized shipment: ${why}; no parcel service is offered.`;
  return { packages: [], notes: [reason], freight: reason };
}

const fmtGrams = (g: number) => (Number.isFinite(g) && g < 1e15 ? `${Math.round(g / 1000).toLocaleString("en")} kg` : "an unbounded weight");

/** Large carts: as many default boxes as the weight needs, counted before anything is allocated. */
function packByWeight(units: number, totalGrams: number, box: Box): PackResult {
  const perBox = Math.max(1, box.maxGrams - box.tareGrams);
  const count = Math.max(1, Math.ceil(totalGrams / perBox));
  if (count > PACKING_LIMITS.maxPackages) {
    return freight(`${units} units weighing ${fmtGrams(totalGrams)} need ${count} × ${box.name}, more than the ${PACKING_LIMITS.maxPackages} parcels a shipment may have`);
  }
  const packages = Array.from({ length: count }, (_, n) => ({
    boxId: box.id,
    dimensionsMm: { ...box.innerMm },
    grams: Math.min(perBox, totalGrams - n * perBox) + box.tareGrams,
    items: [] as { id: string; quantity: number }[],
  }));
  return { packages, notes: [`${units} units: packed by weight into ${count} × ${box.name} instead of item by item`] };
}

function checkItems(items: readonly PackItem[]) {
  for (const item of items) {
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 0) {
      throw new RangeError(`item ${item.id}: quantity must be a non-negative integer, got ${item.quantity}`);
    }
    if (!Number.isSafeInteger(item.grams) || item.grams < 0) {
      throw new RangeError(`item ${item.id}: grams must be a non-negative integer, got ${item.grams}`);
    }
  }
}

interface Candidates {
  defaultBox: Box;
  boxes: Box[]; // smallest first, the default box among them
  volumes: number[];
  sortedInner: number[][]; // each box's inner dimensions, largest first
}

// Per boxes array (a compiled shop's boxes are one array for the shop's life): sorted once, not per request.
const candidatesByBoxes = new WeakMap<readonly Box[], Candidates>();

function candidatesFor(boxes: readonly Box[], defaultBox: Box): Candidates {
  const known = candidatesByBoxes.get(boxes);
  if (known && known.defaultBox === defaultBox) return known;
  const sorted = [...boxes.filter((b) => b.id !== defaultBox.id), defaultBox].sort(
    (a, b) => volumeOf(a.innerMm) - volumeOf(b.innerMm) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const made = { defaultBox, boxes: sorted, volumes: sorted.map((b) => volumeOf(b.innerMm)), sortedInner: sorted.map((b) => sortedDesc(b.innerMm)) };
  candidatesByBoxes.set(boxes, made);
  return made;
}

function packOneByOne(items: readonly PackItem[], boxes: readonly Box[], defaultBox: Box): PackResult {
  const { boxes: candidates, volumes: candidateVolume, sortedInner } = candidatesFor(boxes, defaultBox);
  // Units of one line share one dimensions object: which boxes they fit is computed once per line.
  const fitsByDims = new Map<DimensionsMm, boolean[]>();
  const fitsFor = (dims: DimensionsMm) => {
    let fits = fitsByDims.get(dims);
    if (!fits) {
      const a = sortedDesc(dims);
      fits = sortedInner.map((b) => a[0] <= b[0] && a[1] <= b[1] && a[2] <= b[2]);
      fitsByDims.set(dims, fits);
    }
    return fits;
  };
  const parcels: Open[] = [];

  const units = expandUnits(items);
  const dimensioned = units
    .filter((u) => u.dims)
    .sort((a, b) => b.volume - a.volume || b.grams - a.grams || cmp(a.itemId, b.itemId) || a.order - b.order);
  const loose = units
    .filter((u) => !u.dims)
    .sort((a, b) => b.grams - a.grams || cmp(a.itemId, b.itemId) || a.order - b.order);

  for (const unit of dimensioned) {
    const fitsBy = fitsFor(unit.dims!);
    if (!fitsBy.some(Boolean)) {
      parcels.push(alone(unit, null, `${unit.itemId} (${fmtDims(unit.dims!)}) fits no box in any rotation, so it ships in its own dimensions`));
      continue;
    }
    if (!candidates.some((b, i) => fitsBy[i] && unit.grams + b.tareGrams <= b.maxGrams)) {
      parcels.push(alone(unit, null, `${unit.itemId} (${unit.grams} g) is heavier than any box it fits allows, so it ships alone in its own dimensions`));
      continue;
    }
    let placed = false;
    for (const p of parcels) {
      if (p.box === null || p.units[0].dims === undefined) continue;
      const allowed = p.allowed.map((ok, i) => ok && fitsBy[i]);
      const i = smallestBox(candidates, candidateVolume, allowed, p.volume + unit.volume, p.contentGrams + unit.grams);
      if (i === -1) continue;
      p.units.push(unit);
      p.allowed = allowed;
      p.volume += unit.volume;
      p.contentGrams += unit.grams;
      p.box = candidates[i];
      placed = true;
      break;
    }
    if (!placed) {
      const i = smallestBox(candidates, candidateVolume, fitsBy, unit.volume, unit.grams);
      parcels.push({ box: candidates[i], units: [unit], contentGrams: unit.grams, volume: unit.volume, allowed: fitsBy, reason: "" });
    }
  }

  let defaultOpen: Open | null = null;
  for (const unit of loose) {
    if (unit.grams + defaultBox.tareGrams > defaultBox.maxGrams) {
      parcels.push(alone(unit, defaultBox, `${unit.itemId} has no dimensions and weighs ${unit.grams} g, more than the default box "${defaultBox.name}" allows (${defaultBox.maxGrams} g with tare), so it ships alone in that box`));
      continue;
    }
    if (!defaultOpen || defaultOpen.contentGrams + unit.grams + defaultBox.tareGrams > defaultBox.maxGrams) {
      defaultOpen = { box: defaultBox, units: [], contentGrams: 0, volume: 0, allowed: [], reason: "items without dimensions go in the default box" };
      parcels.push(defaultOpen);
    }
    defaultOpen.units.push(unit);
    defaultOpen.contentGrams += unit.grams;
  }

  const packages = parcels.map((p) => ({
    boxId: p.box?.id ?? null,
    dimensionsMm: p.box ? { ...p.box.innerMm } : { ...p.units[0].dims! },
    grams: p.contentGrams + (p.box?.tareGrams ?? 0),
    items: summarise(p.units),
  }));
  const empty = units.length === 0;
  return {
    packages,
    // Written when read: checkout never reads them, "Test your shipping" does.
    get notes() {
      const notes = parcels.map((p, n) => describe(n + 1, p, packages[n]));
      if (empty) notes.push("Nothing to pack: no units with a quantity above zero.");
      return notes;
    },
  };
}

function alone(unit: Unit, box: Box | null, reason: string): Open {
  return { box, units: [unit], contentGrams: unit.grams, volume: unit.volume, allowed: [], reason };
}

function smallestBox(boxes: readonly Box[], volumes: readonly number[], allowed: readonly boolean[], volume: number, grams: number): number {
  for (let i = 0; i < boxes.length; i++) {
    if (allowed[i] && volume <= volumes[i] && grams + boxes[i].tareGrams <= boxes[i].maxGrams) return i;
  }
  return -1;
}

function describe(n: number, p: Open, pkg: Package): string {
  const contents = pkg.items.map((i) => `${i.quantity}× ${i.id}`).join(", ");
  const where = p.box ? `box "${p.box.name}" (${p.box.id}, ${fmtDims(p.box.innerMm)})` : `own dimensions ${fmtDims(pkg.dimensionsMm)}`;
  const why =
    p.reason ||
    `smallest box that holds these units by dimensions and volume (${Math.round(p.volume / 1000)} of ${Math.round(volumeOf(p.box!.innerMm) / 1000)} cm³) within its weight limit (${p.contentGrams + p.box!.tareGrams} of ${p.box!.maxGrams} g)`;
  return `Package ${n}: ${where}, ${pkg.grams} g — ${contents}; ${why}.`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
