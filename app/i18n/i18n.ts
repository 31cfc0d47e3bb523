// The i18next options the server and the browser share.
import type { InitOptions } from "i18next";
import { DEFAULT_LOCALE, LOCALES, NAMESPACES } from "./config";

export const i18nOptions = {
  supportedLngs: [...LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  ns: [...NAMESPACES],
  // React escapes what it renders; escaping here too would show "&amp;" to the merchant.
  interpolation: { escapeValue: false },
  // A missing key renders its English text, never the raw key; the locale check in `npm test` catches it first.
  returnNull: false,
  react: { useSuspense: false },
} satisfies InitOptions;
