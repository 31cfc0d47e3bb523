// Browser side: the locale's message files are separate chunks (import.meta.glob), and only the admin's language
// is fetched before hydration, so the first client render matches the server's.
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, NAMESPACES, resolveLocale } from "./config";
import { i18nOptions } from "./i18n";

const files = import.meta.glob<Record<string, unknown>>("../locales/*/*.json", { import: "default" });

async function load(lng: string, ns: string) {
  const file = files[`../locales/${lng}/${ns}.json`];
  return file ? file() : {};
}

/** Loads one language (and English, the fallback) into i18next. */
async function loadLanguage(lng: string) {
  const langs = lng === DEFAULT_LOCALE ? [lng] : [lng, DEFAULT_LOCALE];
  await Promise.all(
    langs.flatMap((l) => NAMESPACES.map(async (ns) => {
      if (!i18next.hasResourceBundle(l, ns)) i18next.addResourceBundle(l, ns, await load(l, ns), true, true);
    })),
  );
}

export async function initClientI18n(): Promise<typeof i18next> {
  const lng = resolveLocale(document.documentElement.lang) ?? DEFAULT_LOCALE;
  await i18next.use(initReactI18next).init({ ...i18nOptions, lng, resources: {}, partialBundledLanguages: true });
  await loadLanguage(lng);
  i18next.on("languageChanged", (next) => void loadLanguage(next));
  return i18next;
}
