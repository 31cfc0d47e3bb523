// Zones and rates: the shop's zones in the order checkout evaluates them (lowest priority number first).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { useState } from "react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, IndexTable, InlineStack, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { deleteZone, listZones } from "~/services/zones.server";
import { ZoneOverlapBanner } from "~/components/ZoneOverlapBanner";

const EMPTY_STATE_IMAGE = "https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const data = await listZones(session.shop);
  if (!data) throw new Response("Shop not installed", { status: 404 });
  return json(data);
};

const DeleteRequest = z.object({ intent: z.literal("delete"), zoneId: z.string().min(1).max(40), version: z.coerce.number().int() });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  // A body that is not a form (wrong Content-Type) is a 400 like any other unreadable request, not a 500.
  const form = await request.formData().catch(() => null);
  const parsed = DeleteRequest.safeParse(form ? Object.fromEntries(form) : null);
  if (!parsed.success) return json({ ok: false as const, message: "The request was not understood; reload the page and try again." }, { status: 400 });
  const result = await deleteZone(session.shop, parsed.data);
  if (result.ok) return json({ ok: true as const, message: null });
  const message = result.kind === "invalid" ? result.other.concat(result.errors).map((e) => `${e.path}: ${e.message}`).join("; ") : result.message;
  return json({ ok: false as const, message }, { status: result.kind === "conflict" ? 409 : 400 });
};

export default function Zones() {
  const { zones, version, overlaps } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const remove = useFetcher<typeof action>();
  const [confirming, setConfirming] = useState<{ id: string; name: string } | null>(null);
  const failed = remove.data && !remove.data.ok ? remove.data.message : null;

  const rows = zones.map((z, i) => (
    <IndexTable.Row id={z.id} key={z.id} position={i} onClick={() => navigate(`/app/zones/${z.id}`)}>
      <IndexTable.Cell>
        <Text as="span" fontWeight="semibold">{z.name}</Text>
      </IndexTable.Cell>
      <IndexTable.Cell>{z.priority}</IndexTable.Cell>
      <IndexTable.Cell>
        <span title={z.regionsFull}>
          <Text as="span">{z.regions}</Text>
        </span>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Badge tone={z.enabledServices > 0 ? "success" : "attention"}>{`${z.enabledServices} of ${z.services} enabled`}</Badge>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <div onClick={(e) => e.stopPropagation()}>
          <Button tone="critical" variant="plain" onClick={() => setConfirming({ id: z.id, name: z.name })}>
            Delete
          </Button>
        </div>
      </IndexTable.Cell>
    </IndexTable.Row>
  ));

  return (
    <Page primaryAction={{ content: "Add zone", url: "/app/zones/new" }}>
      <TitleBar title="Zones and rates" />
      <BlockStack gap="400">
        {failed && <Banner tone="critical" title="The zone was not deleted">{failed}</Banner>}
        <ZoneOverlapBanner overlaps={overlaps} />
        {confirming && (
          <Banner tone="warning" title={`Delete the zone “${confirming.name}”?`} onDismiss={() => setConfirming(null)}>
            <BlockStack gap="200">
              <p>Shoppers in its regions will see another zone&apos;s rates, or no Waypost rates at all. This cannot be undone.</p>
              <InlineStack gap="200">
                <Button
                  tone="critical"
                  variant="primary"
                  loading={remove.state !== "idle"}
                  onClick={() => {
                    remove.submit({ intent: "delete", zoneId: confirming.id, version: String(version) }, { method: "post" });
                    setConfirming(null);
                  }}
                >
                  Delete zone
                </Button>
                <Button onClick={() => setConfirming(null)}>Cancel</Button>
              </InlineStack>
            </BlockStack>
          </Banner>
        )}
        <Card padding="0">
          {zones.length === 0 ? (
            <EmptyState heading="No shipping zones yet" action={{ content: "Add zone", url: "/app/zones/new" }} image={EMPTY_STATE_IMAGE}>
              <p>A zone groups the countries, provinces or postal codes that share the same shipping services and prices.</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "zone", plural: "zones" }}
              itemCount={zones.length}
              selectable={false}
              headings={[{ title: "Zone" }, { title: "Priority" }, { title: "Regions" }, { title: "Services" }, { title: "" }]}
            >
              {rows}
            </IndexTable>
          )}
        </Card>
        <Text as="p" tone="subdued">
          Checkout uses the first zone that matches the address, lowest priority number first; when priorities tie, the most specific region wins (postal code over province over country).
        </Text>
      </BlockStack>
    </Page>
  );
}
