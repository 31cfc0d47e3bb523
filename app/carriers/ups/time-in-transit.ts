// Carrier-neutral RateRequest → UPS Time in Transit API (POST /api/shipments/v1/transittimes), and its answer
// → transit per rating service code. Rating's Shoptimeintransit already carries transit; this API serves the
// cases where that option cannot be used (an international shipment with nothing to declare) and the admin's
// "Test your shipping". Differences from Rating: letter service codes, YYYY-MM-DD dates, numbers as numbers.
import { z } from "zod";
import type { RateRequest } from "../carrier";
import { normalizePostalCode } from "~/domain/address";
import { currencyExponent } from "~/domain/money";
import { malformedMessage, type UpsMessage } from "./errors";
import { upsUnitsFor, upsWeight } from "./units";

export interface UpsTransitCall {
  path: string;
  body: Record<string, unknown>;
}

/**
 * Domestic letter codes → Rating service codes. An inference from the service names (notes §3), not a UPS
 * table; international TNT codes are a different numbering and are matched by nothing here.
 */
export const TRANSIT_TO_RATING: Record<string, string> = { GND: "03", "1DA": "01", "1DP": "13", "1DM": "14", "2DA": "02", "2DM": "59", "3DS": "12" };

const postal = (country: string, code: string | undefined) => (code ? normalizePostalCode(country, code).slice(0, 10) : undefined);

export function buildTransitRequest(req: RateRequest, opts: { shipDate: string; residential?: boolean }): UpsTransitCall {
  const o = req.origin;
  const d = req.destination;
  const international = o.country !== d.country;
  const units = upsUnitsFor(o.country);
  const grams = req.packages.reduce((sum, p) => sum + p.grams, 0);
  const body: Record<string, unknown> = {
    originCountryCode: o.country,
    ...(o.province ? { originStateProvince: o.province } : {}),
    ...(o.city ? { originCityName: o.city.slice(0, 50) } : {}),
    ...(postal(o.country, o.postalCode) ? { originPostalCode: postal(o.country, o.postalCode) } : {}),
    destinationCountryCode: d.country,
    ...(d.province ? { destinationStateProvince: d.province } : {}),
    ...(d.city ? { destinationCityName: d.city.slice(0, 50) } : {}),
    ...(postal(d.country, d.postalCode) ? { destinationPostalCode: postal(d.country, d.postalCode) } : {}),
    residentialIndicator: opts.residential === false ? "02" : "01",
    shipDate: opts.shipDate,
    weight: Number(upsWeight(grams, units)),
    weightUnitOfMeasure: units.weight,
    numberOfPackages: req.packages.length,
    ...(international
      ? {
          billType: "03",
          shipmentContentsValue: req.subtotal.amount / 10 ** currencyExponent(req.subtotal.currency),
          shipmentContentsCurrencyCode: req.subtotal.currency,
        }
      : {}),
  };
  return { path: "/api/shipments/v1/transittimes", body };
}

const TransitResponseSchema = z.object({
  emsResponse: z.object({
    guaranteeSuspended: z.boolean().optional(),
    services: z
      .array(
        z.object({
          serviceLevel: z.string(),
          serviceLevelDescription: z.string(),
          deliveryDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
          businessTransitDays: z.number().int().nonnegative(),
          guaranteeIndicator: z.string().optional(),
        }),
      )
      .default([]),
  }),
});

export interface UpsTransit {
  transitCode: string;
  /** The Rating service code, when the letter code is one we know. */
  serviceCode?: string;
  name: string;
  businessDays: number;
  deliveryDate: string;
  guaranteed: boolean;
}

export function parseTransitResponse(json: unknown): { transits: UpsTransit[]; messages: UpsMessage[] } {
  const parsed = TransitResponseSchema.safeParse(json);
  if (!parsed.success) {
    // UPS answers an ambiguous address with pick lists instead of emsResponse; there are no transit times then.
    const issue = parsed.error.issues[0];
    return { transits: [], messages: [malformedMessage("rating", `time in transit: ${issue.path.join(".") || "(root)"}: ${issue.message}`)] };
  }
  const { emsResponse } = parsed.data;
  return {
    transits: emsResponse.services.map((s) => ({
      transitCode: s.serviceLevel,
      ...(TRANSIT_TO_RATING[s.serviceLevel] ? { serviceCode: TRANSIT_TO_RATING[s.serviceLevel] } : {}),
      name: s.serviceLevelDescription,
      businessDays: s.businessTransitDays,
      deliveryDate: s.deliveryDate,
      // During peak season UPS suspends every guarantee for the whole answer.
      guaranteed: s.guaranteeIndicator === "1" && !emsResponse.guaranteeSuspended,
    })),
    messages: [],
  };
}
