// Labels: pick open orders, buy USPS labels in a batch (progress survives reload; the postage quoted before buying
// is kept per label), print (fetched by the page, so the session token goes with it), void, reports and
// reconciliation, carrier alerts. Every message from the services is a key the page translates.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Badge, Banner, BlockStack, Box, Button, Card, Checkbox, InlineGrid, InlineStack, Page, Select, Text, TextField } from "@shopify/polaris";
import { DecimalField } from "~/admin/ui/DecimalField";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { readIntent } from "~/admin/forms/read-form.server";
import { PickFilterSchema } from "~/domain/labels/pick";
import { createLabelBatch } from "~/services/labels/batches.server";
import { labelContext } from "~/services/labels/context.server";
import { labelsPage, type LabelsPageData } from "~/services/labels/page.server";
import { voidLabel } from "~/services/labels/void.server";
import { useTranslation } from "react-i18next";
import { useFormat, useSay } from "~/i18n/hooks";
import type { Said } from "~/lib/said";
import { labelMessage, type LabelMessage } from "~/domain/labels/messages";
import { LabelAlertsBanner } from "~/components/LabelAlertsBanner";
import { PrintButton } from "~/components/PrintButton";
import { formatLengthField, formatWeightField, parseLengthField, parseWeightField } from "~/admin/forms/form-units";

const ReportSchema = z.enum(["day", "batch", "month"]).catch("day");

/** The edited packages travel as one JSON field; anything unreadable is handed on as-is for the batch's zod check to refuse (400). */
function parsePackages(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function shopOf(domain: string) {
  const ctx = labelContext();
  const shop = await ctx.db.shop.findUnique({ where: { domain }, select: { id: true, domain: true } });
  return { ctx, shop };
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { ctx, shop } = await shopOf(session.shop);
  if (!shop) throw new Response("Shop not installed", { status: 404 });
  const url = new URL(request.url);
  const report = ReportSchema.parse(url.searchParams.get("report") ?? "day");
  const filter = PickFilterSchema.parse(Object.fromEntries([...url.searchParams].filter(([k, v]) => v !== "" && ["country", "service", "channel", "minGrams", "maxGrams"].includes(k))));
  return json(await labelsPage(ctx, shop, { ...filter, report }));
};

const id = z.string().min(1).max(64);
const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("buy"), ids: z.string().max(20_000), serviceCode: z.string().max(60).default(""), signature: z.string().optional(), insurance: z.string().optional(), notifyCustomer: z.string().optional(), mailingDate: z.string().max(40).optional(), labelFormat: z.enum(["PDF", "ZPL"]).default("PDF"), packages: z.string().max(200_000).default("[]") }),
  z.object({ intent: z.literal("void"), id }),
  z.object({ intent: z.literal("reship"), id }),
]);

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await readIntent(request, ActionSchema);
  if (!form.ok) return form.response;
  const { ctx, shop } = await shopOf(session.shop);
  if (!shop) return json({ ok: false, error: labelMessage("error.notInstalled") }, { status: 404 });
  const a = form.intent;
  if (a.intent === "buy") {
    const r = await createLabelBatch(ctx, shop, {
      fulfillmentOrderIds: a.ids.split(",").filter(Boolean),
      serviceCode: a.serviceCode,
      signature: a.signature === "on",
      insurance: a.insurance === "on",
      notifyCustomer: a.notifyCustomer === "on",
      ...(a.mailingDate ? { mailingDate: a.mailingDate } : {}),
      labelFormat: a.labelFormat,
      packages: parsePackages(a.packages),
    });
    if (!r.ok) return json({ ok: false, error: r.error, skipped: r.skipped ?? [] }, { status: r.status });
    const notices: LabelMessage[] = [labelMessage("done.queued", { count: r.queued })];
    if (r.quoted) notices.push(labelMessage("done.quoted", { count: r.quoted.labels, amountMinor: r.quoted.amount, currency: r.quoted.currency }));
    return json({ ok: true, intent: a.intent, notices, skipped: r.skipped, refused: r.refused });
  }
  const r = await voidLabel(ctx, shop, a.id, { reship: a.intent === "reship" });
  if (!r.ok) return json({ ok: false, error: r.error, skipped: [] }, { status: r.status });
  const notices: LabelMessage[] = [r.status === "voided" ? labelMessage("done.voided") : r.disputeId ? labelMessage("done.refundRequested", { id: r.disputeId }) : labelMessage("done.refundPending")];
  if (r.newLabelId) notices.push(labelMessage("done.reshipping"));
  if (r.note) notices.push(r.note);
  return json({ ok: true, intent: a.intent, notices, skipped: [] });
};

