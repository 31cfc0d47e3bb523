// Wish `shipping_provider` names must match GET /api/v3/orders/shipping_carriers, which varies by account and
// destination; merchants override with carrierOverrides.
import type { CarrierNameTable } from "~/domain/tracking/carrier-names";

export const WISH_CARRIER_NAMES: CarrierNameTable = {
  noun: "Wish shipping provider",
  names: {
    ups: "UPS",
    usps: "USPS",
    correios: "Correios",
    intelipost: "Intelipost",
    "dhl express": "DHL",
    fedex: "FedEx",
    jadlog: "Jadlog",
    loggi: "Loggi",
  },
};
