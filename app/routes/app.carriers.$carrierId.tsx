// Carriers → <carrier>, for every registered carrier that needs an account: its connections (status, mode,
// diagnosis, check again, disconnect), an optional side panel, and the connect form rendered from the fields the
// connector declares. A sign-in method leaves the admin iframe (window.open(url, "_top"), which App Bridge carries
// to the top frame) and comes back through /carriers/<carrier>/callback. The route parses and shapes;
// app/services/carrier-connect.server.ts acts.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Banner, BlockStack, Button, Card, Checkbox, ChoiceList, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { useSay, useTranslatedErrors } from "~/i18n/hooks";
import { readIntent } from "~/admin/forms/read-form.server";
import type { CarrierFormField } from "~/carriers/admin";
import { StatusBadge } from "~/components/CarrierStatus";
import { getDb } from "~/db.server";
import { errorAt, type FieldError } from "~/lib/field-errors";
import { say, type Said } from "~/lib/said";
import { carrierConnectDeps, connectCarrier, disconnectCarrier, loadCarrierPage, reverifyCarrier } from "~/services/carrier-connect.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const page = await loadCarrierPage(carrierConnectDeps(), session.shop, params.carrierId ?? "");
  if (!page) throw new Response("No such carrier", { status: 404 });
  return json(page);
};

const id = z.string().min(1).max(64);
const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("connect"), method: z.string().max(64).optional() }),
  z.object({ intent: z.literal("verify"), id }),
  z.object({ intent: z.literal("disconnect"), id }),
]);

/** `said` is the outcome for the merchant; `message` the same in English for scripts. */
type ActionData = { ok: boolean; intent: string; message: string; said: Said; errors?: FieldError[]; authorizeUrl?: string; note?: Said };

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await readIntent(request, Intent);
  if (!form.ok) return form.response;
  const a = form.intent;
  const shop = await getDb().shop.findUnique({ where: { domain: session.shop }, select: { id: true, domain: true } });
  if (!shop) return json<ActionData>({ ok: false, intent: a.intent, message: "Shop not installed", said: say("common:shopNotInstalled") }, { status: 404 });
  const deps = carrierConnectDeps();
  const carrierId = params.carrierId ?? "";
  const { intent: _intent, method: _method, ...fields } = form.fields;
  const res =
    a.intent === "connect" ? await connectCarrier(deps, shop, carrierId, a.method, fields)
    : a.intent === "verify" ? await reverifyCarrier(deps, shop, carrierId, a.id)
    : await disconnectCarrier(deps, shop, carrierId, a.id);
  const body: ActionData = { ok: res.ok, intent: a.intent, message: res.message, said: res.said, ...(res.ok ? {} : { errors: res.errors }), ...(res.ok && res.authorizeUrl ? { authorizeUrl: res.authorizeUrl } : {}), ...(res.note ? { note: res.note } : {}) };
  return json<ActionData>(body, { status: res.ok ? 200 : res.httpStatus });
};

/** What the callback reports in ?connect=… after the carrier's sign-in (its text: carriers.json page.returned). */
const RETURNS: Record<string, "success" | "warning" | "critical"> = {
  connected: "success",
  pending: "warning",
  needs_reconnect: "critical",
  denied: "warning",
  failed: "critical",
};

export default function CarrierPage() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const act = useFetcher<ActionData>();
  const { carrier } = data;
  const { t } = useTranslation("carriers");
  const said = useSay();
  const result = act.state === "idle" ? act.data : undefined;
  useEffect(() => {
    // Leaves the admin iframe for the carrier's sign-in; App Bridge turns "_top" into a top-level navigation.
    if (result?.ok && result.authorizeUrl) window.open(result.authorizeUrl, "_top");
  }, [result]);
  const returnedKey = params.get("connect") ?? "";
  const returned = Object.hasOwn(RETURNS, returnedKey) ? { tone: RETURNS[returnedKey], title: t(`page.returned.${returnedKey}`, { carrier: carrier.displayName }) } : undefined;
  const post = (fields: Record<string, string>) => act.submit(fields, { method: "post" });

  return (
    <Page backAction={{ content: t("title"), url: "/app/carriers" }}>
      <TitleBar title={carrier.displayName} />
      <BlockStack gap="400">
        {returned && <Banner tone={returned.tone} title={returned.title} />}
        {result && (
          <Banner tone={result.ok ? "success" : "critical"} title={result.said ? said(result.said) : result.message}>
            {result.note && <p>{said(result.note)}</p>}
          </Banner>
        )}
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              {data.connections.map((c) => (
                <Card key={c.id}>
                  <BlockStack gap="200">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="h2" variant="headingMd">{said(c.summary.title)}</Text>
                      <StatusBadge status={c.status} />
                      <Text as="span" tone="subdued">{said(c.summary.subtitle)}</Text>
                    </InlineStack>
                    {c.summary.notes.map((n, i) =>
                      n.tone === "warning" || n.tone === "critical" ? (
                        <Banner key={i} tone={n.tone}>
                          <p>{said(n.text)}</p>
                        </Banner>
                      ) : (
                        <Text as="p" key={i} tone={n.tone}>{said(n.text)}</Text>
                      ),
                    )}
                    {c.lastError && !c.summary.notes.some((n) => n.tone === "warning" || n.tone === "critical") && <Text as="p" tone="critical">{c.lastError}</Text>}
                    <InlineStack gap="200">
                      <Button onClick={() => post({ intent: "verify", id: c.id })}>{t("page.checkAgain")}</Button>
                      <Button tone="critical" onClick={() => post({ intent: "disconnect", id: c.id })}>{t("disconnect")}</Button>
                    </InlineStack>
                  </BlockStack>
                </Card>
              ))}
              <ConnectForm
                key={carrier.id}
                data={data}
                errors={result && !result.ok && result.intent === "connect" ? (result.errors ?? []) : []}
                submitting={act.state !== "idle"}
                onSubmit={(method, fields) => post({ intent: "connect", method, ...fields })}
              />
            </BlockStack>
          </Layout.Section>
          {data.panel && (
            <Layout.Section variant="oneThird">
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">{said(data.panel.heading)}</Text>
                  {data.panel.lines.map((l, i) =>
                    l.heading ? (
                      <Text as="h3" variant="headingSm" key={i}>{said(l.text)}</Text>
                    ) : l.tone === "warning" ? (
                      <Banner key={i} tone="warning">{said(l.text)}</Banner>
                    ) : (
                      <Text as="p" key={i} tone={l.tone}>{said(l.text)}</Text>
                    ),
                  )}
                </BlockStack>
              </Card>
            </Layout.Section>
          )}
        </Layout>
      </BlockStack>
    </Page>
  );
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