// USPS postage is in US dollars.
const POSTAGE_CURRENCY = "USD";
const LABEL_STATUSES = new Set(["fulfilled", "bought", "failed", "address_failed", "retrying", "voided", "void_requested"]);
const TONE: Record<string, "success" | "critical" | "warning" | "attention" | "info" | undefined> = { fulfilled: "success", bought: "info", failed: "critical", address_failed: "warning", retrying: "attention", voided: undefined, void_requested: "attention" };

export default function Labels() {
  const data = useLoaderData() as LabelsPageData;
  const { t } = useTranslation("labels");
  const fmt = useFormat();
  const money = (minor: number | null) => (minor === null ? "—" : fmt.money(minor, POSTAGE_CURRENCY));
  const [params, setParams] = useSearchParams();
  const act = useFetcher<typeof action>();
  // Every answer of the action has this shape; readIntent's own refusals carry only `message`.
  const answer = act.data as ({ ok: true; notices: LabelMessage[]; skipped: { reason: LabelMessage }[]; refused?: number } | { ok: false; error?: LabelMessage; message?: string; said?: Said; skipped?: { reason: LabelMessage }[] }) | undefined;
  const skipped = answer?.skipped ?? [];
  // A message from the server: our sentence translated, then the carrier's or Shopify's own words as they came.
  const say = useSay();
  const [printError, setPrintError] = useState<string | null>(null);
  const printFailed = (status: number | null) => setPrintError(status === 404 ? t("print.nothing") : t("print.failed"));
  const revalidator = useRevalidator();
  const [picked, setPicked] = useState<string[]>([]);
  // Only orders still open can be bought: a bought order leaves the list, and one whose label was voided comes back
  // unticked (a stale tick would buy it again with the next batch).
  const pickedOpen = picked.filter((id) => data.orders.some((o) => o.id === id));
  const [service, setService] = useState("");
  const [signature, setSignature] = useState(false);
  const [insurance, setInsurance] = useState(false);
  const [notify, setNotify] = useState(true);
  const [mailingDate, setMailingDate] = useState(data.defaultMailingDate);
  const [format, setFormat] = useState("PDF");
  const running = data.batches.some((b) => b.pending > 0);
  useEffect(() => {
    if (act.state === "idle" && act.data?.ok && "intent" in act.data && act.data.intent === "buy") setPicked([]);
  }, [act.state, act.data]);
  const serviceName = (code: string) => data.services.find((s) => s.code === code)?.name ?? code.replace(/_/g, " ");
  // Progress comes from the database, so a reload shows the same n of N; while a batch runs, poll it.
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2_000);
    return () => clearInterval(t);
  }, [running, revalidator]);
  // Edited packages, as typed (lb and in: USPS's units); only picked orders that were edited are sent.
  const [boxes, setBoxes] = useState<Record<string, { weight: string; l: string; w: string; h: string }>>({});
  const setFilter = (key: string, v: string) => setParams((p) => { const n = new URLSearchParams(p); if (v) n.set(key, v); else n.delete(key); return n; });
  const gramsParam = (key: string) => { const v = Number(params.get(key)); return Number.isFinite(v) && v > 0 ? v : null; };
  const setWeightFilter = (key: string, v: string) => { const parsed = parseWeightField(v, "lb"); if (parsed.ok) setFilter(key, parsed.value ? String(parsed.value) : ""); };
  const editedPackages = () =>
    Object.entries(boxes)
      .filter(([id]) => pickedOpen.includes(id))
      .map(([fulfillmentOrderId, b]) => {
        const [grams, l, w, h] = [parseWeightField(b.weight, "lb"), parseLengthField(b.l, "in"), parseLengthField(b.w, "in"), parseLengthField(b.h, "in")].map((r) => (r.ok ? r.value : undefined));
        return { fulfillmentOrderId, grams, dimensionsMm: { l, w, h } };
      });
  const toggle = (foId: string) => setPicked((p) => (p.includes(foId) ? p.filter((x) => x !== foId) : [...p, foId]));
  const buy = () => act.submit({ intent: "buy", ids: pickedOpen.join(","), serviceCode: service, ...(signature ? { signature: "on" } : {}), ...(insurance ? { insurance: "on" } : {}), ...(notify ? { notifyCustomer: "on" } : {}), mailingDate, labelFormat: format, packages: JSON.stringify(editedPackages()) }, { method: "post" });
  return (
    <Page>
      <TitleBar title={t("common:nav.labels")} />
      <BlockStack gap="400">
        {answer && (
          <Banner tone={answer.ok ? "success" : "critical"}>
            <BlockStack gap="100">
              <Text as="p">{answer.ok ? answer.notices.map(say).join(" ") : answer.error ? say(answer.error) : answer.said ? say(answer.said) : answer.message}</Text>
              {skipped.length > 0 && <Text as="p">{t("done.skipped", { count: skipped.length, reasons: skipped.map((x) => say(x.reason)).join("; ") })}</Text>}
            </BlockStack>
          </Banner>
        )}
        {printError && <Banner tone="critical" onDismiss={() => setPrintError(null)}>{printError}</Banner>}
        <LabelAlertsBanner alerts={data.alerts} />
        {answer?.ok && answer.refused ? <Banner tone="warning">{t("buy.refused", { count: answer.refused })}</Banner> : null}
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">{t("orders.title")}</Text>
            {data.ordersError && <Banner tone="warning">{say(data.ordersError)}</Banner>}
            <InlineGrid columns={{ xs: 1, sm: 2, md: 5 }} gap="300">
              <TextField label={t("orders.country")} value={params.get("country") ?? ""} onChange={(v) => setFilter("country", v.toUpperCase())} autoComplete="off" />
              <Select label={t("orders.filterService")} options={[{ label: t("orders.any"), value: "" }, ...data.filterChoices.services.map((v) => ({ label: serviceName(v), value: v }))]} value={params.get("service") ?? ""} onChange={(v) => setFilter("service", v)} />
              <Select label={t("orders.filterChannel")} options={[{ label: t("orders.any"), value: "" }, ...data.filterChoices.channels.map((v) => ({ label: v, value: v }))]} value={params.get("channel") ?? ""} onChange={(v) => setFilter("channel", v)} />
              <DecimalField label={t("orders.minWeight")} value={formatWeightField(gramsParam("minGrams"), "lb")} onChange={(v) => setWeightFilter("minGrams", v)} />
              <DecimalField label={t("orders.maxWeight")} value={formatWeightField(gramsParam("maxGrams"), "lb")} onChange={(v) => setWeightFilter("maxGrams", v)} />
            </InlineGrid>
            {data.orders.length === 0 && <Text as="p">{t("orders.empty")}</Text>}
            {data.orders.map((o) => {
              const box = boxes[o.id] ?? { weight: formatWeightField(o.grams, "lb"), l: formatLengthField(o.dimensionsMm.l, "in"), w: formatLengthField(o.dimensionsMm.w, "in"), h: formatLengthField(o.dimensionsMm.h, "in") };
              const edit = (field: keyof typeof box) => (v: string) => setBoxes((b) => ({ ...b, [o.id]: { ...box, [field]: v } }));
              return (
                // The order on one line, its package's four fields in an aligned row under it (indented to the label).
                <BlockStack key={o.id} gap="100">
                  <Checkbox label={t("orders.line", { order: o.orderName, destination: [o.destination, fmt.country(o.country)].filter(Boolean).join(", "), items: t("orders.items", { count: o.items }), service: o.service ? serviceName(o.service) : t("orders.noService"), channel: o.channel })} checked={pickedOpen.includes(o.id)} onChange={() => toggle(o.id)} />
                  <Box paddingInlineStart="600">
                    <InlineGrid columns={{ xs: 2, md: 4 }} gap="200">
                      <DecimalField label={t("package.weight")} value={box.weight} onChange={edit("weight")} />
                      <DecimalField label={t("package.length")} value={box.l} onChange={edit("l")} />
                      <DecimalField label={t("package.width")} value={box.w} onChange={edit("w")} />
                      <DecimalField label={t("package.height")} value={box.h} onChange={edit("h")} />
                    </InlineGrid>
                  </Box>
                </BlockStack>
              );
            })}
            <InlineStack gap="300" blockAlign="end">
              <Select label={t("buy.service")} options={[{ label: t("buy.asChosen"), value: "" }, ...data.services.map((s) => ({ label: s.name, value: s.code }))]} value={service} onChange={setService} />
              <TextField label={t("buy.mailingDate")} value={mailingDate} onChange={setMailingDate} autoComplete="off" />
              <Select label={t("buy.format")} options={[{ label: t("buy.formatPdf"), value: "PDF" }, { label: t("buy.formatZpl"), value: "ZPL" }]} value={format} onChange={setFormat} />
              <Checkbox label={t("buy.signature")} checked={signature} onChange={setSignature} />
              <Checkbox label={t("buy.insurance")} checked={insurance} onChange={setInsurance} />
              <Checkbox label={t("buy.notify")} checked={notify} onChange={setNotify} />
              <Button variant="primary" disabled={pickedOpen.length === 0} loading={act.state !== "idle"} onClick={buy}>{t("buy.submit", { count: pickedOpen.length })}</Button>
            </InlineStack>
          </BlockStack>
        </Card>
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">{t("batches.title")}</Text>
            {data.batches.length === 0 && <Text as="p" tone="subdued">{t("batches.empty")}</Text>}
            {data.batches.map((b) => (
              <InlineStack key={b.id} gap="300" blockAlign="center">
                <Text as="span">{[
                  t("batches.bought", { count: b.total, bought: b.bought, at: fmt.dateTime(b.createdAt), mailing: b.mailingDate }),
                  b.quoted ? t("batches.quoted", { count: b.quoted.labels, amount: fmt.money(b.quoted.amount, b.quoted.currency) }) : null,
                  b.failed ? t("batches.failed", { count: b.failed }) : null,
                  b.pending ? (b.nextAttemptAt ? t("batches.pendingBy", { count: b.pending, time: fmt.time(b.nextAttemptAt) }) : t("batches.pending", { count: b.pending })) : null,
                ]
                  .filter(Boolean)
                  .join(t("batches.separator"))}</Text>
                {b.bought > 0 && (b.labelFormat === "ZPL" ? <PrintButton url={`/app/labels/print?what=zpl&batchId=${b.id}`} filename="labels.zpl" download onError={printFailed}>{t("batches.printZpl")}</PrintButton> : <PrintButton url={`/app/labels/pdf?batchId=${b.id}`} filename="labels.pdf" onError={printFailed}>{t("batches.print")}</PrintButton>)}
                {b.bought > 0 && <PrintButton url={`/app/labels/print?what=slips&batchId=${b.id}`} filename="packing-slips.pdf" onError={printFailed}>{t("batches.slips")}</PrintButton>}
              </InlineStack>
            ))}
          </BlockStack>
        </Card>
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">{t("common:nav.labels")}</Text>
            {data.labels.length === 0 && <Text as="p" tone="subdued">{t("labels.empty")}</Text>}
            {data.labels.map((l) => (
              <InlineStack key={l.id} gap="300" blockAlign="center">
                <Badge tone={TONE[l.status]}>{LABEL_STATUSES.has(l.status) ? t(`status.${l.status}`) : l.status}</Badge>
                <Text as="span">{`${l.orderName} ${serviceName(l.serviceCode)} ${l.trackingNumber ?? ""} ${money(l.charged)}`}</Text>
                {l.quoted !== null && <Text as="span" tone={l.flagged ? "critical" : "subdued"}>{t(l.flagged ? "labels.quotedDiffers" : "labels.quoted", { amount: fmt.money(l.quoted, l.quotedCurrency ?? POSTAGE_CURRENCY) })}</Text>}
                {l.refusal ? (
                  <Text as="span" tone="critical">{t("labels.customs", { list: l.refusal.map((p) => t(`refusal.${p.key}`, { product: p.product, value: p.value ?? "" })).join("; ") })}</Text>
                ) : (
                  l.error && <Text as="span" tone="critical">{say(l.error)}</Text>
                )}
                {l.disputeId && <Text as="span">{t("labels.dispute", { id: l.disputeId })}</Text>}
                {l.trackingNumber && l.voidable && (l.format === "ZPL" ? <PrintButton url={`/app/labels/print?what=zpl&labelId=${l.id}`} filename="label.zpl" download onError={printFailed}>{t("labels.reprint")}</PrintButton> : <PrintButton url={`/app/labels/pdf?labelId=${l.id}`} filename="label.pdf" onError={printFailed}>{t("labels.reprint")}</PrintButton>)}
                {l.trackingNumber && l.voidable && <PrintButton url={`/app/labels/print?what=slips&labelId=${l.id}`} filename="packing-slip.pdf" onError={printFailed}>{t("labels.slip")}</PrintButton>}
                {l.voidable && <Button onClick={() => act.submit({ intent: "void", id: l.id }, { method: "post" })}>{t("labels.void")}</Button>}
                {l.voidable && <Button onClick={() => act.submit({ intent: "reship", id: l.id }, { method: "post" })}>{t("labels.reship")}</Button>}
              </InlineStack>
            ))}
          </BlockStack>
        </Card>
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">{t("report.title")}</Text>
            <InlineStack gap="300" blockAlign="end">
              <Select label={t("report.per")} options={[{ label: t("report.day"), value: "day" }, { label: t("report.batch"), value: "batch" }, { label: t("report.month"), value: "month" }]} value={params.get("report") ?? "day"} onChange={(v) => setParams((p) => { const n = new URLSearchParams(p); n.set("report", v); return n; })} />
              <PrintButton url={`/app/labels/report?period=${params.get("report") ?? "day"}`} filename={`labels-${params.get("report") ?? "day"}.csv`} download onError={printFailed}>{t("report.export")}</PrintButton>
            </InlineStack>
            {data.report.map((r) => (
              <Text as="p" key={r.key}>{t("report.line", { period: r.key, labels: t("report.labels", { count: r.labels }), voided: t("report.voided", { count: r.voided }), flagged: t("report.flagged", { count: r.flagged }), postage: money(r.postage), refunded: money(r.refunded), collected: money(r.collected), margin: money(r.margin) })}</Text>
            ))}
          </BlockStack>
        </Card>
        {data.flags.length > 0 && (
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">{t("flags.title")}</Text>
              <Text as="p" tone="subdued">{t("flags.intro", { count: data.flags.length })}</Text>
              {data.flags.map((x) => (
                <Text as="p" key={x.id}>{t("flags.line", { order: x.orderName, tracking: x.trackingNumber ?? "", quoted: fmt.money(x.quoted, x.quotedCurrency), charged: fmt.money(x.charged, x.currency) })}</Text>
              ))}
            </BlockStack>
          </Card>
        )}
      </BlockStack>
    </Page>
  );
}
