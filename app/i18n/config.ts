// The admin's languages and how a locale Shopify passes (`locale` on the embedded app's URL: "fr", "pt-BR",
// "zh-CN", "es", …) maps onto them. Pure: used by the server's detection, the browser's bootstrap and the tests.

export const LOCALES = ["en", "pt-BR", "fr", "de", "id", "zh-CN", "es-MX"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** One JSON file per area of the admin under app/locales/<locale>/<namespace>.json. */
export const NAMESPACES = [
  "common",
  "countries",
  "errors",
  "home",
  "zones",
  "carriers",
  "settings",
  "products",
  "landedCost",
  "testShipping",
  "trace",
  "channels",
  "deliveries",
  "labels",
  "partners",
  "portal",
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** Each language in its own words, for the partner portal's language picker (a name is never translated). */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  "pt-BR": "Português (Brasil)",
  fr: "Français",
  de: "Deutsch",
  id: "Bahasa Indonesia",
  "zh-CN": "简体中文",
  "es-MX": "Español (México)",
};

/** The query parameter Shopify adds to the embedded app's URL, and the cookie that remembers it. */
export const LOCALE_PARAM = "locale";
export const LOCALE_COOKIE = "waypost_locale";

// A language without its region goes to the region we translate for: Brazilian Portuguese, Mexican Spanish,
// Simplified Chinese (zh-TW/zh-HK/zh-Hant are Traditional Chinese, which we do not have: they fall back to English).
const BY_LANGUAGE: Record<string, Locale> = { en: "en", pt: "pt-BR", fr: "fr", de: "de", id: "id", in: "id", zh: "zh-CN", es: "es-MX" };
const TRADITIONAL_CHINESE = /^zh-(tw|hk|mo|hant)/i;

/** "pt" → "pt-BR", "es-ES" → "es-MX", "zh-Hans-CN" → "zh-CN", "fr_CA" → "fr"; null when we have no such language. */
export function resolveLocale(raw: string | null | undefined): Locale | null {
  if (!raw) return null;
  const tag = raw.trim().replace(/_/g, "-").slice(0, 35);
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return null;
  const exact = LOCALES.find((l) => l.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  if (TRADITIONAL_CHINESE.test(tag)) return null;
  return BY_LANGUAGE[tag.split("-")[0].toLowerCase()] ?? null;
}

/** The first Accept-Language entry we have, by the header's q-values. */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .slice(0, 20)
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { tag, q: q ? Number(q[1]) : 1, i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const locale = resolveLocale(tag);
    if (locale) return locale;
  }
  return null;
}

/**
 * The admin's language for a request: Shopify's `locale` parameter (the merchant's admin language) first, then what
 * an earlier page of this session remembered in the cookie, then the browser's languages, then English.
 */
export function detectLocale(input: { param?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Locale {
  return resolveLocale(input.param) ?? resolveLocale(input.cookie) ?? fromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LOCALE;
}

/** Polaris ships its own component strings; these are the files of @shopify/polaris/locales for our locales. */
export const POLARIS_LOCALE: Record<Locale, string> = {
  en: "en",
  "pt-BR": "pt-BR",
  fr: "fr",
  de: "de",
  id: "en", // Polaris has no Indonesian; its few component strings stay English
  "zh-CN": "zh-CN",
  "es-MX": "es",
};
