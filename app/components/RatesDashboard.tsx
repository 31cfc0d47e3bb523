// The home dashboard: rate requests over 24 h and 7 days (count, p50/p95 latency, fallbacks and why, one chart per
// source) and tracking deliveries. Charts render in the browser only: Polaris Viz measures its container, which
// does not exist during server rendering; the server renders a skeleton of the same height.
import { useEffect, useState } from "react";
import { Link } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, InlineStack, SkeletonBodyText, Tabs, Text } from "@shopify/polaris";
import { BarChart, PolarisVizProvider } from "@shopify/polaris-viz";
import type { QuoteWindowStats } from "~/services/dashboard/quote-stats.server";

type Window = Omit<QuoteWindowStats, never>;

export interface DashboardProps {
  rates: { day: Window; week: Window };
  deliveries: { delivered7d: number; retrying: number; needsAttention: number; dead: number };
}

// Where each figure's log lives. Rate requests have no log page of their own yet; Test your shipping shows how a
// rate is made (zone, sources, fallbacks), the closest existing page.
const RATE_LOG = "/app/test-shipping";
const deliveriesLink = (status: string) => `/app/deliveries?status=${status}`;

const OUTCOME_LABELS: Record<string, string> = {
  ok: "Answered",
  timeout: "Timed out",
  error: "Carrier error",
  deadline: "Out of time",
  unavailable: "Not connected",
  aborted: "Cancelled",
};

const SOURCE_LABELS: Record<string, string> = { table: "Your rate tables", ups: "UPS", usps: "USPS" };

export function RatesDashboard({ rates, deliveries }: DashboardProps) {
  const [tab, setTab] = useState(0);
  const windows = [
    { id: "day", content: "Last 24 hours", stats: rates.day },
    { id: "week", content: "Last 7 days", stats: rates.week },
  ];
  const stats = windows[tab].stats;
  const problems = Object.entries(stats.problems).sort((a, b) => b[1] - a[1]);

  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">Rate requests</Text>
            <Link to={RATE_LOG}>How rates are made</Link>
          </InlineStack>
          <Tabs tabs={windows.map(({ id, content }) => ({ id, content }))} selected={tab} onSelect={setTab} fitted />
          <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
            <Figure label="Requests" value={String(stats.count)} href={RATE_LOG} />
            <Figure label="Median time" value={stats.p50Ms === null ? "—" : `${stats.p50Ms} ms`} href={RATE_LOG} />
            <Figure label="95th percentile" value={stats.p95Ms === null ? "—" : `${stats.p95Ms} ms`} href={RATE_LOG} />
            <Figure label="Used a fallback price" value={String(stats.withFallback)} href={RATE_LOG} />
          </InlineGrid>
          {problems.length > 0 ? (
            <BlockStack gap="100">
              <Text as="h3" variant="headingSm">Why fallback prices were used</Text>
              {problems.map(([outcome, n]) => (
                <Text as="p" key={outcome}>{`${OUTCOME_LABELS[outcome] ?? outcome}: ${n}`}</Text>
              ))}
            </BlockStack>
          ) : (
            stats.count > 0 && <Text as="p" tone="subdued">Every source answered in time.</Text>
          )}
          {stats.sources.length === 0 ? (
            <Text as="p" tone="subdued">No rate requests in this period. They appear here once shoppers reach checkout.</Text>
          ) : (
            <InlineGrid columns={{ xs: 1, md: Math.min(stats.sources.length, 2) }} gap="400">
              {stats.sources.map((s) => (
                <SourceChart key={`${windows[tab].id}-${s.source}`} series={s} hourly={stats.bucketMs < 86_400_000} />
              ))}
            </InlineGrid>
          )}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">Tracking deliveries</Text>
            <Link to="/app/deliveries">Open deliveries</Link>
          </InlineStack>
          <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
            <Figure label="Delivered (7 days)" value={String(deliveries.delivered7d)} href={deliveriesLink("delivered")} />
            <Figure label="Retrying" value={String(deliveries.retrying)} href={deliveriesLink("retrying")} tone={deliveries.retrying > 0 ? "caution" : undefined} />
            <Figure label="Needs attention" value={String(deliveries.needsAttention)} href={deliveriesLink("needs_attention")} tone={deliveries.needsAttention > 0 ? "caution" : undefined} />
            <Figure label="Failed for good" value={String(deliveries.dead)} href={deliveriesLink("dead")} tone={deliveries.dead > 0 ? "critical" : undefined} />
          </InlineGrid>
        </BlockStack>
      </Card>
    </BlockStack>
  );
}

function Figure({ label, value, href, tone }: { label: string; value: string; href: string; tone?: "caution" | "critical" }) {
  return (
    <Link to={href} style={{ color: "inherit", textDecoration: "none" }} data-figure={label}>
      <BlockStack gap="050">
        <Text as="span" tone="subdued" variant="bodySm">{label}</Text>
        <Text as="span" variant="headingLg" tone={tone}>{value}</Text>
      </BlockStack>
    </Link>
  );
}

function SourceChart({ series, hourly }: { series: QuoteWindowStats["sources"][number]; hourly: boolean }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const outcomes = Object.keys(series.totals).sort((a, b) => (a === "ok" ? -1 : b === "ok" ? 1 : a.localeCompare(b)));
  const label = (ms: number) => new Date(ms).toLocaleString(undefined, hourly ? { hour: "numeric" } : { weekday: "short", day: "numeric" });
  const data = outcomes.map((o) => ({
    name: OUTCOME_LABELS[o] ?? o,
    data: series.buckets.map((b) => ({ key: label(b.startMs), value: b.outcomes[o] ?? 0 })),
  }));
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">{SOURCE_LABELS[series.source] ?? series.source}</Text>
      <div style={{ height: 220 }} data-chart={series.source}>
        {mounted ? (
          <PolarisVizProvider defaultTheme="Light">
            <BarChart data={data} type="stacked" isAnimated={false} showLegend />
          </PolarisVizProvider>
        ) : (
          <SkeletonBodyText lines={6} />
        )}
      </div>
    </BlockStack>
  );
}
