// Server side of the admin's language: detection for each request (remix-i18next with our own rule, see
// config.ts detectLocale), the cookie that remembers it, and a per-request i18next instance for rendering.
import { createCookie } from "@remix-run/node";
import { createInstance, type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LOCALE, LOCALES, LOCALE_COOKIE, LOCALE_PARAM, detectLocale, resolveLocale, type Locale } from "./config";
import { i18nOptions } from "./i18n";
import { resources } from "./resources.server";

// The app lives in the admin's iframe: a cookie only reaches it cross-site with SameSite=None; Secure
// (browsers treat http://localhost as secure, so the demo keeps it too).
export const localeCookie = createCookie(LOCALE_COOKIE, { path: "/", sameSite: "none", secure: true, httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

export async function getLocale(request: Request): Promise<Locale> {
  const url = new URL(request.url);
  const cookie = await localeCookie.parse(request.headers.get("Cookie")).catch(() => null);
  return detectLocale({ param: url.searchParams.get(LOCALE_PARAM), cookie: typeof cookie === "string" ? cookie : null, acceptLanguage: request.headers.get("Accept-Language") });
}

/** A Set-Cookie value when the request carries Shopify's locale parameter (so later navigations keep it), else null. */
export async function rememberLocale(request: Request): Promise<string | null> {
  const locale = resolveLocale(new URL(request.url).searchParams.get(LOCALE_PARAM));
  return locale ? localeCookie.serialize(locale) : null;
}

export const remixI18n = new RemixI18Next({
  detection: { supportedLanguages: [...LOCALES], fallbackLanguage: DEFAULT_LOCALE, order: ["custom"], findLocale: getLocale },
  i18next: { ...i18nOptions, resources },
});

/** A fresh instance for one server render (instances hold the language; sharing one would mix requests). */
export async function createRenderI18n(locale: Locale): Promise<i18n> {
  const instance = createInstance();
  await instance.use(initReactI18next).init({ ...i18nOptions, lng: locale, resources });
  return instance;
}

/** A translate function for server code that must produce text (e.g. a title); routes normally return keys. */
export function fixedT(locale: Locale, ns: string) {
  return remixI18n.getFixedT(locale, ns);
}
