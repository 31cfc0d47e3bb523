// The portal's emails in the recipient's language. The texts live in app/locales/<locale>/portal.json ("email"),
// imported statically rather than through import.meta.glob: these services also run under plain tsx (the demo).
import { createInstance, type TFunction } from "i18next";
import { DEFAULT_LOCALE, resolveLocale, type Locale } from "~/i18n/config";
import de from "~/locales/de/portal.json";
import en from "~/locales/en/portal.json";
import esMX from "~/locales/es-MX/portal.json";
import fr from "~/locales/fr/portal.json";
import id from "~/locales/id/portal.json";
import ptBR from "~/locales/pt-BR/portal.json";
import zhCN from "~/locales/zh-CN/portal.json";

const MESSAGES: Record<Locale, unknown> = { en, "pt-BR": ptBR, fr, de, id, "zh-CN": zhCN, "es-MX": esMX };

const instance = createInstance();
// Plain text mail: nothing to escape. initImmediate false: resources are in memory, so init completes synchronously.
void instance.init({
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  resources: Object.fromEntries(Object.entries(MESSAGES).map(([l, m]) => [l, { portal: m as Record<string, unknown> }])),
  ns: ["portal"],
  defaultNS: "portal",
  interpolation: { escapeValue: false },
  initImmediate: false,
});

/** The first of the candidates that is one of our languages (recipient's first, then the sender's), else English. */
export function mailLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const c of candidates) {
    const l = resolveLocale(c);
    if (l) return l;
  }
  return DEFAULT_LOCALE;
}

export function mailT(locale: Locale): TFunction<"portal"> {
  return instance.getFixedT(locale, "portal");
}
