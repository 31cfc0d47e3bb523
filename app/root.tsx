import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData } from "@remix-run/react";
import { useChangeLanguage } from "remix-i18next/react";
import { LOCALE_PARAM } from "./i18n/config";
import { getLocale } from "./i18n/i18next.server";

export const loader = async ({ request }: LoaderFunctionArgs) => ({ locale: await getLocale(request) });

// The language only changes when Shopify opens the app with another `locale`; other navigations keep it.
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  currentUrl.searchParams.get(LOCALE_PARAM) !== nextUrl.searchParams.get(LOCALE_PARAM) && nextUrl.searchParams.has(LOCALE_PARAM)
    ? defaultShouldRevalidate
    : false;

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  useChangeLanguage(locale);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="preconnect" href="https://cdn.shopify.com/" />
        <link rel="stylesheet" href="https://cdn.shopify.com/static/fonts/inter/v4/styles.css" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
