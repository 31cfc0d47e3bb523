// Zones and rates: the shop's zones in the order checkout evaluates them (lowest priority number first).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { useState } from "react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, IndexTable, InlineStack, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { deleteZone, listZones } from "~/services/zones.server";
import { ZoneOverlapBanner } from "~/components/ZoneOverlapBanner";
import { summarizeRegions, summarizeRegionsShort } from "~/admin/forms/region-summary";
import { useFormat } from "~/i18n/hooks";

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
  if (!parsed.success) return json({ ok: false as const, message: "request_not_understood" }, { status: 400 });
  const result = await deleteZone(session.shop, parsed.data);
  if (result.ok) return json({ ok: true as const, message: null });
  // The page says what happened by kind; the details are for logs and API callers.
  return json({ ok: false as const, message: `delete_failed.${result.kind}` }, { status: result.kind === "conflict" ? 409 : 400 });
};

export default function Zones() {
  const { zones, version, overlaps } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const { t } = useTranslation("zones");
  const fmt = useFormat();
  const remove = useFetcher<typeof action>();
  const [confirming, setConfirming] = useState<{ id: string; name: string } | null>(null);
  const failed = remove.data && !remove.data.ok ? t(`list.${remove.data.message}`, { defaultValue: t("list.delete_failed.other") }) : null;

  const rows = zones.map((z, i) => (
    <IndexTable.Row id={z.id} key={z.id} position={i} onClick={() => navigate(`/app/zones/${z.id}`)}>
      <IndexTable.Cell>
        <Text as="span" fontWeight="semibold">{z.name}</Text>
      </IndexTable.Cell>
      <IndexTable.Cell>{z.priority}</IndexTable.Cell>
      <IndexTable.Cell>
        {/* One short line (the zone page lists every region); the full list in the tooltip. */}
        <span title={summarizeRegions(z.regions, fmt.country, t)}>
          <Text as="span">{summarizeRegionsShort(z.regions, fmt.country, t)}</Text>
        </span>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Badge tone={z.enabledServices > 0 ? "success" : "attention"}>{t("list.servicesEnabled", { count: z.services, enabled: z.enabledServices })}</Badge>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <div onClick={(e) => e.stopPropagation()}>
          <Button tone="critical" variant="plain" onClick={() => setConfirming({ id: z.id, name: z.name })}>
            {t("common:delete")}
          </Button>
        </div>
      </IndexTable.Cell>
    </IndexTable.Row>
  ));

  return (
    <Page primaryAction={{ content: t("list.addZone"), url: "/app/zones/new" }}>
      <TitleBar title={t("list.title")} />
      <BlockStack gap="400">
        {failed && <Banner tone="critical" title={t("list.notDeleted")}>{failed}</Banner>}
        <ZoneOverlapBanner overlaps={overlaps} />
        {confirming && (
          <Banner tone="warning" title={t("list.confirmDelete", { name: confirming.name })} onDismiss={() => setConfirming(null)}>
            <BlockStack gap="200">
              <p>{t("list.confirmDeleteHelp")}</p>
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
                  {t("list.deleteZone")}
                </Button>
                <Button onClick={() => setConfirming(null)}>{t("common:cancel")}</Button>
              </InlineStack>
            </BlockStack>
          </Banner>
        )}
        <Card padding="0">
          {zones.length === 0 ? (
            <EmptyState heading={t("list.emptyHeading")} action={{ content: t("list.addZone"), url: "/app/zones/new" }} image={EMPTY_STATE_IMAGE}>
              <p>{t("list.emptyBody")}</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: t("list.resourceSingular"), plural: t("list.resourcePlural") }}
              itemCount={zones.length}
              selectable={false}
              headings={[{ title: t("list.colZone") }, { title: t("list.colPriority") }, { title: t("list.colRegions") }, { title: t("list.colServices") }, { title: "" }]}
            >
              {rows}
            </IndexTable>
          )}
        </Card>
        <Text as="p" tone="subdued">
          {t("list.orderHelp")}
        </Text>
      </BlockStack>
    </Page>
  );
}
