// Pure: a carrier-neutral purchase to a foreign address → USPS's InternationalLabelRequest
// (vendor/international-labels.yaml): the destination with its ISO country code and name, the package, and the
// customs form (one content line per order line: description, quantity, total value in dollars, total weight in
// pounds, HS tariff number, country of origin). Values over the AES threshold never reach here (domain/labels/customs).
import type { LabelAddress, LabelPurchase } from "../../labels";
import { dollarsFromCents, gramsToUspsPounds, sortedInches } from "../units";
import { EXTRA_SERVICE, uspsAddress, type Built } from "./request";

/** USPS's international mail classes (InternationalPackageDescription.mailClass). */
export const INTERNATIONAL_CLASSES = ["FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE", "PRIORITY_MAIL_INTERNATIONAL", "PRIORITY_MAIL_EXPRESS_INTERNATIONAL"] as const;
export const DEFAULT_INTERNATIONAL_CLASS = "PRIORITY_MAIL_INTERNATIONAL";

/** The AES exemption USPS accepts in place of an ITN for shipments up to $2,500 per Schedule B number. */
export const AES_EXEMPTION = "NO EEI 30.37(a)";

const countryNames = new Intl.DisplayNames(["en"], { type: "region" });

const splitName = (name: string) => {
  const parts = name.trim().split(/\s+/);
  return parts.length === 1 ? { firstName: parts[0] } : { firstName: parts.slice(0, -1).join(" ").slice(0, 50), lastName: parts[parts.length - 1].slice(0, 50) };
};

/** InternationalLabelAddress: postal code and province as written abroad, the country by name and ISO code. */
export function uspsInternationalAddress(a: LabelAddress): Record<string, unknown> {
  const phone = a.phone?.replace(/\D/g, "");
  return {
    streetAddress: a.address1,
    ...(a.address2 ? { secondaryAddress: a.address2 } : {}),
    city: a.city,
    ...(a.zip ? { postalCode: a.zip.slice(0, 11) } : {}),
    ...(a.province ? { province: a.province } : {}),
    country: countryNames.of(a.country) ?? a.country,
    countryISOAlpha2Code: a.country,
    ...splitName(a.name),
    ...(a.company ? { firm: a.company.slice(0, 50) } : {}),
    ...(phone && /^[1-9][0-9]{7,14}$/.test(phone) ? { phone } : {}),
  };
}

export function internationalLabelRequest(p: LabelPurchase): Built<Record<string, unknown>> {
  if (!(INTERNATIONAL_CLASSES as readonly string[]).includes(p.serviceCode)) {
    return { ok: false, message: `${p.serviceCode.replace(/_/g, " ")} does not go abroad; choose an international USPS service` };
  }
  const customs = p.customs;
  if (!customs || customs.items.length === 0) return { ok: false, message: "An international label needs a customs form with at least one item" };
  if (customs.currency !== "USD") return { ok: false, message: "USPS customs values must be in US dollars" };
  const size = sortedInches(p.parcel.dimensionsMm);
  const declared = customs.items.reduce((n, i) => n + i.unitValue * i.quantity, 0);
  const invoiceNumber = (p.reference ?? "").replace(/[^A-Za-z0-9-]/g, "").slice(0, 15);
  const extraServices = p.options.insurance ? [declared > 50_000 ? EXTRA_SERVICE.insuranceOver500 : EXTRA_SERVICE.insuranceUpTo500] : [];
  return {
    ok: true,
    body: {
      imageInfo: { imageType: p.imageFormat === "ZPL" ? "ZPL203DPI" : "PDF", labelType: "4X6LABEL" },
      toAddress: uspsInternationalAddress(p.to),
      fromAddress: uspsAddress(p.from),
      packageDescription: {
        mailClass: p.serviceCode,
        rateIndicator: p.serviceCode === "PRIORITY_MAIL_EXPRESS_INTERNATIONAL" ? "PA" : "SP",
        weightUOM: "lb",
        weight: gramsToUspsPounds(p.parcel.grams),
        dimensionsUOM: "in",
        ...size,
        processingCategory: size.length > 24 ? "NONSTANDARD" : "MACHINABLE",
        destinationEntryFacilityType: "NONE",
        mailingDate: p.mailingDate,
        ...(extraServices.length ? { extraServices, packageOptions: { packageValue: dollarsFromCents(declared) } } : {}),
      },
      customsForm: {
        customsContentType: customs.contentType,
        AESITN: AES_EXEMPTION,
        ...(invoiceNumber ? { invoiceNumber } : {}),
        contents: customs.items.map((i) => ({
          itemDescription: i.description,
          itemQuantity: i.quantity,
          itemTotalValue: dollarsFromCents(i.unitValue * i.quantity),
          weightUOM: "lb",
          itemTotalWeight: gramsToUspsPounds(Math.max(1, i.unitGrams * i.quantity)),
          HSTariffNumber: i.hsCode,
          countryofOrigin: i.originCountry,
        })),
      },
    },
  };
}
