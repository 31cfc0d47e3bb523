// Admin → Carriers → USPS: connect the merchant's USPS developer app (consumer key and secret, TEM or production,
// optional CRID / MID / payment account for contract prices), verify it with one token call and one price call,
// show the shared hourly quota, disconnect. The route parses and shapes; app/services/usps-connection.server.ts acts.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Badge, Banner, BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { useFormat, useTranslatedErrors } from "~/i18n/hooks";
import { StatusBadge } from "~/components/CarrierStatus";
import { getDb } from "~/db.server";
import { readIntent } from "~/admin/forms/read-form.server";
import type { FieldError } from "~/lib/field-errors";
import { env } from "~/env.server";
import { carrierDepsFromEnv } from "~/services/carrier-env.server";
import { connectUsps, disconnectUsps, loadUspsPage, reverifyUsps } from "~/services/usps-connection.server";
import { authenticate } from "~/shopify.server";

const uspsDeps = () => ({ fetch: globalThis.fetch, now: Date.now, baseUrl: carrierDepsFromEnv(env()).baseUrls?.usps });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return json(await loadUspsPage(getDb(), session.shop, uspsDeps()));
};

const id = z.string().min(1).max(64);
const zip = z.string().max(10);
const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("connect") }),
  z.object({ intent: z.literal("verify"), id, originZip: zip }),
  z.object({ intent: z.literal("disconnect"), id }),
]);

/** `message` is a key of carriers.json usps.result; `detail` is USPS's own words when it refused. */
type ActionData = { ok: boolean; intent: string; message?: string; detail?: string; errors?: FieldError[]; sample?: { mailClass: string; cents: number; priceType?: string; zone?: string } };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await readIntent(request, Intent);
  if (!form.ok) return form.response;
  const a = form.intent;
  const db = getDb();
  if (a.intent === "disconnect") {
    const done = await disconnectUsps(db, session.shop, a.id);
    return json<ActionData>({ ok: done, intent: a.intent, message: done ? "disconnected" : "not_found" }, { status: done ? 200 : 404 });
  }
  const res = a.intent === "connect" ? await connectUsps(db, session.shop, form.fields, uspsDeps()) : await reverifyUsps(db, session.shop, a.id, a.originZip, uspsDeps());
  const sample = res.verification?.sample;
  const message = res.ok ? "connected" : res.errors ? "check_fields" : res.status === 404 ? "not_found" : res.verification ? "not_verified" : "incomplete";
  const detail = !res.ok && res.verification ? res.message.replace(/^USPS could not be verified: /, "") : undefined;
  return json<ActionData>({ ok: res.ok, intent: a.intent, message, detail, errors: res.ok ? undefined : res.errors, sample }, { status: res.ok ? 200 : res.status });
};


