// Polaris's own component strings ("Loading", "Dismiss", pagination labels) in the admin's language.
import type { Locale } from "./config";
import { POLARIS_LOCALE } from "./config";

type Translations = Record<string, unknown>;
const LOADERS: Record<string, () => Promise<{ default: Translations }>> = {
  en: () => import("@shopify/polaris/locales/en.json"),
  "pt-BR": () => import("@shopify/polaris/locales/pt-BR.json"),
  fr: () => import("@shopify/polaris/locales/fr.json"),
  de: () => import("@shopify/polaris/locales/de.json"),
  "zh-CN": () => import("@shopify/polaris/locales/zh-CN.json"),
  es: () => import("@shopify/polaris/locales/es.json"),
};

export async function polarisTranslations(locale: Locale): Promise<Translations> {
  return (await (LOADERS[POLARIS_LOCALE[locale]] ?? LOADERS.en)()).default;
}
