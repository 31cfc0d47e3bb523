// Server messages (app/lib/said.ts) as the merchant reads them, in one of the admin's languages, with the app's own
// translations: tests assert the sentence a page would show, not the key.
import i18next from "i18next";
import { i18nOptions } from "~/i18n/i18n";
import { resources } from "~/i18n/resources.server";
import { saidText } from "~/i18n/said";
import type { Said } from "~/lib/said";

/** An i18next instance with the app's translations, in one of the admin's languages. */
export async function i18nFor(locale = "en") {
  const i18n = i18next.createInstance();
  await i18n.init({ ...i18nOptions, lng: locale, resources });
  return i18n;
}

export async function sayIn(locale = "en"): Promise<(said: Said | null | undefined) => string> {
  const i18n = await i18nFor(locale);
  return (said) => (said ? saidText(i18n.t, said, locale) : "");
}
