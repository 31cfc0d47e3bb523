// The delivery log: every outbox row with its attempts (request and response as stored, secrets already
// redacted), next retry, and the merchant's actions: retry now, retry all failed for a channel, mark resolved.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Badge, Banner, BlockStack, Box, Button, Card, Collapsible, InlineStack, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { readIntent } from "~/admin/forms/read-form.server";
import { trackingContextFrom } from "~/services/tracking/context.server";
import { DeliveryFilterSchema, listDeliveries, replanReceipt } from "~/services/tracking/delivery-log.server";
import { markResolved, retryAllFailed, retryNow } from "~/services/tracking/outbox.server";
import { useTranslation } from "react-i18next";
import { useFormat, useSay, useSayStored } from "~/i18n/hooks";
import { say } from "~/lib/said";
import { OUTBOX_STATUSES } from "~/domain/tracking/outbox-status";

export const loader = async ({ request, context }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const filter = DeliveryFilterSchema.safeParse(Object.fromEntries(url.searchParams));
  return json(await listDeliveries(trackingContextFrom(context), session.shop, filter.success ? filter.data : { page: 1 }));
};

const id = z.string().min(1).max(255);
const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retry"), id }),
  z.object({ intent: z.literal("resolve"), id }),
  z.object({ intent: z.literal("retry_channel"), channelId: id }),
  z.object({ intent: z.literal("replan"), id }),
]);

export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await readIntent(request, ActionSchema);
  if (!form.ok) return form.response;
  const ctx = trackingContextFrom(context);
  const shop = await ctx.db.shop.findUnique({ where: { domain: session.shop }, select: { id: true } });
  if (!shop) return json({ ok: false, message: "Shop not installed", said: say("common:shopNotInstalled") }, { status: 404 });
  const a = form.intent;
  const res =
    a.intent === "retry"
      ? await retryNow(a.id, { shopId: shop.id, ctx })
      : a.intent === "resolve"
        ? await markResolved(a.id, { shopId: shop.id, ctx })
        : a.intent === "retry_channel"
          ? await retryAllFailed(a.channelId, { shopId: shop.id, ctx })
          : (await replanReceipt(ctx, session.shop, a.id))
            ? ({ ok: true, count: 1 } as const)
            : ({ ok: false, message: "Not found", said: say("deliveries:actions.notFound") } as const);
  // `count` lets the page say it in the merchant's language; `message` stays English for scripts and logs.
  return json(res.ok ? { ok: true, count: res.count, message: `${res.count} deliver${res.count === 1 ? "y" : "ies"} queued or updated` } : { ok: false, message: res.message, said: res.said }, { status: res.ok ? 200 : 409 });
};

const TONES: Record<string, "success" | "critical" | "warning" | "attention" | "info" | undefined> = {
  delivered: "success",
  dead: "critical",
  needs_attention: "warning",
  retrying: "attention",
  in_flight: "info",
};

