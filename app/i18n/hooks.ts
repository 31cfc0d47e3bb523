// React side of the admin's language: formatters bound to it, and server errors as sentences.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type CountryNames, ENGLISH_COUNTRY_NAMES, countryName } from "~/lib/countries";
import type { FieldError } from "~/lib/field-errors";
import * as format from "~/lib/format";
import type { Said } from "~/lib/said";
import { storedSaid } from "~/lib/stored-said";
import { translateErrors, type UnitContext } from "./messages";
import { saidText } from "./said";

/** The formatters of app/lib/format.ts in the admin's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const names = useCountryNames();
  return useMemo(
    () => ({
      locale,
      money: (minor: number, currency: string) => format.formatMoney(minor, currency, locale),
      number: (n: number, digits?: number) => format.formatNumber(n, locale, digits),
      weight: (grams: number, unit: format.DisplayWeightUnit) => format.formatWeightIn(grams, unit, locale),
      length: (mm: number, unit: format.DisplayLengthUnit) => format.formatLengthIn(mm, unit, locale),
      dimensions: (d: { l: number; w: number; h: number }, unit: format.DisplayLengthUnit) => format.formatDimensionsIn(d, unit, locale),
      percent: (basisPoints: number) => format.formatPercent(basisPoints, locale),
      dateTime: (at: string | number | Date) => format.formatDateTime(at, locale),
      time: (at: string | number | Date) => format.formatTime(at, locale),
      country: (code: string) => countryName(code, names),
      shopifyPrice: (totalPrice: string, currency: string) => format.formatShopifyPrice(totalPrice, currency, locale),
      deliveryWindow: (min?: string, max?: string) => format.formatDeliveryWindow(min, max, locale),
    }),
    [locale, names],
  );
}

/**
 * Country names in the admin's language (the committed `countries` namespace, loaded with the language's other
 * messages), so the server and the browser show the same names whatever ICU the browser has.
 */
export function useCountryNames(): CountryNames {
  const { i18n } = useTranslation();
  const bundle = i18n.getResourceBundle(i18n.language, "countries") as { names?: CountryNames } | undefined;
  return bundle?.names ?? ENGLISH_COUNTRY_NAMES;
}

/** A result's errors (keys from the server) as sentences in the merchant's language and units. */
export function useTranslatedErrors(errors: readonly FieldError[] | undefined, units: Omit<UnitContext, "locale">): FieldError[] {
  const { t, i18n } = useTranslation("errors");
  const { currency, weightUnit } = units;
  return useMemo(
    () => translateErrors(t, errors, { locale: i18n.language, currency, weightUnit }, (key) => i18n.exists(key)),
    [t, i18n, errors, currency, weightUnit],
  );
}

/** Says a server message (app/lib/said.ts) in the admin's language; undefined stays undefined. */
export function useSay() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => (said: Said | undefined | null) => (said ? saidText(t, said, locale) : ""), [t, locale]);
}

/**
 * Says a stored message column (app/lib/stored-said.ts): Waypost's own messages in the admin's language, a
 * destination's or Shopify's words (and rows from before the format) exactly as stored.
 */
export function useSayStored() {
  const say = useSay();
  return useMemo(() => (text: string | null | undefined) => (text ? say(storedSaid(text)) : ""), [say]);
}
