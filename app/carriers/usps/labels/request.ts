// Pure: Waypost's carrier-neutral label purchase → the bodies USPS's Labels, Payments and Addresses APIs take
// (contracts.md §D4, vendor/domestic-labels.yaml LabelRequest, vendor/payments.yaml Parties). Grams and millimetres
// become pounds and inches here only (../units.ts), cents become dollars here only.
import { needsCustoms } from "~/domain/labels/customs";
import type { LabelAddress, LabelPurchase } from "../../labels";
import type { UspsSettings } from "../settings";
import { dollarsFromCents, gramsToUspsPounds, sortedInches } from "../units";

/** USPS extra service codes (domestic-labels.yaml ExtraService). Tracking is always on. */
export const EXTRA_SERVICE = { tracking: 920, signature: 921, insuranceUpTo500: 930, insuranceOver500: 931 } as const;

const RATE_INDICATOR: Record<string, string> = { PRIORITY_MAIL_EXPRESS: "PA" };

export const LABEL_PATH = "/labels/v3/label";
export const INTERNATIONAL_LABEL_PATH = "/international-labels/v3/international-label";
export const PAYMENT_AUTHORIZATION_PATH = "/payments/v3/payment-authorization";
export const ADDRESS_PATH = "/addresses/v3/address";
/** International labels (13-character S10 numbers such as CP123456789US) are cancelled on their own API's path. */
export const cancelPath = (trackingNumber: string) =>
  `${/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(trackingNumber) ? INTERNATIONAL_LABEL_PATH : LABEL_PATH}/${encodeURIComponent(trackingNumber)}`;
export const trackingPath = (trackingNumber: string) => `/tracking/v3/tracking/${encodeURIComponent(trackingNumber)}?expand=DETAIL`;
export const trackingUrl = (trackingNumber: string) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${encodeURIComponent(trackingNumber)}`;

export type Built<T> = { ok: true; body: T } | { ok: false; message: string };

/** What the label service needs from the connection before it can pay: CRID, MID and the EPS/permit account. */
export function paymentRoles(s: UspsSettings): Built<{ roles: Record<string, unknown>[] }> {
  if (!s.crid || !s.mid || !s.paymentAccount) {
    return { ok: false, message: "Buying USPS labels needs the CRID, MID and an EPS or permit payment account on the USPS connection" };
  }
  const account = { accountType: s.paymentAccount.type, accountNumber: s.paymentAccount.number };
  const role = (roleName: string) => ({ roleName, CRID: s.crid, MID: s.mid, manifestMID: s.mid, ...account });
  return { ok: true, body: { roles: [role("PAYER"), role("LABEL_OWNER")] } };
}

const splitName = (name: string) => {
  const parts = name.trim().split(/\s+/);
  return parts.length === 1 ? { firstName: parts[0] } : { firstName: parts.slice(0, -1).join(" "), lastName: parts[parts.length - 1] };
};

/** USPS's domestic address: five-digit ZIPCode and ZIPPlus4 apart, state as two letters. */
export function uspsAddress(a: LabelAddress): Record<string, unknown> {
  const zip = /^(\d{5})(?:-?(\d{4}))?$/.exec(a.zip.replace(/\s/g, ""));
  return {
    streetAddress: a.address1,
    ...(a.address2 ? { secondaryAddress: a.address2 } : {}),
    city: a.city,
    state: a.province.toUpperCase(),
    ZIPCode: zip?.[1] ?? a.zip,
    ...(zip?.[2] ? { ZIPPlus4: zip[2] } : {}),
    ...splitName(a.name),
    ...(a.company ? { firm: a.company } : {}),
    ...(a.phone ? { phone: a.phone.replace(/\D/g, "").slice(-10) } : {}),
    ...(a.email ? { email: a.email } : {}),
  };
}

/** Where USPS delivers as domestic mail: the states and the US territories and freely associated states. */
export const isDomestic = (country: string) => !needsCustoms("US", country);

export function labelRequest(p: LabelPurchase): Built<Record<string, unknown>> {
  if (!isDomestic(p.from.country)) return { ok: false, message: "USPS labels ship from a US address; this location is abroad" };
  if (!isDomestic(p.to.country)) return { ok: false, message: "This package goes abroad: it needs an international label with a customs form" };
  const size = sortedInches(p.parcel.dimensionsMm);
  const extraServices: number[] = [EXTRA_SERVICE.tracking];
  if (p.options.signature) extraServices.push(EXTRA_SERVICE.signature);
  if (p.options.insurance) extraServices.push(p.parcel.value > 50_000 ? EXTRA_SERVICE.insuranceOver500 : EXTRA_SERVICE.insuranceUpTo500);
  return {
    ok: true,
    body: {
      imageInfo: { imageType: p.imageFormat === "ZPL" ? "ZPL203DPI" : "PDF", labelType: "4X6LABEL", receiptOption: "NONE" },
      toAddress: uspsAddress(p.to),
      fromAddress: uspsAddress(p.from),
      packageDescription: {
        mailClass: p.serviceCode,
        rateIndicator: RATE_INDICATOR[p.serviceCode] ?? "SP",
        weightUOM: "lb",
        weight: gramsToUspsPounds(p.parcel.grams),
        dimensionsUOM: "in",
        ...size,
        processingCategory: size.length > 22 ? "NONSTANDARD" : "MACHINABLE",
        mailingDate: p.mailingDate,
        extraServices,
        destinationEntryFacilityType: "NONE",
        ...(p.options.insurance || p.options.signature ? { packageOptions: { packageValue: dollarsFromCents(p.parcel.value) } } : {}),
      },
    },
  };
}

/** Query string for GET /addresses/v3/address. */
export function addressQuery(a: LabelAddress): string {
  const body = uspsAddress(a);
  const q = new URLSearchParams();
  for (const k of ["streetAddress", "secondaryAddress", "city", "state", "ZIPCode", "ZIPPlus4"]) {
    if (typeof body[k] === "string") q.set(k, body[k] as string);
  }
  return q.toString();
}
