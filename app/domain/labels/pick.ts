// Pure: the Labels page's pick list — which open orders a filter keeps (destination, package weight, the service
// chosen at checkout, the sales channel) and the package the merchant edited before buying. Weights are grams and
// lengths millimetres here; the page converts from the shop's units at the edge.
import { z } from "zod";

export const PickFilterSchema = z.object({
  country: z.string().regex(/^[A-Z]{2}$/).optional().catch(undefined),
  /** The checkout shipping line's code (our service code) or, without one, its title. */
  service: z.string().trim().min(1).max(120).optional().catch(undefined),
  channel: z.string().trim().min(1).max(120).optional().catch(undefined),
  minGrams: z.coerce.number().int().nonnegative().optional().catch(undefined),
  maxGrams: z.coerce.number().int().positive().optional().catch(undefined),
});
export type PickFilter = z.output<typeof PickFilterSchema>;

export interface PickRow {
  country: string;
  service: string;
  channel: string;
  /** The planned package (lines + box); null when the order cannot be weighed. */
  grams: number | null;
}

export function keeps(row: PickRow, f: PickFilter): boolean {
  if (f.country && row.country !== f.country) return false;
  if (f.service && row.service !== f.service) return false;
  if (f.channel && row.channel !== f.channel) return false;
  if (f.minGrams !== undefined && (row.grams === null || row.grams < f.minGrams)) return false;
  if (f.maxGrams !== undefined && (row.grams === null || row.grams > f.maxGrams)) return false;
  return true;
}

/** USPS's limit (70 lb) rounded up to the gram, and its longest side plus girth bound (130 in) per side. */
const MAX_GRAMS = 31_752;
const MAX_SIDE_MM = 3_302;

/** A package edited on the pick page: replaces the planned weight and box for that fulfillment order. */
export const PackageEditSchema = z.object({
  fulfillmentOrderId: z.string().regex(/^gid:\/\/shopify\/FulfillmentOrder\/\d+$/, "not a fulfillment order id"),
  grams: z.number().int().positive().max(MAX_GRAMS, "labels:package.tooHeavy"),
  dimensionsMm: z.object({ l: z.number().positive().max(MAX_SIDE_MM), w: z.number().positive().max(MAX_SIDE_MM), h: z.number().positive().max(MAX_SIDE_MM) }),
});
export type PackageEdit = z.output<typeof PackageEditSchema>;
