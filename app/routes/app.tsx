import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import type { AppProviderProps } from "@shopify/polaris";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useTranslation } from "react-i18next";
import { authenticate } from "~/shopify.server";
import { env } from "~/env.server";
import { getLocale } from "~/i18n/i18next.server";
import { polarisTranslations } from "~/i18n/polaris.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return { apiKey: env().SHOPIFY_API_KEY, polaris: await polarisTranslations(await getLocale(request)) };
};

export default function App() {
  const { apiKey, polaris } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} i18n={polaris as unknown as AppProviderProps["i18n"]}>
      <NavMenu>
        <Link to="/app" rel="home">
          {t("nav.home")}
        </Link>
        <Link to="/app/zones">{t("nav.zones")}</Link>
        <Link to="/app/carriers">{t("nav.carriers")}</Link>
        <Link to="/app/settings">{t("nav.settings")}</Link>
        <Link to="/app/products">{t("nav.products")}</Link>
        <Link to="/app/landed-cost">{t("nav.landedCost")}</Link>
        <Link to="/app/test-shipping">{t("nav.testShipping")}</Link>
        <Link to="/app/channels">{t("nav.channels")}</Link>
        <Link to="/app/deliveries">{t("nav.deliveries")}</Link>
        <Link to="/app/labels">{t("nav.labels")}</Link>
        <Link to="/app/partners">{t("nav.partners")}</Link>
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses, so that their headers are included in the response.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
