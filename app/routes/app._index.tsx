import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { shopOverview } from "~/services/overview.server";
import { registerCarrierService } from "~/services/carrier-service-registration.server";
import { connectionsNeedingReconnect } from "~/services/carriers-page.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [overview, reconnect] = await Promise.all([shopOverview(session.shop), connectionsNeedingReconnect(session.shop)]);
  return json({ ...overview, reconnect });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  return json(await registerCarrierService(session.shop, admin));
};

export default function Index() {
  const data = useLoaderData<typeof loader>();
  const retry = useFetcher<typeof action>();
  const cs = data.carrierService;

  return (
    <Page>
      <TitleBar title="Waypost" />
      <BlockStack gap="500">
        {cs.status === "refused" && (
          <Banner tone="critical" title="Shopify did not enable Waypost rates at checkout">
            <BlockStack gap="200">
              <p>{cs.errors?.userErrors?.map((e) => e.message).join("; ")}</p>
              <p>{cs.errors?.advice}</p>
              <Button loading={retry.state !== "idle"} onClick={() => retry.submit({}, { method: "post" })}>
                Retry registration
              </Button>
            </BlockStack>
          </Banner>
        )}
        {cs.status === "error" && (
          <Banner tone="warning" title="Waypost could not reach Shopify to register its rates">
            <BlockStack gap="200">
              <p>{cs.errors?.message}</p>
              <Button loading={retry.state !== "idle"} onClick={() => retry.submit({}, { method: "post" })}>
                Retry registration
              </Button>
            </BlockStack>
          </Banner>
        )}
        {data.reconnect.map((c) => (
          <Banner key={`${c.carrierId}-${c.accountNumber}`} tone="critical" title={`${c.displayName} needs reconnecting`} action={{ content: `Connect ${c.displayName} again`, url: c.href }}>
            <p>{`${c.displayName} no longer accepts Waypost's sign-in for account ${c.accountNumber}. Checkout shows your fallback prices for its services until you connect again.`}</p>
          </Banner>
        ))}
        {data.needsAttention > 0 && (
          <Banner tone="warning" title={`${data.needsAttention} tracking deliveries need attention`} action={{ content: "Open deliveries", url: "/app/deliveries?status=needs_attention" }}>
            <p>Those orders are held until the missing information is added; nothing was sent with a wrong number.</p>
          </Banner>
        )}
        <Layout>
          <Layout.Section>
            <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">Checkout rates</Text>
                  <Badge tone={cs.status === "active" ? "success" : "critical"}>
                    {cs.status === "active" ? "Active" : cs.status === "unregistered" ? "Not registered" : "Not active"}
                  </Badge>
                  <Text as="p" tone="subdued">{data.zones} zones, {data.services} enabled services</Text>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">Rate requests (24 h)</Text>
                  <Text as="p" variant="headingLg">{data.quotes24h.count}</Text>
                  <Text as="p" tone="subdued">
                    p95 {data.quotes24h.p95Ms ?? "—"} ms · {data.quotes24h.withFallback} used a fallback
                  </Text>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">Tracking deliveries</Text>
                  <Text as="p" variant="headingLg">{data.needsAttention}</Text>
                  <Text as="p" tone="subdued">need attention · {data.failed} failed</Text>
                </BlockStack>
              </Card>
            </InlineGrid>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}