export default function Deliveries() {
  const data = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const act = useFetcher<typeof action>();
  const [order, setOrder] = useState(params.get("order") ?? "");
  // Back/forward or a link changes the filter: the field follows.
  useEffect(() => setOrder(params.get("order") ?? ""), [params]);
  const setFilter = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete("page");
    setParams(next);
  };
  const channelId = params.get("channelId") ?? "";
  const { t } = useTranslation("deliveries");
  const fmt = useFormat();
  const said = useSay();
  const stored = useSayStored();
  const statusLabel = (status: string) => ((OUTBOX_STATUSES as readonly string[]).includes(status) ? t(`status.${status}`) : status);
  const result = act.data;
  const resultText = result && ("count" in result && typeof result.count === "number" ? t("actions.queued", { count: result.count }) : "said" in result && result.said ? said(result.said) : result.message);
  return (
    <Page backAction={{ content: t("common:nav.channels"), url: "/app/channels" }}>
      <TitleBar title={t("common:nav.deliveries")} />
      <BlockStack gap="400">
        {result && <Banner tone={result.ok ? "success" : "critical"}>{resultText}</Banner>}
        {data.attention > 0 && <Banner tone="warning">{t("attention", { count: data.attention })}</Banner>}
        <Card>
          <InlineStack gap="300" blockAlign="start">
            <Select
              label={t("filters.status")}
              options={[{ label: t("filters.all"), value: "" }, ...OUTBOX_STATUSES.map((s) => ({ label: statusLabel(s), value: s }))]}
              value={params.get("status") ?? ""}
              onChange={(v) => setFilter("status", v)}
            />
            <Select label={t("filters.channel")} options={[{ label: t("filters.all"), value: "" }, ...data.channels.map((c) => ({ label: c.name, value: c.id }))]} value={channelId} onChange={(v) => setFilter("channelId", v)} />
            <div
              onKeyDown={(e) => {
                // Enter applies the order filter (and blur still does, for a merchant who tabs away).
                if (e.key === "Enter") {
                  e.preventDefault();
                  setFilter("order", order.trim());
                }
              }}
            >
              <TextField
                label={t("filters.order")}
                autoComplete="off"
                value={order}
                onChange={setOrder}
                onBlur={() => order.trim() !== (params.get("order") ?? "") && setFilter("order", order.trim())}
                placeholder="#1001"
                clearButton
                onClearButtonClick={() => {
                  setOrder("");
                  setFilter("order", "");
                }}
                helpText={t("filters.orderHelp")}
              />
            </div>
            {channelId && (
              <Button onClick={() => act.submit({ intent: "retry_channel", channelId }, { method: "post" })}>{t("actions.retryChannel")}</Button>
            )}
          </InlineStack>
        </Card>
        {data.deliveries.length === 0 && (
          <Card>
            <Text as="p">{t("empty")}</Text>
          </Card>
        )}
        {data.deliveries.map((d) => (
          <Card key={d.id}>
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="center">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h3" variant="headingSm">{`${d.orderName || d.orderId} → ${d.channelName}`}</Text>
                  <Badge tone={TONES[d.status]}>{statusLabel(d.status)}</Badge>
                  <Text as="span" tone="subdued">{d.trackingValue ? t("delivery.value", { value: d.trackingValue }) : t("delivery.noValue")}</Text>
                </InlineStack>
                <InlineStack gap="200">
                  {["dead", "retrying", "needs_attention", "resolved"].includes(d.status) && (
                    <Button onClick={() => act.submit({ intent: "retry", id: d.id }, { method: "post" })}>{t("actions.retry")}</Button>
                  )}
                  {["dead", "retrying", "needs_attention", "pending"].includes(d.status) && (
                    <Button onClick={() => act.submit({ intent: "resolve", id: d.id }, { method: "post" })}>{t("actions.resolve")}</Button>
                  )}
                </InlineStack>
              </InlineStack>
              {d.lastError && <Text as="p" tone={d.status === "delivered" ? "subdued" : "critical"}>{stored(d.lastError)}</Text>}
              <Text as="p" tone="subdued">
                {[
                  t("delivery.fulfillment", { id: d.fulfillmentId }),
                  t("delivery.attempts", { count: d.attempts }),
                  d.nextAttemptAt ? t("delivery.nextTry", { at: fmt.dateTime(d.nextAttemptAt) }) : null,
                  d.deliveredAt ? t("delivery.deliveredAt", { at: fmt.dateTime(d.deliveredAt) }) : null,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </Text>
              {d.attemptLog.length > 0 && <TechnicalDetails id={d.id} attempts={d.attemptLog} />}
            </BlockStack>
          </Card>
        ))}
        {data.total > data.page * data.pageSize && (
          <Button onClick={() => setFilter("page", String(data.page + 1))}>{t("nextPage")}</Button>
        )}
        {data.failedReceipts.length > 0 && (
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">{t("receipts.title")}</Text>
              {data.failedReceipts.map((r) => (
                <InlineStack key={r.id} align="space-between">
                  <Text as="p">{t("receipts.line", { topic: r.topic, order: r.orderId ?? "?", error: r.error ?? "" })}</Text>
                  <Button onClick={() => act.submit({ intent: "replan", id: r.id }, { method: "post" })}>{t("receipts.retry")}</Button>
                </InlineStack>
              ))}
            </BlockStack>
          </Card>
        )}
        {data.inboundProblems.length > 0 && (
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">{t("inbound.title")}</Text>
              {data.inboundProblems.map((e) => (
                <Text as="p" key={e.id}>{`${fmt.dateTime(e.createdAt)} · ${e.source} · ${e.status ?? ""} · ${e.result.replace("_", " ")}: ${e.detail ?? ""}`}</Text>
              ))}
            </BlockStack>
          </Card>
        )}
      </BlockStack>
    </Page>
  );
}

/** Attempt outcomes with a sentence of their own (deliveries:attempt.*); others show as stored. */
const OUTCOMES = new Set(["delivered", "retry", "dead", "needs_attention"]);

type Attempt = ReturnType<typeof useLoaderData<typeof loader>>["deliveries"][number]["attemptLog"][number];

/** Each attempt in a sentence; the stored request and response (secrets redacted) behind a disclosure. */
function TechnicalDetails({ id, attempts }: { id: string; attempts: Attempt[] }) {
  const [open, setOpen] = useState(false);
  const { t } = useTranslation("deliveries");
  const fmt = useFormat();
  const stored = useSayStored();
  return (
    <BlockStack gap="100">
      <InlineStack>
        <Button variant="plain" disclosure={open ? "up" : "down"} onClick={() => setOpen((o) => !o)} ariaExpanded={open} ariaControls={`attempts-${id}`}>
          {t("technicalDetails")}
        </Button>
      </InlineStack>
      <Collapsible id={`attempts-${id}`} open={open}>
        {attempts.map((a) => (
          <Box key={a.id} paddingBlockStart="200">
            <Text as="p" fontWeight="semibold">{[
                fmt.dateTime(a.startedAt),
                OUTCOMES.has(a.outcome) ? t(`attempt.${a.outcome}`) : a.outcome,
                a.latencyMs === null || a.latencyMs === undefined ? "?" : t("home:dashboard.milliseconds", { value: fmt.number(a.latencyMs, 0) }),
                stored(a.error),
              ]
                .filter(Boolean)
                .join(" · ")}</Text>
            <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontSize: 12 }}>{JSON.stringify({ request: a.request, response: a.response }, null, 2)}</pre>
          </Box>
        ))}
      </Collapsible>
    </BlockStack>
  );
}
