// Carriers: every registered carrier that needs an account, with the shop's connections, status and diagnosis.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineStack, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { carriersOverview } from "~/services/carriers-page.server";
import { StatusBadge } from "~/components/CarrierStatus";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return json({ carriers: await carriersOverview(session.shop) });
};

export default function Carriers() {
  const { carriers } = useLoaderData<typeof loader>();
  return (
    <Page title="Carriers">
      <TitleBar title="Carriers" />
      <BlockStack gap="400">
        {carriers.map((c) => (
          <Card key={c.id}>
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h2" variant="headingMd">{c.displayName}</Text>
                <Link to={c.href}>{c.connections.length > 0 ? `Manage ${c.displayName}` : `Connect ${c.displayName}`}</Link>
              </InlineStack>
              {c.connections.length === 0 && <Text as="p" tone="subdued">Not connected. Services of this carrier answer their fallback prices.</Text>}
              {c.connections.map((x) => (
                <BlockStack gap="100" key={x.id}>
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="span">{`Account ${x.accountNumber}`}</Text>
                    <StatusBadge status={x.status} />
                    <Badge>{x.mode === "production" ? "Production" : "Test"}</Badge>
                    {x.diagnosis?.outcome === "negotiated" && <Badge tone="success">Negotiated rates</Badge>}
                    {x.diagnosis?.outcome === "published_only" && <Badge tone="attention">Published rates only</Badge>}
                  </InlineStack>
                  {(x.diagnosis?.messages ?? []).map((m, i) => (
                    <Text as="p" key={i} tone="caution">{m.message}</Text>
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
