// The home dashboard: rate requests over 24 h and 7 days (count, p50/p95 latency, fallbacks and why, one chart per
// source) and tracking deliveries. Charts render in the browser only: Polaris Viz measures its container, which
// does not exist during server rendering; the server renders a skeleton of the same height.
import { useEffect, useState } from "react";
import { Link } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, InlineStack, SkeletonBodyText, Tabs, Text } from "@shopify/polaris";
import { BarChart, PolarisVizProvider } from "@shopify/polaris-viz";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { useFormat } from "~/i18n/hooks";
import type { QuoteWindowStats } from "~/services/dashboard/quote-stats.server";

type Window = Omit<QuoteWindowStats, never>;

export interface DashboardProps {
  rates: { day: Window; week: Window };
  deliveries: { delivered7d: number; retrying: number; needsAttention: number; dead: number };
  /** Carrier id → display name (from the registry). */
  sourceNames: Record<string, string>;
}

// Where each figure's log lives: the rate-request log for the tab's window (filtered to fallbacks, or to one
// source, where the figure is about them), and the delivery log by status.
const rateLog = (window: "24h" | "7d", filter: Record<string, string> = {}) => `/app/rate-requests?${new URLSearchParams({ window, ...filter })}`;
const deliveriesLink = (status: string) => `/app/deliveries?status=${status}`;

// Outcomes and sources the dashboard names (keys under home:dashboard.outcomes / .sources); others show as they came.
const OUTCOMES = new Set(["ok", "timeout", "error", "deadline", "unavailable", "aborted"]);

const outcomeLabel = (t: TFunction, outcome: string) => (OUTCOMES.has(outcome) ? t(`dashboard.outcomes.${outcome}`) : outcome);
const sourceLabel = (t: TFunction, source: string, names: Record<string, string>) => (source === "table" ? t("dashboard.sources.table") : names[source] ?? source);

export function RatesDashboard({ rates, deliveries, sourceNames }: DashboardProps) {
  const [tab, setTab] = useState(0);
  const { t } = useTranslation("home");
  const fmt = useFormat();
  const ms = (value: number | null) => (value === null ? "—" : t("dashboard.milliseconds", { value: fmt.number(value, 0) }));
  const windows = [
    { id: "day", content: t("dashboard.day"), stats: rates.day, log: "24h" as const },
    { id: "week", content: t("dashboard.week"), stats: rates.week, log: "7d" as const },
  ];
  const stats = windows[tab].stats;
  const problems = Object.entries(stats.problems).sort((a, b) => b[1] - a[1]);

  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">{t("dashboard.rateRequests")}</Text>
            <InlineStack gap="300">
              <Link to="/app/test-shipping">{t("dashboard.howRatesAreMade")}</Link>
              <Link to={rateLog(windows[tab].log)}>{t("dashboard.openLog")}</Link>
            </InlineStack>
          </InlineStack>
          <Tabs tabs={windows.map(({ id, content }) => ({ id, content }))} selected={tab} onSelect={setTab} fitted />
          <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
            <Figure label={t("dashboard.requests")} value={fmt.number(stats.count)} href={rateLog(windows[tab].log)} />
            <Figure label={t("dashboard.median")} value={ms(stats.p50Ms)} href={rateLog(windows[tab].log)} />
            <Figure label={t("dashboard.p95")} value={ms(stats.p95Ms)} href={rateLog(windows[tab].log)} />
            <Figure label={t("dashboard.withFallback")} value={fmt.number(stats.withFallback)} href={rateLog(windows[tab].log, { fallback: "yes" })} />
          </InlineGrid>
          {problems.length > 0 ? (
            <BlockStack gap="100">
              <Text as="h3" variant="headingSm">{t("dashboard.whyFallback")}</Text>
              {problems.map(([outcome, n]) => (
                <Link key={outcome} to={rateLog(windows[tab].log, { fallback: "yes" })}>
                  <Text as="p">{t("dashboard.problem", { outcome: outcomeLabel(t, outcome), n: fmt.number(n) })}</Text>
                </Link>
              ))}
            </BlockStack>
          ) : (
            stats.count > 0 && <Text as="p" tone="subdued">{t("dashboard.allAnswered")}</Text>
          )}
          {stats.sources.length === 0 ? (
            <Text as="p" tone="subdued">{t("dashboard.noRequests")}</Text>
          ) : (
            <InlineGrid columns={{ xs: 1, md: Math.min(stats.sources.length, 2) }} gap="400">
              {stats.sources.map((s) => (
                <SourceChart key={`${windows[tab].id}-${s.source}`} series={s} hourly={stats.bucketMs < 86_400_000} name={sourceLabel(t, s.source, sourceNames)} href={rateLog(windows[tab].log, { source: s.source })} />
              ))}
            </InlineGrid>
          )}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">{t("dashboard.trackingDeliveries")}</Text>
            <Link to="/app/deliveries">{t("deliveries.open")}</Link>
          </InlineStack>
          <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
            <Figure label={t("dashboard.delivered7d")} value={fmt.number(deliveries.delivered7d)} href={deliveriesLink("delivered")} />
            <Figure label={t("dashboard.retrying")} value={fmt.number(deliveries.retrying)} href={deliveriesLink("retrying")} tone={deliveries.retrying > 0 ? "caution" : undefined} />
            <Figure label={t("dashboard.needsAttention")} value={fmt.number(deliveries.needsAttention)} href={deliveriesLink("needs_attention")} tone={deliveries.needsAttention > 0 ? "caution" : undefined} />
            <Figure label={t("dashboard.dead")} value={fmt.number(deliveries.dead)} href={deliveriesLink("dead")} tone={deliveries.dead > 0 ? "critical" : undefined} />
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

function SourceChart({ series, hourly, name, href }: { series: QuoteWindowStats["sources"][number]; hourly: boolean; name: string; href: string }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const { t } = useTranslation("home");
  const { locale } = useFormat();
  const outcomes = Object.keys(series.totals).sort((a, b) => (a === "ok" ? -1 : b === "ok" ? 1 : a.localeCompare(b)));
  const label = (ms: number) => new Date(ms).toLocaleString(locale, hourly ? { hour: "numeric" } : { weekday: "short", day: "numeric" });
  const data = outcomes.map((o) => ({
    name: outcomeLabel(t, o),
    data: series.buckets.map((b) => ({ key: label(b.startMs), value: b.outcomes[o] ?? 0 })),
  }));
  return (
    <BlockStack gap="200">
      <Link to={href} style={{ color: "inherit" }}>
        <Text as="h3" variant="headingSm">{name}</Text>
      </Link>
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