export default function UspsCarrier() {
  const data = useLoaderData<typeof loader>();
  const act = useFetcher<typeof action>();
  const result = act.data;
  const c = data.connection;
  const { t } = useTranslation("carriers");
  const fmt = useFormat();
  const time = (ms: number | null) => (ms === null ? t("common:none") : fmt.time(ms));
  return (
    <Page title="USPS" backAction={{ content: t("title"), url: "/app/carriers" }}>
      <TitleBar title="USPS" />
      <BlockStack gap="500">
        {result?.message && (
          <Banner tone={result.ok ? "success" : "critical"}>
            {t(`usps.result.${result.message}`)}
            {result.detail && ` ${t("usps.detail", { detail: result.detail })}`}
            {result.sample && ` ${t("usps.sample", { mailClass: result.sample.mailClass, price: fmt.money(result.sample.cents, "USD"), zone: result.sample.zone ?? "?" })}`}
          </Banner>
        )}
        <Layout>
          <Layout.Section>
            {c ? (
              <Card>
                <BlockStack gap="300">
                  <InlineStack align="space-between" blockAlign="center">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="h2" variant="headingMd">{t("usps.app", { hint: c.consumerKeyHint })}</Text>
                      <StatusBadge status={c.status} />
                      <Badge>{c.mode === "test" ? t("usps.modeTest") : t("production")}</Badge>
                    </InlineStack>
                    <InlineStack gap="200">
                      <Button onClick={() => act.submit({ intent: "verify", id: c.id, originZip: data.originZip }, { method: "post" })}>{t("usps.verify")}</Button>
                      <Button tone="critical" onClick={() => act.submit({ intent: "disconnect", id: c.id }, { method: "post" })}>{t("disconnect")}</Button>
                    </InlineStack>
                  </InlineStack>
                  {c.lastError && <Banner tone="warning">{c.lastError}</Banner>}
                  <Text as="p">
                    {c.settings.paymentAccount
                      ? t("usps.contractPrices", { type: c.settings.paymentAccount.type, number: c.settings.paymentAccount.number })
                      : t(`usps.published.${c.settings.publishedPriceType.toLowerCase() === "commercial" ? "commercial" : "retail"}`)}
                  </Text>
                </BlockStack>
              </Card>
            ) : null}
            <ConnectForm originZip={data.originZip} errors={result?.intent === "connect" ? (result.errors ?? []) : []} submitting={act.state !== "idle"} onSubmit={(fields) => act.submit({ intent: "connect", ...fields }, { method: "post" })} />
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">{t("usps.quota")}</Text>
                {data.quota ? (
                  <>
                    <Text as="p">{t("usps.quotaUsed", { count: data.quota.limit, used: data.quota.usedLastHour, left: data.quota.remaining })}</Text>
                    <Text as="p" tone="subdued">{t("usps.nextFree", { time: time(data.quota.nextFreeAt) })}</Text>
                    {data.quota.blockedUntil && <Banner tone="warning">{t("usps.paused", { time: time(data.quota.blockedUntil) })}</Banner>}
                  </>
                ) : (
                  <Text as="p" tone="subdued">{t("usps.quotaConnect")}</Text>
                )}
                <Text as="h3" variant="headingSm">{t("usps.answers")}</Text>
                <Text as="p">
                  {data.shares.total === 0
                    ? t("usps.noAnswers")
                    : (["live", "cached", "learned", "fallback"] as const).map((k) => t(`usps.share.${k}`, { percent: fmt.percent(Math.round((data.shares[k] / data.shares.total) * 10000)) })).join(" · ")}
                </Text>
              </BlockStack>
            </Card>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}

function ConnectForm(props: { originZip: string; errors: FieldError[]; submitting: boolean; onSubmit(fields: Record<string, string>): void }) {
  const [f, setF] = useState<Record<string, string>>({ consumerKey: "", consumerSecret: "", mode: "test", crid: "", mid: "", paymentAccountType: "", paymentAccountNumber: "", hourlyQuota: "60", originZip: props.originZip, allowMediaMail: "false", allowLibraryMail: "false" });
  const { t } = useTranslation("carriers");
  const errors = useTranslatedErrors(props.errors, { currency: "USD", weightUnit: "lb" });
  const err = (path: string) => errors.find((e) => e.path === path)?.message;
  const field = (name: string, label: string, extra: { type?: "text" | "password" | "number"; help?: string } = {}) => (
    <TextField label={label} autoComplete="off" type={extra.type ?? "text"} helpText={extra.help} value={f[name]} error={err(name)} onChange={(v) => setF({ ...f, [name]: v })} />
  );
  return (
    <Card>
      <FormLayout>
        <Text as="h2" variant="headingMd">{t("usps.connectTitle")}</Text>
        {field("consumerKey", t("usps.consumerKey"))}
        {field("consumerSecret", t("usps.consumerSecret"), { type: "password" })}
        <Select label={t("usps.environment")} options={[{ label: t("usps.modeTest"), value: "test" }, { label: t("production"), value: "production" }]} value={f.mode} onChange={(mode) => setF({ ...f, mode })} />
        {field("originZip", t("usps.originZip"), { help: t("usps.originZipHelp") })}
        {field("hourlyQuota", t("usps.hourlyQuota"), { type: "number", help: t("usps.hourlyQuotaHelp") })}
        <Text as="h3" variant="headingSm">{t("usps.contractTitle")}</Text>
        {field("crid", "CRID")}
        {field("mid", "MID")}
        <Select label={t("usps.paymentAccount")} options={[{ label: t("usps.paymentNone"), value: "" }, { label: t("usps.paymentEps"), value: "EPS" }, { label: t("usps.paymentPermit"), value: "PERMIT" }]} value={f.paymentAccountType} error={err("paymentAccountType")} onChange={(v) => setF({ ...f, paymentAccountType: v })} />
        {field("paymentAccountNumber", t("usps.paymentNumber"))}
        <Checkbox label={t("usps.mediaMail")} checked={f.allowMediaMail === "true"} onChange={(v) => setF({ ...f, allowMediaMail: String(v) })} />
        <Checkbox label={t("usps.libraryMail")} checked={f.allowLibraryMail === "true"} onChange={(v) => setF({ ...f, allowLibraryMail: String(v) })} />
        <Button variant="primary" loading={props.submitting} onClick={() => props.onSubmit(f)}>{t("usps.saveVerify")}</Button>
      </FormLayout>
    </Card>
  );
}
