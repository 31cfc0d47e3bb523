// Pure: the Shipping Options API (POST /shipments/v3/options/search, spec v3.1.29) for domestic parcels.
// One call answers price AND delivery commitment ("2 Days", expected date) for every outbound class, at the same
// quota cost as total-rates. International answers carry no commitments (per the spec), so this is domestic only.
import { z } from "zod";
import type { RatePackage, RateRequest } from "../carrier";
import { domesticTotalRatesQuery, type Built, type PriceTerms } from "./price-request";
import { UspsRateOptionSchema, type Parsed } from "./price-response";

export const SHIPPING_OPTIONS_PATH = "/shipments/v3/options/search";

export interface DomesticOptionsQuery {
  originZIPCode: string;
  destinationZIPCode: string;
  destinationEntryFacilityType: "NONE";
  packageDescription: { weight: number; length: number; width: number; height: number; mailClass: string; mailingDate: string };
  pricingOptions: [{ priceType: PriceTerms["priceType"]; paymentAccount?: { accountType: "EPS" | "PERMIT"; accountNumber: string } }];
}

export function domesticOptionsQuery(req: RateRequest, pkg: RatePackage, mailClasses: string[], terms: PriceTerms, mailingDate: string): Built<DomesticOptionsQuery> {
  const base = domesticTotalRatesQuery(req, pkg, mailClasses, terms, mailingDate);
  if (!base.ok) return base;
  const b = base.body;
  return {
    ok: true,
    facts: base.facts,
    body: {
      originZIPCode: b.originZIPCode,
      destinationZIPCode: b.destinationZIPCode,
      destinationEntryFacilityType: "NONE",
      packageDescription: {
        weight: b.weight,
        length: b.length,
        width: b.width,
        height: b.height,
        // ALL_OUTBOUND prices every outbound class in one call; one class narrows the answer.
        mailClass: mailClasses.length === 1 ? mailClasses[0] : "ALL_OUTBOUND",
        mailingDate,
      },
      pricingOptions: [
        terms.priceType === "CONTRACT"
          ? { priceType: "CONTRACT", paymentAccount: { accountType: terms.accountType, accountNumber: terms.accountNumber } }
          : { priceType: terms.priceType },
      ],
    },
  };
}

const OptionsResponseSchema = z
  .object({
    pricingOptions: z.array(
      z.object({ shippingOptions: z.array(z.object({ mailClass: z.string(), rateOptions: z.array(UspsRateOptionSchema) }).passthrough()) }).passthrough(),
    ),
  })
  .passthrough();

/** The answer flattened to rate options (each with its commitment), ready for pickPrices. */
export function parseDomesticOptions(body: unknown): Parsed<z.output<typeof UspsRateOptionSchema>[]> {
  const r = OptionsResponseSchema.safeParse(body);
  if (!r.success) return { ok: false, detail: r.error.issues.slice(0, 2).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ") };
  return { ok: true, value: r.data.pricingOptions.flatMap((p) => p.shippingOptions.flatMap((s) => s.rateOptions)) };
}
