// Shopify `tracking_company` → the name each destination expects. Wish provider names must match
// GET /api/v3/orders/shipping_carriers, which varies by account and destination, so the merchant override map
// always wins and the built-in table is only a starting point.

export type CarrierTarget = "wish" | "aftership";

interface CarrierNames {
  wish: string;
  aftership: string;
}

const KNOWN: Record<string, CarrierNames> = {
  ups: { wish: "UPS", aftership: "ups" },
  usps: { wish: "USPS", aftership: "usps" },
  correios: { wish: "Correios", aftership: "brazil-correios" },
  intelipost: { wish: "Intelipost", aftership: "intelipost" },
  "dhl express": { wish: "DHL", aftership: "dhl" },
  fedex: { wish: "FedEx", aftership: "fedex" },
  jadlog: { wish: "Jadlog", aftership: "jadlog" },
  loggi: { wish: "Loggi", aftership: "loggi" },
};

/** Spellings seen in Shopify and in merchants' own carrier fields. */
const ALIASES: Record<string, string> = {
  "united parcel service": "ups",
  "united states postal service": "usps",
  "correios brazil": "correios",
  "brazil correios": "correios",
  dhl: "dhl express",
  "fedex express": "fedex",
  "federal express": "fedex",
};

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, " ");
}

export type CarrierNameResult = { ok: true; name: string } | { ok: false; message: string };

export function carrierNameFor(
  trackingCompany: string | null | undefined,
  target: CarrierTarget,
  overrides: Readonly<Record<string, string>> = {},
): CarrierNameResult {
  if (!trackingCompany || trackingCompany.trim() === "") {
    return { ok: false, message: "The fulfillment has no carrier (tracking company); set one in Shopify and retry" };
  }
  const key = normalise(trackingCompany);
  for (const [from, to] of Object.entries(overrides)) {
    if (normalise(from) === key && to.trim() !== "") return { ok: true, name: to.trim() };
  }
  const known = KNOWN[ALIASES[key] ?? key];
  if (known) return { ok: true, name: known[target] };
  const where = target === "wish" ? "Wish shipping provider" : "AfterShip courier slug";
  return {
    ok: false,
    message: `Carrier "${trackingCompany.trim()}" has no known ${where}; add a carrier mapping in the channel settings and retry`,
  };
}
