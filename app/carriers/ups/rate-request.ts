// Carrier-neutral RateRequest → UPS Rating API request (POST /api/rating/v2409/{requestoption}).
// Pure: the pickup date and the account come in as arguments.
import type { RateRequest, RatePackage } from "../carrier";
import type { Address } from "~/domain/address";
import { normalizePostalCode } from "~/domain/address";
import { currencyExponent } from "~/domain/money";
import { upsLength, upsUnitsFor, upsWeight, type UpsUnitSystem } from "./units";
import type { UpsSettings } from "./settings";

export const UPS_RATING_VERSION = "v2409";
/** Gates response fields: RateModifier ≥ 2407, Zone ≥ 2409 (checkout-carriers-landed-cost.md §3). */
const SUB_VERSION = "2409";

export type UpsRequestOption = "Rate" | "Shop" | "Ratetimeintransit" | "Shoptimeintransit";

export interface UpsRateCall {
  path: string;
  requestOption: UpsRequestOption;
  body: { RateRequest: Record<string, unknown> };
}

export interface BuildRateOptions {
  settings: Pick<UpsSettings, "accountNumber" | "accountPostalCode" | "accountCountry">;
  /** YYYYMMDD; without it no time in transit is asked for. */
  pickupDate?: string;
  /**
   * Checkout shoppers are mostly at home, so we quote residential unless told otherwise: UPS adds a surcharge
   * for homes, and alert 110920 tells us when it reclassified an address as commercial. Under-quoting the
   * surcharge costs the merchant on every parcel; over-quoting a business address costs a few cents.
   */
  residential?: boolean;
  customerContext?: string;
}

const text = (v: string | undefined, max: number) => (v ? v.slice(0, max) : undefined);

function upsAddress(a: Pick<Address, "country"> & Partial<Omit<Address, "country">>) {
  const lines = [a.address1, a.address2].filter((l): l is string => !!l).map((l) => l.slice(0, 35));
  const postal = a.postalCode ? normalizePostalCode(a.country, a.postalCode).slice(0, 9) : undefined;
  return {
    // AddressLine is required even though rating ignores the street; UPS accepts an empty line.
    AddressLine: lines.length > 0 ? lines : [""],
    ...(a.city ? { City: text(a.city, 30) } : {}),
    // The spec allows two characters only; longer subdivision codes are left out rather than truncated.
    ...(a.province && a.province.length === 2 ? { StateProvinceCode: a.province } : {}),
    ...(postal ? { PostalCode: postal } : {}),
    CountryCode: a.country,
  };
}

function upsPackage(p: RatePackage, units: UpsUnitSystem) {
  const { l, w, h } = p.dimensionsMm;
  const hasDims = l > 0 && w > 0 && h > 0;
  return {
    PackagingType: { Code: "02", Description: "Package" },
    ...(hasDims
      ? {
          Dimensions: {
            UnitOfMeasurement: { Code: units.length, Description: units.length === "IN" ? "Inches" : "Centimeters" },
            Length: upsLength(l, units),
            Width: upsLength(w, units),
            Height: upsLength(h, units),
          },
        }
      : {}),
    // Actual weight, not our billable estimate: UPS applies its own dimensional rule and reports BillingWeight.
    PackageWeight: {
      UnitOfMeasurement: { Code: units.weight, Description: units.weight === "LBS" ? "Pounds" : "Kilograms" },
      Weight: upsWeight(p.grams, units),
    },
  };
}

/** Whole currency units, at least 1: the spec's InvoiceLineTotal range is 1 to 99999999. */
function invoiceValue(amount: number, currency: string): string {
  const major = Math.ceil(amount / 10 ** currencyExponent(currency));
  return String(Math.min(99_999_999, Math.max(1, major)));
}

export function chooseRequestOption(req: RateRequest, withTransit: boolean): UpsRequestOption {
  const single = new Set(req.services).size === 1;
  if (!withTransit) return single ? "Rate" : "Shop";
  return single ? "Ratetimeintransit" : "Shoptimeintransit";
}

export function buildRateRequest(req: RateRequest, opts: BuildRateOptions): UpsRateCall {
  const { settings } = opts;
  const units = upsUnitsFor(req.origin.country);
  const international = req.origin.country !== req.destination.country;
  // InvoiceLineTotal is required for international *timeintransit requests; without a value to declare we
  // ask for rates only rather than send a made-up invoice.
  const withTransit = !!opts.pickupDate && (!international || req.subtotal.amount > 0);
  const requestOption = chooseRequestOption(req, withTransit);
  const services = [...new Set(req.services)];

  const shipment: Record<string, unknown> = {
    Shipper: {
      ShipperNumber: settings.accountNumber,
      Address: upsAddress({ country: settings.accountCountry, postalCode: settings.accountPostalCode }),
    },
    ShipTo: {
      Address: { ...upsAddress(req.destination), ...(opts.residential === false ? {} : { ResidentialAddressIndicator: "Y" }) },
    },
    ShipFrom: { Address: upsAddress(req.origin) },
    // ShipperNumber must equal BillShipper.AccountNumber for negotiated rates (Rating.yaml, BillShipper).
    PaymentDetails: { ShipmentCharge: [{ Type: "01", BillShipper: { AccountNumber: settings.accountNumber } }] },
    ...(requestOption.startsWith("Rate") ? { Service: { Code: services[0] } } : {}),
    Package: req.packages.map((p) => upsPackage(p, units)),
    ShipmentRatingOptions: { NegotiatedRatesIndicator: "Y" },
    ...(withTransit
      ? {
          DeliveryTimeInformation: { PackageBillType: "03", Pickup: { Date: opts.pickupDate } },
          ...(international
            ? { InvoiceLineTotal: { CurrencyCode: req.subtotal.currency, MonetaryValue: invoiceValue(req.subtotal.amount, req.subtotal.currency) } }
            : {}),
        }
      : {}),
  };

  return {
    path: `/api/rating/${UPS_RATING_VERSION}/${requestOption}`,
    requestOption,
    body: {
      RateRequest: {
        // RequestOption is required by the schema even though the path carries it too.
        Request: {
          RequestOption: requestOption,
          SubVersion: SUB_VERSION,
          TransactionReference: { CustomerContext: (opts.customerContext ?? "waypost").slice(0, 512) },
        },
        PickupType: { Code: "01" },
        // "00" asks for the rates tied to the shipper number; UPS only reads it for US origins.
        ...(req.origin.country === "US" ? { CustomerClassification: { Code: "00" } } : {}),
        Shipment: shipment,
      },
    },
  };
}

/** YYYYMMDD in UTC; the rating service shifts delivery dates by the shop's processing days afterwards. */
export function upsDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10).replace(/-/g, "");
}
