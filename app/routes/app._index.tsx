// Home: the setup guide (until dismissed, and again whenever something breaks), problems that stop rates at
// checkout, the zone-overlap warning, and the dashboard of rate requests and tracking deliveries.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import polarisVizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { shopOverview } from "~/services/overview.server";
import { registerCarrierService } from "~/services/carrier-service-registration.server";
import { GuideIntent, applyGuideIntent } from "~/services/setup-guide.server";
import { SetupGuide } from "~/components/SetupGuide";
import { RatesDashboard } from "~/components/RatesDashboard";
import { ZoneOverlapBanner } from "~/components/ZoneOverlapBanner";
import { LabelAlertsBanner } from "~/components/LabelAlertsBanner";
import { useTranslation } from "react-i18next";

export const links = () => [{ rel: "stylesheet", href: polarisVizStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  return json(await shopOverview(session.shop, admin));
};

const HomeIntent = z.object({ intent: z.union([GuideIntent, z.literal("register")]).default("register") });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  // No body (the registration retry button) means "register"; a body must name a known intent.
  const text = await request.text().catch(() => "");
  const parsed = HomeIntent.safeParse(Object.fromEntries(new URLSearchParams(text)));
  if (!parsed.success) return json({ status: "bad_request" as const, message: "The request was not understood; reload the page and try again." }, { status: 400 });
  if (parsed.data.intent === "register") return json(await registerCarrierService(session.shop, admin));
  await applyGuideIntent(session.shop, parsed.data.intent);
  return json({ status: "saved" as const });
};

export default function Index() {
  const data = useLoaderData<typeof loader>();
  const retry = useFetcher<typeof action>();
  const show = useFetcher();
  const cs = data.carrierService;
  const { guide } = data;
  const ready = data.checkoutReady;
  const { t } = useTranslation("home");
  const ratesBadge = ready ? "active" : cs.status === "unregistered" ? "unregistered" : cs.status === "active" ? "noZone" : "inactive";

  return (
    <Page>
      <TitleBar title="Waypost" />
      <BlockStack gap="500">
        {cs.status === "refused" && (
          <Banner tone="critical" title={t("registration.refused")}>
            <BlockStack gap="200">
              <p>{cs.errors?.userErrors?.map((e) => e.message).join("; ")}</p>
              <p>{cs.errors?.advice}</p>
              <InlineStack>
                <Button loading={retry.state !== "idle"} onClick={() => retry.submit({}, { method: "post" })}>
                  {t("registration.retry")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Banner>
        )}
        {cs.status === "error" && (
          <Banner tone="warning" title={t("registration.unreachable")}>
            <BlockStack gap="200">
              <p>{cs.errors?.message}</p>
              <InlineStack>
                <Button loading={retry.state !== "idle"} onClick={() => retry.submit({}, { method: "post" })}>
                  {t("registration.retry")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Banner>
        )}
        {guide.facts.carriers.needsReconnect.map((c) => (
          <Banner key={`${c.carrierId}-${c.href}`} tone="critical" title={t("reconnect.title", { carrier: c.displayName })} action={{ content: t("reconnect.action", { carrier: c.displayName }), url: c.href }}>
            <p>{t("reconnect.body", { carrier: c.displayName })}</p>
          </Banner>
        ))}
        {guide.zonesWithoutServices.length > 0 && (
          <Banner tone="critical" title={t("zonesWithoutServices.title")}>
            <BlockStack gap="100">
              {guide.zonesWithoutServices.map((z) => (
                <InlineStack key={z.id} gap="200" blockAlign="center">
                  <Text as="span">{t("zonesWithoutServices.zone", { zone: z.name })}</Text>
                  <Button variant="plain" url={`/app/zones/${z.id}`}>{t("zonesWithoutServices.add")}</Button>
                </InlineStack>
              ))}
            </BlockStack>
          </Banner>
        )}
        <ZoneOverlapBanner overlaps={data.overlaps} />
        <LabelAlertsBanner alerts={data.labelAlerts} openLabels />
        {data.deliveries.needsAttention > 0 && (
          <Banner tone="warning" title={t("deliveries.needsAttention", { count: data.deliveries.needsAttention })} action={{ content: t("deliveries.open"), url: "/app/deliveries?status=needs_attention" }}>
            <p>{t("deliveries.held")}</p>
          </Banner>
        )}
        {guide.visible ? (
          <SetupGuide guide={guide} connectable={data.connectable} />
        ) : (
          <InlineStack align="end">
            <Button variant="plain" loading={show.state !== "idle"} onClick={() => show.submit({ intent: "show" }, { method: "post" })}>
              {t("guide.show")}
            </Button>
          </InlineStack>
        )}
        <Card>
          <InlineStack align="space-between" blockAlign="center" gap="200">
            <BlockStack gap="100">
              <Text as="h2" variant="headingMd">{t("checkoutRates.title")}</Text>
              <Text as="p" tone="subdued">{t("checkoutRates.summary", { zones: t("checkoutRates.zones", { count: data.zones }), services: t("checkoutRates.services", { count: data.services }) })}</Text>
            </BlockStack>
            <div>
              <Badge tone={ready ? "success" : "critical"}>
                {t(`checkoutRates.status.${ratesBadge}`)}
              </Badge>
            </div>
          </InlineStack>
        </Card>
        <RatesDashboard rates={data.rates} deliveries={data.deliveries} sourceNames={data.sourceNames} />
      </BlockStack>
    </Page>
  );
}
