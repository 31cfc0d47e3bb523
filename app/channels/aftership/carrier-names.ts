// AfterShip courier slugs; merchants override with slugOverrides or fall back to defaultSlug.
import type { CarrierNameTable } from "~/domain/tracking/carrier-names";

export const AFTERSHIP_CARRIER_NAMES: CarrierNameTable = {
  noun: "AfterShip courier slug",
  names: {
    ups: "ups",
    usps: "usps",
    correios: "brazil-correios",
    intelipost: "intelipost",
    "dhl express": "dhl",
    fedex: "fedex",
    jadlog: "jadlog",
    loggi: "loggi",
  },
};
