// The rate-request log: the quote log rows behind the home dashboard's figures, newest first, filtered by source,
// fallback used and time window (app/services/dashboard/rate-log.server.ts bounds the work per request).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Box, Card, EmptyState, IndexTable, InlineStack, Page, Pagination, Select, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { authenticate } from "~/shopify.server";
import { getDb } from "~/db.server";
import { useFormat } from "~/i18n/hooks";
import { carrierRegistry } from "~/carriers/registry.server";
import { RateLogFilterSchema, rateLogPage } from "~/services/dashboard/rate-log.server";
import { getShippingSetup } from "~/services/shipping-config.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const filter = RateLogFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!filter.success) throw json({ message: "filter_invalid", fields: filter.error.issues.map((i) => i.path.join(".")) }, { status: 400 });
  const shop = await getDb().shop.findUnique({ where: { domain: session.shop }, select: { id: true } });
  if (!shop) throw json({ message: "unknown_shop" }, { status: 404 });
  const [page, setup] = await Promise.all([rateLogPage(shop.id, filter.data), getShippingSetup(session.shop)]);
  return json({
    filter: filter.data,
    page,
    sourceNames: Object.fromEntries(carrierRegistry.all().map((c) => [c.id, c.displayName])),
    // Zone names for the ids the log stores (a deleted zone shows its id).
    zoneNames: Object.fromEntries((setup?.config.zones ?? []).map((z) => [z.id, z.name])),
  });
};

const EMPTY_STATE_IMAGE = "https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png";
const OUTCOMES = new Set(["ok", "timeout", "error", "deadline", "unavailable", "aborted"]);
const TONES: Record<string, "success" | "warning" | "critical" | undefined> = { ok: "success", timeout: "warning", deadline: "warning", error: "critical", unavailable: "critical" };

export default function RateRequests() {
  const { filter, page, sourceNames, zoneNames } = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const { t } = useTranslation("home");
  const fmt = useFormat();
  const sourceName = (carrier: string) => (carrier === "table" ? t("dashboard.sources.table") : carrier === "cache" ? t("rateLog.cache") : (sourceNames[carrier] ?? carrier));
  const outcome = (o: string) => (OUTCOMES.has(o) ? t(`dashboard.outcomes.${o}`) : o);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("after");
    next.delete("page");
    setParams(next);
  };
  const pageNumber = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const go = (after: string | null) => {
    const next = new URLSearchParams(params);
    if (after) {
      next.set("after", after);
      next.set("page", String(pageNumber + 1));
    } else {
      next.delete("after");
      next.delete("page");
    }
    setParams(next);
  };

  return (
    <Page backAction={{ content: t("common:nav.home"), url: "/app" }}>
      <TitleBar title={t("rateLog.title")} />
      <BlockStack gap="400">
        <Card>
          <InlineStack gap="300" wrap>
            <Select label={t("rateLog.window")} options={windowOptions(t)} value={filter.window} onChange={(v) => set("window", v)} />
            <Select
              label={t("rateLog.source")}
              options={[{ label: t("rateLog.anySource"), value: "" }, ...["table", ...Object.keys(sourceNames), "cache"].map((c) => ({ label: sourceName(c), value: c }))]}
              value={filter.source ?? ""}
              onChange={(v) => set("source", v)}
            />
            <Select
              label={t("rateLog.fallback")}
              options={[{ label: t("rateLog.fallbackAny"), value: "" }, { label: t("rateLog.fallbackYes"), value: "yes" }, { label: t("rateLog.fallbackNo"), value: "no" }]}
              value={filter.fallback ?? ""}
              onChange={(v) => set("fallback", v)}
            />
          </InlineStack>
        </Card>
        <Card padding="0">
          {page.rows.length === 0 && !page.next ? (
            <EmptyState heading={t("rateLog.emptyHeading")} image={EMPTY_STATE_IMAGE}>
              <p>{t("rateLog.emptyBody")}</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: t("rateLog.resourceSingular"), plural: t("rateLog.resourcePlural") }}
              itemCount={page.rows.length}
              selectable={false}
              headings={[{ title: t("rateLog.colTime") }, { title: t("rateLog.colDestination") }, { title: t("rateLog.colSources") }, { title: t("rateLog.colRates"), alignment: "end" }, { title: t("rateLog.colDuration"), alignment: "end" }]}
            >
              {page.rows.map((r, i) => (
                <IndexTable.Row id={r.id} key={r.id} position={i}>
                  <IndexTable.Cell>
                    <BlockStack gap="050">
                      <Text as="span">{fmt.dateTime(r.at)}</Text>
                      {r.requests > 1 && <Text as="span" tone="subdued" variant="bodySm">{t("rateLog.requests", { count: r.requests })}</Text>}
                    </BlockStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <BlockStack gap="050">
                      <Text as="span">{destinationText(r.destination, fmt.country)}</Text>
                      {r.zoneId ? <Text as="span" tone="subdued" variant="bodySm">{t("rateLog.zone", { zone: zoneNames[r.zoneId] ?? r.zoneId })}</Text> : <Text as="span" tone="caution" variant="bodySm">{t("rateLog.noZone")}</Text>}
                    </BlockStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <InlineStack gap="100" wrap>
                      {r.sources.map((s, j) => (
                        <Badge key={j} tone={TONES[s.outcome]}>{t("rateLog.sourceOutcome", { source: sourceName(s.carrier), outcome: outcome(s.outcome) })}</Badge>
                      ))}
                    </InlineStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <BlockStack gap="050" inlineAlign="end">
                      <Text as="span" numeric>{fmt.number(r.rates)}</Text>
                      {r.fallbacks > 0 && <Text as="span" tone="caution" variant="bodySm">{t("rateLog.fallbacks", { count: r.fallbacks })}</Text>}
                    </BlockStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" alignment="end" numeric>{t("dashboard.milliseconds", { value: fmt.number(r.latencyMs, 0) })}</Text>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
          {(page.searchedOnly || page.next || pageNumber > 1) && (
            <Box padding="300" borderBlockStartWidth="025" borderColor="border">
              <BlockStack gap="200" inlineAlign="center">
                {page.searchedOnly && page.searchedBackTo && <Text as="p" tone="subdued">{t("rateLog.searchedBackTo", { time: fmt.dateTime(page.searchedBackTo) })}</Text>}
                <Pagination label={t("products:pageLabel", { page: pageNumber })} hasPrevious={pageNumber > 1} onPrevious={() => go(null)} previousTooltip={t("rateLog.newest")} hasNext={Boolean(page.next)} onNext={() => go(page.next)} nextTooltip={page.searchedOnly ? t("rateLog.searchOn") : t("rateLog.older")} />
              </BlockStack>
            </Box>
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}

const windowOptions = (t: TFunction) => [
  { label: t("dashboard.day"), value: "24h" },
  { label: t("dashboard.week"), value: "7d" },
  { label: t("rateLog.month"), value: "30d" },
];

/** The log keeps "US CA 90210" (country code first, as the rate request had it): the country by name. */
function destinationText(destination: string, country: (code: string) => string): string {
  const [code, ...rest] = destination.split(" ");
  return /^[A-Z]{2}$/.test(code) ? [country(code), ...rest].join(" ") : destination;
}
