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
import { OUTBOX_STATUSES, OUTBOX_STATUS_LABELS, type OutboxStatus } from "~/domain/tracking/outbox-status";

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
  if (!shop) return json({ ok: false, message: "Shop not installed" }, { status: 404 });
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
            : ({ ok: false, message: "Not found" } as const);
  return json(res.ok ? { ok: true, message: `${res.count} deliver${res.count === 1 ? "y" : "ies"} queued or updated` } : { ok: false, message: res.message }, { status: res.ok ? 200 : 409 });
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
  return (
    <Page backAction={{ content: "Channels", url: "/app/channels" }}>
      <TitleBar title="Deliveries" />
      <BlockStack gap="400">
        {act.data && <Banner tone={act.data.ok ? "success" : "critical"}>{act.data.message}</Banner>}
        {data.attention > 0 && <Banner tone="warning">{`${data.attention} deliver${data.attention === 1 ? "y needs" : "ies need"} your attention.`}</Banner>}
        <Card>
          <InlineStack gap="300" blockAlign="start">
            <Select
              label="Status"
              options={[{ label: "All", value: "" }, ...OUTBOX_STATUSES.map((s) => ({ label: OUTBOX_STATUS_LABELS[s], value: s }))]}
              value={params.get("status") ?? ""}
              onChange={(v) => setFilter("status", v)}
            />
            <Select label="Channel" options={[{ label: "All", value: "" }, ...data.channels.map((c) => ({ label: c.name, value: c.id }))]} value={channelId} onChange={(v) => setFilter("channelId", v)} />
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
                label="Order"
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
                helpText="Press Enter to filter"
              />
            </div>
            {channelId && (
              <Button onClick={() => act.submit({ intent: "retry_channel", channelId }, { method: "post" })}>Retry all failed for this channel</Button>
            )}
          </InlineStack>
        </Card>
        {data.deliveries.length === 0 && (
          <Card>
            <Text as="p">No deliveries match.</Text>
          </Card>
        )}
        {data.deliveries.map((d) => (
          <Card key={d.id}>
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="center">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h3" variant="headingSm">{`${d.orderName || d.orderId} → ${d.channelName}`}</Text>
                  <Badge tone={TONES[d.status]}>{OUTBOX_STATUS_LABELS[d.status as OutboxStatus] ?? d.status}</Badge>
                  <Text as="span" tone="subdued">{d.trackingValue ? `value ${d.trackingValue}` : "no value yet"}</Text>
                </InlineStack>
                <InlineStack gap="200">
                  {["dead", "retrying", "needs_attention", "resolved"].includes(d.status) && (
                    <Button onClick={() => act.submit({ intent: "retry", id: d.id }, { method: "post" })}>Retry now</Button>
                  )}
                  {["dead", "retrying", "needs_attention", "pending"].includes(d.status) && (
                    <Button onClick={() => act.submit({ intent: "resolve", id: d.id }, { method: "post" })}>Mark resolved</Button>
                  )}
                </InlineStack>
              </InlineStack>
              {d.lastError && <Text as="p" tone={d.status === "delivered" ? "subdued" : "critical"}>{d.lastError}</Text>}
              <Text as="p" tone="subdued">
                {`Fulfillment ${d.fulfillmentId} · ${d.attempts} attempt${d.attempts === 1 ? "" : "s"}${d.nextAttemptAt ? ` · next try ${new Date(d.nextAttemptAt).toLocaleString()}` : ""}${d.deliveredAt ? ` · delivered ${new Date(d.deliveredAt).toLocaleString()}` : ""}`}
              </Text>
              {d.attemptLog.length > 0 && <TechnicalDetails id={d.id} attempts={d.attemptLog} />}
            </BlockStack>
          </Card>
        ))}
        {data.total > data.page * data.pageSize && (
          <Button onClick={() => setFilter("page", String(data.page + 1))}>Next page</Button>
        )}
        {data.failedReceipts.length > 0 && (
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">Fulfillment updates that could not be planned</Text>
              {data.failedReceipts.map((r) => (
                <InlineStack key={r.id} align="space-between">
                  <Text as="p">{`${r.topic} · order ${r.orderId ?? "?"} · ${r.error ?? ""}`}</Text>
                  <Button onClick={() => act.submit({ intent: "replan", id: r.id }, { method: "post" })}>Try again</Button>
                </InlineStack>
              ))}
            </BlockStack>
          </Card>
        )}
        {data.inboundProblems.length > 0 && (
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">Carrier events not applied</Text>
              {data.inboundProblems.map((e) => (
                <Text as="p" key={e.id}>{`${new Date(e.createdAt).toLocaleString()} · ${e.source} · ${e.status ?? ""} · ${e.result.replace("_", " ")}: ${e.detail ?? ""}`}</Text>
              ))}
            </BlockStack>
          </Card>
        )}
      </BlockStack>
    </Page>
  );
}

const OUTCOMES: Record<string, string> = { delivered: "Delivered", retry: "Failed, will retry", dead: "Failed permanently", needs_attention: "Needs your attention" };

type Attempt = ReturnType<typeof useLoaderData<typeof loader>>["deliveries"][number]["attemptLog"][number];

/** Each attempt in a sentence; the stored request and response (secrets redacted) behind a disclosure. */
function TechnicalDetails({ id, attempts }: { id: string; attempts: Attempt[] }) {
  const [open, setOpen] = useState(false);
  return (
    <BlockStack gap="100">
      <InlineStack>
        <Button variant="plain" disclosure={open ? "up" : "down"} onClick={() => setOpen((o) => !o)} ariaExpanded={open} ariaControls={`attempts-${id}`}>
          Technical details
        </Button>
      </InlineStack>
      <Collapsible id={`attempts-${id}`} open={open}>
        {attempts.map((a) => (
          <Box key={a.id} paddingBlockStart="200">
            <Text as="p" fontWeight="semibold">{`${new Date(a.startedAt).toLocaleString()} · ${OUTCOMES[a.outcome] ?? a.outcome} · ${a.latencyMs ?? "?"} ms${a.error ? ` · ${a.error}` : ""}`}</Text>
            <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontSize: 12 }}>{JSON.stringify({ request: a.request, response: a.response }, null, 2)}</pre>
          </Box>
        ))}
      </Collapsible>
    </BlockStack>
  );
}
