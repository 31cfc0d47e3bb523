// UPS Rating response → carrier-neutral quotes and messages. Only the parts we read are in the schemas;
// everything else passes through untouched, so a new UPS field never breaks checkout.
import { z } from "zod";
import type { Quote, RateResult } from "../carrier";
import { parseDecimalToMinor } from "~/domain/money";
import { DIAGNOSES, malformedMessage, upsMessage, type UpsMessage } from "./errors";
import { normaliseServiceCode } from "./services";

const Charge = z.object({ CurrencyCode: z.string().regex(/^[A-Za-z]{3}$/), MonetaryValue: z.string() });
const Alert = z.object({ Code: z.coerce.string(), Description: z.coerce.string() });
/** Before v2403 UPS sent a single object where there was only one; accept both. */
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item), item]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

const RatedShipmentSchema = z.object({
  Service: z.object({ Code: z.coerce.string() }),
  RatedShipmentAlert: oneOrMany(Alert).optional(),
  BillingWeight: z.object({ UnitOfMeasurement: z.object({ Code: z.string() }), Weight: z.string() }).optional(),
  TotalCharges: Charge,
  NegotiatedRateCharges: z.object({ TotalCharge: Charge }).optional(),
  GuaranteedDelivery: z.object({ BusinessDaysInTransit: z.string().optional() }).optional(),
  TimeInTransit: z
    .object({
      ServiceSummary: z.object({
        EstimatedArrival: z.object({
          Arrival: z.object({ Date: z.string().regex(/^\d{8}$/) }),
          BusinessDaysInTransit: z.string().regex(/^\d+$/),
        }),
      }),
    })
    .optional(),
});

export const UpsRateResponseSchema = z.object({
  RateResponse: z.object({
    Response: z.object({ Alert: oneOrMany(Alert).optional() }),
    RatedShipment: oneOrMany(RatedShipmentSchema),
  }),
});

export interface UpsQuoteDetail {
  serviceCode: string;
  negotiated: boolean;
  published: { amount: number; currency: string };
  billingWeight?: { value: string; unit: string };
  deliveryDate?: string;
}

export type UpsRateResult = Omit<RateResult, "messages"> & { messages: UpsMessage[]; details: UpsQuoteDetail[] };

/** Alerts that mean "negotiated rates are not available to this user ID" (120900 per UPS; see notes §3). */
const NOT_QUALIFIED = "120900";

const isoDate = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

function alertMessage(a: z.output<typeof Alert>, serviceCode?: string): UpsMessage {
  if (a.Code === NOT_QUALIFIED) {
    return upsMessage("fix_settings", "negotiated_rates_not_authorised", DIAGNOSES.negotiatedNotQualified, { level: "warning", upsCode: a.Code });
  }
  return upsMessage("none", `ups_alert_${a.Code}`, `UPS ${a.Code}: ${a.Description}`, { level: "warning", upsCode: a.Code, serviceCode });
}

export function parseRateResponse(json: unknown, opts: { services?: readonly string[]; negotiatedRequested?: boolean } = {}): UpsRateResult {
  const parsed = UpsRateResponseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { quotes: [], details: [], messages: [malformedMessage("rating", `${issue.path.join(".") || "(root)"}: ${issue.message}`)] };
  }
  const { Response, RatedShipment } = parsed.data.RateResponse;
  const wanted = new Set((opts.services ?? []).map(normaliseServiceCode));
  const quotes: Quote[] = [];
  const details: UpsQuoteDetail[] = [];
  const messages: UpsMessage[] = [];
  const seen = new Set<string>();
  const note = (m: UpsMessage) => {
    if (seen.has(m.code + (m.serviceCode ?? ""))) return;
    seen.add(m.code + (m.serviceCode ?? ""));
    messages.push(m);
  };
  for (const a of Response.Alert ?? []) note(alertMessage(a));
  const shipmentWide = new Set((Response.Alert ?? []).map((a) => a.Code));

  for (const rs of RatedShipment) {
    const serviceCode = normaliseServiceCode(rs.Service.Code);
    // Response.Alert already carries shipment-wide alerts; per-service copies are kept only when new.
    for (const a of rs.RatedShipmentAlert ?? []) {
      if (!shipmentWide.has(a.Code)) note(alertMessage(a, a.Code === NOT_QUALIFIED ? undefined : serviceCode));
    }
    if (wanted.size > 0 && !wanted.has(serviceCode)) continue;
    const chosen = rs.NegotiatedRateCharges?.TotalCharge ?? rs.TotalCharges;
    let amount: number;
    let published: number;
    try {
      amount = parseDecimalToMinor(chosen.MonetaryValue, chosen.CurrencyCode);
      published = parseDecimalToMinor(rs.TotalCharges.MonetaryValue, rs.TotalCharges.CurrencyCode);
    } catch {
      note(malformedMessage("rating", `charge for service ${serviceCode} is not a decimal amount`));
      continue;
    }
    const arrival = rs.TimeInTransit?.ServiceSummary.EstimatedArrival;
    const days = arrival?.BusinessDaysInTransit ?? rs.GuaranteedDelivery?.BusinessDaysInTransit;
    const transitDays = days && /^\d+$/.test(days) ? { min: Number(days), max: Number(days) } : undefined;
    quotes.push({ serviceCode, price: { amount, currency: chosen.CurrencyCode.toUpperCase() }, ...(transitDays ? { transitDays } : {}) });
    details.push({
      serviceCode,
      negotiated: !!rs.NegotiatedRateCharges,
      published: { amount: published, currency: rs.TotalCharges.CurrencyCode.toUpperCase() },
      ...(rs.BillingWeight ? { billingWeight: { value: rs.BillingWeight.Weight, unit: rs.BillingWeight.UnitOfMeasurement.Code } } : {}),
      ...(arrival ? { deliveryDate: isoDate(arrival.Arrival.Date) } : {}),
    });
  }

  const notQualified = messages.some((m) => m.upsCode === NOT_QUALIFIED);
  if (opts.negotiatedRequested && details.length > 0 && details.every((d) => !d.negotiated) && !notQualified) {
    note(upsMessage("fix_settings", "negotiated_rates_missing", DIAGNOSES.negotiatedMissing, { level: "warning" }));
  }
  return { quotes, details, messages };
}
