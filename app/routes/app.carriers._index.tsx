// Carriers: every registered carrier that needs an account, with the shop's connections, status and diagnosis.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineStack, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { carriersOverview } from "~/services/carriers-page.server";
import { StatusBadge } from "~/components/CarrierStatus";
import { useTranslation } from "react-i18next";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return json({ carriers: await carriersOverview(session.shop) });
};

export default function Carriers() {
  const { carriers } = useLoaderData<typeof loader>();
  const { t } = useTranslation("carriers");
  return (
    <Page>
      <TitleBar title={t("title")} />
      <BlockStack gap="400">
        {carriers.map((c) => (
          <Card key={c.id}>
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h2" variant="headingMd">{c.displayName}</Text>
                <Link to={c.href}>{c.connections.length > 0 ? t("manage", { carrier: c.displayName }) : t("connect", { carrier: c.displayName })}</Link>
              </InlineStack>
              {c.connections.length === 0 && <Text as="p" tone="subdued">{t("notConnected")}</Text>}
              {c.connections.map((x) => (
                <BlockStack gap="100" key={x.id}>
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="span">{t("account", { number: x.accountNumber })}</Text>
                    <StatusBadge status={x.status} />
                    <Badge>{x.mode === "production" ? t("production") : t("test")}</Badge>
                    {x.diagnosis?.outcome === "negotiated" && <Badge tone="success">{t("negotiated")}</Badge>}
                    {x.diagnosis?.outcome === "published_only" && <Badge tone="attention">{t("publishedOnly")}</Badge>}
                  </InlineStack>
                  {(x.diagnosis?.messages ?? []).map((m, i) => (
                    <Text as="p" key={i} tone="caution">{t(`diagnosis.${m.code}`, { defaultValue: m.message })}</Text>
                  ))}
                </BlockStack>
              ))}
            </BlockStack>
          </Card>
        ))}
      </BlockStack>
    </Page>
  );
}
