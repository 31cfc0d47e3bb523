// Carrier-neutral landed-cost request → UPS Landed Cost API (POST /api/landedcost/v1/quotes), and its answer →
// duties, taxes and fees per item and in total, in integer minor units. Pure: the HTTP is in client.server.ts.
// UPS sends amounts as decimal numbers in major units of `currencyCode`; we ask in the shop's currency and refuse
// an answer in any other (never compare or add amounts in different currencies).
import { z } from "zod";
import { currencyExponent, minorToDecimalString } from "~/domain/money";
import type { CarrierLandedCostLine, LandedCostQuote, LandedCostQuoteRequest } from "../connector";
import { malformedMessage, upsMessage, type UpsMessage } from "./errors";

export const UPS_LANDED_COST_SOURCE = "UPS Landed Cost API";
export const LANDED_COST_PATH = "/api/landedcost/v1/quotes";

export interface UpsLandedCostCall {
  path: string;
  body: Record<string, unknown>;
  /** The AccountNumber header UPS accepts with the call. */
  accountNumber?: string;
}

export function buildLandedCostRequest(req: LandedCostQuoteRequest, opts: { accountNumber?: string } = {}): UpsLandedCostCall {
  const currency = req.currency.toUpperCase();
  const body = {
    currencyCode: currency,
    transID: req.id.slice(0, 50),
    allowPartialLandedCostResult: false,
    alversion: 1,
    shipment: {
      id: req.id.slice(0, 100),
      importCountryCode: req.destination.country,
      ...(req.destination.province ? { importProvince: req.destination.province } : {}),
      shipDate: req.shipDate,
      exportCountryCode: req.originCountry,
      shipmentType: "Sale",
      shipmentItems: req.items.slice(0, 99).map((item, i) => ({
        commodityId: String(i + 1),
        ...(item.unitWeightGrams > 0
          ? {
              grossWeight: Math.round(item.unitWeightGrams * item.quantity) / 1000,
              grossWeightUnit: "KG",
            }
          : {}),
        priceEach: Number(minorToDecimalString(item.unitValue, currency)),
        commodityCurrencyCode: currency,
        quantity: item.quantity,
        UOM: "Each",
        hsCode: item.hsCode,
        originCountryCode: item.originCountry,
      })),
    },
  };
  return {
    path: LANDED_COST_PATH,
    body,
    ...(opts.accountNumber ? { accountNumber: opts.accountNumber } : {}),
  };
}

const num = z.coerce.number().finite().nonnegative();
const ResponseSchema = z.object({
  transID: z.string().optional(),
  shipment: z.object({
    currencyCode: z.string(),
    importCountryCode: z.string(),
    id: z.string(),
    transID: z.string().optional(),
    brokerageFeeItems: z
      .array(
        z.object({
          chargeName: z.string().optional(),
          chargeAmount: num.optional(),
        })
      )
      .default([]),
    totalBrokerageFees: num,
    totalDuties: num,
    totalCommodityLevelTaxesAndFees: num,
    totalShipmentLevelTaxesAndFees: num,
    totalVAT: num,
    totalDutyAndTax: num,
    grandTotal: num,
    shipmentItems: z.array(
      z.object({
        commodityID: z.coerce.string(),
        hsCode: z.coerce.string(),
        commodityDuty: num,
        totalCommodityTaxAndFee: num.optional(),
        commodityVAT: num,
        totalCommodityDutyAndTax: num,
        commodityCurrencyCode: z.string(),
        isCalculable: z.boolean(),
      })
    ),
    errors: z.unknown().optional(),
  }),
});

const failed = (currency: string, messages: UpsMessage[]): LandedCostQuote => ({
  ok: false,
  currency,
  source: UPS_LANDED_COST_SOURCE,
  lines: [],
  totals: { duties: 0, taxes: 0, fees: 0 },
  messages,
});

/** UPS's answer → lines in minor units; anything not fully calculable is a failed quote (the caller estimates). */
export function parseLandedCostResponse(json: unknown, req: LandedCostQuoteRequest): LandedCostQuote {
  const currency = req.currency.toUpperCase();
  const parsed = ResponseSchema.safeParse(json);
  if (!parsed.success) return failed(currency, [malformedMessage("landed_cost", parsed.error.issues[0]?.message ?? "unexpected shape")]);
  const s = parsed.data.shipment;
  if (s.currencyCode.toUpperCase() !== currency) {
    return failed(currency, [upsMessage("none", "landed_cost_currency", `UPS quoted landed cost in ${s.currencyCode}, not ${currency}`)]);
  }
  const exp = 10 ** currencyExponent(currency);
  const minor = (n: number) => Math.round(n * exp);
  const lines: CarrierLandedCostLine[] = [];
  for (const item of s.shipmentItems) {
    const index = Number(item.commodityID) - 1;
    const own = req.items[index];
    if (!own || !Number.isInteger(index)) return failed(currency, [malformedMessage("landed_cost", `unknown commodity ${item.commodityID}`)]);
    if (!item.isCalculable) {
      return failed(currency, [
        upsMessage("none", "landed_cost_not_calculable", `UPS could not calculate landed cost for HS ${own.hsCode} (item ${index + 1})`),
      ]);
    }
    if (item.commodityCurrencyCode.toUpperCase() !== currency) {
      return failed(currency, [upsMessage("none", "landed_cost_currency", `UPS quoted item ${index + 1} in ${item.commodityCurrencyCode}, not ${currency}`)]);
    }
    const label = `HS ${item.hsCode || own.hsCode} ×${own.quantity}`;
    lines.push({
      kind: "duty",
      label: `Duty, ${label}`,
      item: index,
      amount: minor(item.commodityDuty),
    });
    lines.push({
      kind: "tax",
      label: `Import VAT, ${label}`,
      item: index,
      amount: minor(item.commodityVAT),
    });
    const other = (item.totalCommodityTaxAndFee ?? 0) - item.commodityVAT;
    if (minor(other) > 0)
      lines.push({
        kind: "tax",
        label: `Other taxes and fees, ${label}`,
        item: index,
        amount: minor(other),
      });
  }
  if (minor(s.totalShipmentLevelTaxesAndFees) > 0)
    lines.push({
      kind: "tax",
      label: "Shipment-level taxes and fees",
      amount: minor(s.totalShipmentLevelTaxesAndFees),
    });
  for (const fee of s.brokerageFeeItems) {
    if (fee.chargeAmount && minor(fee.chargeAmount) > 0)
      lines.push({
        kind: "fee",
        label: fee.chargeName || "Brokerage",
        amount: minor(fee.chargeAmount),
      });
  }
  const sum = (kind: CarrierLandedCostLine["kind"]) => lines.filter((l) => l.kind === kind).reduce((a, l) => a + l.amount, 0);
  return {
    ok: true,
    currency,
    source: UPS_LANDED_COST_SOURCE,
    quoteId: parsed.data.transID ?? s.transID ?? s.id,
    lines,
    totals: { duties: sum("duty"), taxes: sum("tax"), fees: sum("fee") },
    messages: [],
  };
}
