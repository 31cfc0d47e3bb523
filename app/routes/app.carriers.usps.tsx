// Admin → Carriers → USPS: connect the merchant's USPS developer app (consumer key and secret, TEM or production,
// optional CRID / MID / payment account for contract prices), verify it with one token call and one price call,
// show the shared hourly quota, disconnect. The route parses and shapes; app/services/usps-connection.server.ts acts.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Badge, Banner, BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
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

type ActionData = { ok: boolean; intent: string; message?: string; errors?: FieldError[]; sample?: { mailClass: string; cents: number; priceType?: string; zone?: string } };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await readIntent(request, Intent);
  if (!form.ok) return form.response;
  const a = form.intent;
  const db = getDb();
  if (a.intent === "disconnect") {
    const done = await disconnectUsps(db, session.shop, a.id);
    return json<ActionData>({ ok: done, intent: a.intent, message: done ? "USPS disconnected; its credentials are deleted" : "Connection not found" }, { status: done ? 200 : 404 });
  }
  const res = a.intent === "connect" ? await connectUsps(db, session.shop, form.fields, uspsDeps()) : await reverifyUsps(db, session.shop, a.id, a.originZip, uspsDeps());
  const sample = res.verification?.sample;
  return json<ActionData>({ ok: res.ok, intent: a.intent, message: res.message, errors: res.ok ? undefined : res.errors, sample }, { status: res.ok ? 200 : res.status });
};

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const time = (ms: number | null) => (ms === null ? "—" : new Date(ms).toLocaleTimeString());

export default function UspsCarrier() {
  const data = useLoaderData<typeof loader>();
  const act = useFetcher<typeof action>();
  const result = act.data;
  const c = data.connection;
  return (
    <Page title="USPS" backAction={{ content: "Carriers", url: "/app/carriers" }}>
      <TitleBar title="USPS" />
      <BlockStack gap="500">
        {result?.message && (
          <Banner tone={result.ok ? "success" : "critical"}>
            {result.message}
            {result.sample && ` — sample: ${result.sample.mailClass} ${dollars(result.sample.cents)} (${result.sample.priceType ?? "published"}, zone ${result.sample.zone ?? "?"})`}
          </Banner>
        )}
        <Layout>
          <Layout.Section>
            {c ? (
              <Card>
                <BlockStack gap="300">
                  <InlineStack align="space-between" blockAlign="center">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="h2" variant="headingMd">USPS app {c.consumerKeyHint}</Text>
                      <Badge tone={c.status === "connected" ? "success" : "critical"}>{c.status}</Badge>
                      <Badge>{c.mode === "test" ? "Test (TEM)" : "Production"}</Badge>
                    </InlineStack>
                    <InlineStack gap="200">
                      <Button onClick={() => act.submit({ intent: "verify", id: c.id, originZip: data.originZip }, { method: "post" })}>Verify</Button>
                      <Button tone="critical" onClick={() => act.submit({ intent: "disconnect", id: c.id }, { method: "post" })}>Disconnect</Button>
                    </InlineStack>
                  </InlineStack>
                  {c.lastError && <Banner tone="warning">{c.lastError}</Banner>}
                  <Text as="p">
                    {c.settings.paymentAccount ? `Contract prices (${c.settings.paymentAccount.type} ${c.settings.paymentAccount.number})` : `Published ${c.settings.publishedPriceType.toLowerCase()} prices`}
                  </Text>
                </BlockStack>
              </Card>
            ) : null}
            <ConnectForm originZip={data.originZip} errors={result?.intent === "connect" ? (result.errors ?? []) : []} submitting={act.state !== "idle"} onSubmit={(fields) => act.submit({ intent: "connect", ...fields }, { method: "post" })} />
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">Hourly quota</Text>
                {data.quota ? (
                  <>
                    <Text as="p">{`${data.quota.usedLastHour} of ${data.quota.limit} calls used in the last hour (${data.quota.remaining} left)`}</Text>
                    <Text as="p" tone="subdued">{`Next call frees up at ${time(data.quota.nextFreeAt)}`}</Text>
                    {data.quota.blockedUntil && <Banner tone="warning">{`USPS asked us to pause until ${time(data.quota.blockedUntil)}; checkouts get cached or fallback prices until then.`}</Banner>}
                  </>
                ) : (
                  <Text as="p" tone="subdued">Connect USPS to see the quota.</Text>
                )}
                <Text as="h3" variant="headingSm">Checkout answers, last 24 hours</Text>
                <Text as="p">
                  {data.shares.total === 0
                    ? "No USPS answers yet."
                    : (["live", "cached", "learned", "fallback"] as const).map((k) => `${k} ${Math.round((data.shares[k] / data.shares.total) * 100)}%`).join(" · ")}
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
  const err = (path: string) => props.errors.find((e) => e.path === path)?.message;
  const field = (name: string, label: string, extra: { type?: "text" | "password" | "number"; help?: string } = {}) => (
    <TextField label={label} autoComplete="off" type={extra.type ?? "text"} helpText={extra.help} value={f[name]} error={err(name)} onChange={(v) => setF({ ...f, [name]: v })} />
  );
  return (
    <Card>
      <FormLayout>
        <Text as="h2" variant="headingMd">Connect your USPS app</Text>
        {field("consumerKey", "Consumer key")}
        {field("consumerSecret", "Consumer secret", { type: "password" })}
        <Select label="Environment" options={[{ label: "Test (TEM)", value: "test" }, { label: "Production", value: "production" }]} value={f.mode} onChange={(mode) => setF({ ...f, mode })} />
        {field("originZip", "Ship-from ZIP Code", { help: "Used for the verification price" })}
        {field("hourlyQuota", "Calls per hour USPS granted your app", { type: "number", help: "60 unless USPS raised it" })}
        <Text as="h3" variant="headingSm">Contract prices (optional)</Text>
        {field("crid", "CRID")}
        {field("mid", "MID")}
        <Select label="Payment account" options={[{ label: "None (published prices)", value: "" }, { label: "EPS account", value: "EPS" }, { label: "Permit", value: "PERMIT" }]} value={f.paymentAccountType} error={err("paymentAccountType")} onChange={(v) => setF({ ...f, paymentAccountType: v })} />
        {field("paymentAccountNumber", "Account or permit number")}
        <Checkbox label="Offer Media Mail (books and media only)" checked={f.allowMediaMail === "true"} onChange={(v) => setF({ ...f, allowMediaMail: String(v) })} />
        <Checkbox label="Offer Library Mail (libraries and schools only)" checked={f.allowLibraryMail === "true"} onChange={(v) => setF({ ...f, allowLibraryMail: String(v) })} />
        <Button variant="primary" loading={props.submitting} onClick={() => props.onSubmit(f)}>Save and verify</Button>
      </FormLayout>
    </Card>
  );
}