function initialValue(f: CarrierFormField, originPostalCode: string): string {
  if (f.prefill === "originPostalCode") return originPostalCode;
  return f.initial ?? (f.kind === "select" ? (f.options?.[0]?.value ?? "") : f.kind === "checkbox" ? "false" : "");
}

function ConnectForm(props: { data: PageData; errors: FieldError[]; submitting: boolean; onSubmit(method: string, fields: Record<string, string>): void }) {
  const { carrier, originPostalCode, connections } = props.data;
  const { t } = useTranslation("carriers");
  const errors = useTranslatedErrors(props.errors, { currency: "USD", weightUnit: "lb" });
  // The connector declares its form in English; each string has a key under carrier.<id> (English is the default).
  const tc = (key: string, english: string) => t(`carrier.${carrier.id}.${key}`, { defaultValue: english });
  const firstAvailable = carrier.methods.find((m) => m.available) ?? carrier.methods[0];
  const [methodId, setMethodId] = useState(firstAvailable?.id ?? "");
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(carrier.fields.map((f) => [f.name, initialValue(f, originPostalCode)])));
  const method = carrier.methods.find((m) => m.id === methodId) ?? firstAvailable;
  const shown = carrier.fields.filter((f) => !f.methods || f.methods.includes(method?.id ?? ""));
  const set = (name: string) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const submit = () => props.onSubmit(method?.id ?? "", Object.fromEntries(shown.map((f) => [f.name, values[f.name] ?? ""])));
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">{connections.length > 0 ? t("page.connectAgain") : t("connect", { carrier: carrier.displayName })}</Text>
        {carrier.methods.length > 1 && (
          <ChoiceList
            title={t("page.how")}
            choices={carrier.methods.map((m) => ({ label: tc(`methods.${m.id}.label`, m.label), value: m.id, disabled: !m.available }))}
            selected={[method?.id ?? ""]}
            onChange={(v) => setMethodId(v[0])}
          />
        )}
        <FormLayout>
          {shown.map((f) => (
            <BlockStack gap="200" key={f.name}>
              {f.section && <Text as="h3" variant="headingSm">{tc(`fields.${f.name}.section`, f.section)}</Text>}
              {f.kind === "select" ? (
                <Select label={tc(`fields.${f.name}.label`, f.label)} options={(f.options ?? []).map((o) => ({ label: tc(`fields.${f.name}.options.${o.value || "none"}`, o.label), value: o.value }))} value={values[f.name]} error={errorAt(errors, f.name)} helpText={f.help && tc(`fields.${f.name}.help`, f.help)} onChange={set(f.name)} />
              ) : f.kind === "checkbox" ? (
                <Checkbox label={tc(`fields.${f.name}.label`, f.label)} checked={values[f.name] === "true"} helpText={f.help && tc(`fields.${f.name}.help`, f.help)} error={errorAt(errors, f.name)} onChange={(v) => set(f.name)(String(v))} />
              ) : (
                <TextField label={tc(`fields.${f.name}.label`, f.label)} autoComplete="off" type={f.kind ?? "text"} value={values[f.name]} error={errorAt(errors, f.name)} helpText={f.help && tc(`fields.${f.name}.help`, f.help)} onChange={set(f.name)} />
              )}
            </BlockStack>
          ))}
        </FormLayout>
        {errors.some((e) => !shown.some((f) => f.name === e.path)) && (
          <Banner tone="critical">
            {errors.filter((e) => !shown.some((f) => f.name === e.path)).map((e, i) => (
              <p key={i}>{e.message}</p>
            ))}
          </Banner>
        )}
        <InlineStack>
          <Button variant="primary" loading={props.submitting} onClick={submit}>{method ? tc(`methods.${method.id}.submit`, method.submitLabel) : t("page.connect")}</Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
