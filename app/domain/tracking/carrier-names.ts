// Shopify `tracking_company` → the name a destination expects. Each channel brings its own table (its folder's
// carrier-names.ts); the merchant's override map always wins, because a marketplace's list of accepted names
// varies by account and destination and the built-in table is only a starting point.

/** Keys are the canonical carrier keys below ("ups", "correios", "dhl express", …). */
export interface CarrierNameTable {
  /** What the channel calls the name, for messages: "shipping provider", "courier slug". */
  noun: string;
  names: Readonly<Record<string, string>>;
}

/** Spellings seen in Shopify and in merchants' own carrier fields, → the canonical key. */
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

type CarrierNameResult = { ok: true; name: string } | { ok: false; message: string };

export function carrierNameFor(
  trackingCompany: string | null | undefined,
  table: CarrierNameTable,
  overrides: Readonly<Record<string, string>> = {},
): CarrierNameResult {
  if (!trackingCompany || trackingCompany.trim() === "") {
    return { ok: false, message: "The fulfillment has no carrier (tracking company); set one in Shopify and retry" };
  }
  const key = normalise(trackingCompany);
  for (const [from, to] of Object.entries(overrides)) {
    if (normalise(from) === key && to.trim() !== "") return { ok: true, name: to.trim() };
  }
  const known = table.names[ALIASES[key] ?? key];
  if (known) return { ok: true, name: known };
  return {
    ok: false,
    message: `Carrier "${trackingCompany.trim()}" has no known ${table.noun}; add a carrier mapping in the channel settings and retry`,
  };
}
