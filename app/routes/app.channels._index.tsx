// Channel connections: list with status, connect a new one (type → that connector's fields), send a test,
// disconnect; and the shop's NF-e settings. Secrets are write-only: the page only ever sees redacted values.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Badge, Banner, BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { env } from "~/env.server";
import { CHANNEL_TYPES, getConnector } from "~/channels/registry.server";
import type { FieldError } from "~/lib/field-errors";
import { errorAt } from "~/lib/field-errors";
import { UnsavedChanges, useEditorState } from "~/admin/ui/UnsavedChanges";
import { useFieldErrors } from "~/admin/ui/use-field-errors";
import { readIntent } from "~/admin/forms/read-form.server";
import { trackingContextFrom } from "~/services/tracking/context.server";
import { createChannel, disconnectChannel, listChannels, reconnectChannel, setChannelWants, testChannel } from "~/services/tracking/channel-connections.server";
import { TRACKING_WANTS } from "~/services/tracking/connection-extras.server";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { useFormat, useSay, useSayStored } from "~/i18n/hooks";
import type { Said } from "~/lib/said";
import { OUTBOX_STATUSES } from "~/domain/tracking/outbox-status";
import { saveNfeSettings } from "~/services/tracking/nfe-settings.server";

const CHANNEL_FORMS = CHANNEL_TYPES.map((type) => {
  const c = getConnector(type)!;
  return { type, label: c.label, fields: c.form.fields, inbound: !!c.inboundFormat };
});

/** Secret fields the page names in the merchant's language; another connector's field shows as its name. */
const SECRET_FIELDS = new Set(["accessToken", "refreshToken", "apiKey", "apiToken", "password", "hmacSecret", "inboundSecret", "clientSecret", "token"]);

export const loader = async ({ request, context }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return json({ ...(await listChannels(trackingContextFrom(context), session.shop, env().SHOPIFY_APP_URL)), forms: CHANNEL_FORMS });
};

/** `said` is the outcome for the merchant; `message` the same in English for scripts. */
type ActionData = { ok: boolean; intent: string; message?: string; said?: Said; errors?: FieldError[] };

const id = z.string().min(1).max(255);
const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), type: z.string().max(50) }),
  z.object({ intent: z.literal("test"), id }),
  z.object({ intent: z.literal("disconnect"), id }),
  z.object({ intent: z.literal("reconnect"), id }),
  z.object({ intent: z.literal("wants"), id, wants: z.enum(TRACKING_WANTS) }),
  z.object({ intent: z.literal("settings") }),
]);

export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await readIntent(request, Intent);
  if (!form.ok) return form.response;
  const ctx = trackingContextFrom(context);
  const a = form.intent;
  const reply = (data: ActionData, status = 200) => json<ActionData>(data, { status });
  const found = (ok: boolean, message: string) => reply(ok ? { ok, intent: a.intent, message } : { ok, intent: a.intent, message: "Connection not found" }, ok ? 200 : 404);
  switch (a.intent) {
    case "create": {
      const res = await createChannel(ctx, session.shop, a.type, form.fields);
      if (res.ok) return reply({ ok: true, intent: a.intent, message: "Connected. It receives every tracking event of every order; narrow that down in Event rules." });
      // No field errors but a message: the destination is already connected (a duplicate, refused).
      return reply({ ok: false, intent: a.intent, errors: res.errors, message: res.message, ...(res.said ? { said: res.said } : {}) }, res.errors.length === 0 && res.message ? 409 : 422);
    }
    case "test": {
      const res = await testChannel(ctx, session.shop, a.id);
      return reply({ ok: res.ok, intent: a.intent, message: res.message, said: res.said });
    }
    case "disconnect":
      return found(await disconnectChannel(ctx, session.shop, a.id), "Disconnected");
    case "reconnect":
      return found(await reconnectChannel(ctx, session.shop, a.id), "Reconnected");
    case "wants":
      return found(await setChannelWants(ctx, session.shop, a.id, a.wants), "Saved");
    case "settings": {
      const res = await saveNfeSettings(ctx, session.shop, form.fields);
      return res.ok ? reply({ ok: true, intent: a.intent, message: "NF-e settings saved" }) : reply({ ok: false, intent: a.intent, errors: res.errors }, 422);
    }
  }
};

// What a channel can be sent (TRACKING_WANTS on the server; that module is server-only, so the list is repeated).
const WANTS = ["tracking_number", "nfe_number", "nfe_key"] as const;
const wantsOptions = (t: TFunction) => WANTS.map((value) => ({ label: t(`channels:wants.${value}`), value }));
const HEALTH_TONES: Record<string, "success" | "critical" | "warning" | undefined> = { connected: "success", failing: "critical", error: "critical", disconnected: undefined };
// The action's own outcomes, said in the merchant's language (the JSON `message` stays English for scripts);
// a failed disconnect/reconnect/wants only ever means the connection was not found.
const DONE_INTENTS = new Set(["disconnect", "reconnect", "wants"]);
const resultText = (t: TFunction, said: ReturnType<typeof useSay>, r: ActionData) =>
  r.ok && (DONE_INTENTS.has(r.intent) || r.intent === "create") ? t(`channels:done.${r.intent}`)
  : !r.ok && DONE_INTENTS.has(r.intent) ? t("channels:done.notFound")
  : r.said ? said(r.said)
  : r.message;

export default function Channels() {
  const data = useLoaderData<typeof loader>();
  const act = useFetcher<typeof action>();
  const result = act.data;
  const { t } = useTranslation("channels");
  const said = useSay();
  const stored = useSayStored();
  const fmt = useFormat();
  const wants = wantsOptions(t);
  const statusLabel = (status: string) => ((OUTBOX_STATUSES as readonly string[]).includes(status) ? t(`deliveries:status.${status}`) : status);
  return (
    <Page secondaryActions={[{ content: t("eventRules"), url: "/app/channels/rules" }, { content: t("deliveryLog"), url: "/app/deliveries" }]}>
      <TitleBar title={t("common:nav.channels")} />
      <BlockStack gap="500">
        {result?.message && result.intent !== "create" && result.intent !== "settings" && (
          <Banner tone={result.ok ? "success" : "critical"}>{resultText(t, said, result)}</Banner>
        )}
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              {data.channels.length === 0 && (
                <Card>
                  <Text as="p">{t("empty", { types: data.forms.map((f) => t(`types.${f.type}`)).join(", ") })}</Text>
                </Card>
              )}
              {data.channels.map((c) => (
                <Card key={c.id}>
                  <BlockStack gap="300">
                    <InlineStack align="space-between" blockAlign="center">
                      <InlineStack gap="200" blockAlign="center">
                        <Text as="h2" variant="headingMd">{c.name}</Text>
                        <Text as="span" tone="subdued">{data.forms.some((f) => f.type === c.type) ? t(`types.${c.type}`) : c.label}</Text>
                        <Badge tone={HEALTH_TONES[c.health]}>{c.health in HEALTH_TONES ? t(`health.${c.health}`) : c.health}</Badge>
                      </InlineStack>
                      <InlineStack gap="200">
                        {c.canTest && (
                          <Button onClick={() => act.submit({ intent: "test", id: c.id }, { method: "post" })} loading={act.state !== "idle" && act.formData?.get("id") === c.id && act.formData?.get("intent") === "test"}>
                            {t("sendTest")}
                          </Button>
                        )}
                        {c.status === "disconnected" ? (
                          <Button onClick={() => act.submit({ intent: "reconnect", id: c.id }, { method: "post" })}>{t("reconnect")}</Button>
                        ) : (
                          <Button tone="critical" onClick={() => act.submit({ intent: "disconnect", id: c.id }, { method: "post" })}>
                            {t("disconnect")}
                          </Button>
                        )}
                      </InlineStack>
                    </InlineStack>
                    {c.lastError && <Banner tone="warning">{stored(c.lastError)}</Banner>}
                    {c.unreadable && <Banner tone="critical">{t("unreadable")}</Banner>}
                    <Select
                      label={t("sends")}
                      options={wants}
                      value={c.wants}
                      onChange={(wants) => act.submit({ intent: "wants", id: c.id, wants }, { method: "post" })}
                    />
                    <Text as="p" tone="subdued">
                      {c.secrets.map((h) => t(h.last4 ? "secrets.endingIn" : "secrets.saved", { name: SECRET_FIELDS.has(h.field) ? t(`secrets.names.${h.field}`) : h.field, last4: h.last4 })).join(" · ") || t("noCredentials")}
                    </Text>
                    {c.inbound && (
                      <Text as="p" tone="subdued">
                        {t("inboundUrl", { url: Object.values(c.inbound).join(" · ") })}
                      </Text>
                    )}
                    <Text as="p" tone="subdued">
                      {Object.entries(c.counts).map(([s, n]) => t("count", { status: statusLabel(s), n: fmt.number(n) })).join(" · ") || t("noDeliveries")}
                    </Text>
                  </BlockStack>
                </Card>
              ))}
              <ConnectForm forms={data.forms} />
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <NfeSettings settings={data.settings} />
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}

type ChannelForms = ReturnType<typeof useLoaderData<typeof loader>>["forms"];

const EMPTY_CONNECT = { name: "", wants: "tracking_number" };

function ConnectForm({ forms }: { forms: ChannelForms }) {
  const fetcher = useFetcher<typeof action>();
  const [type, setType] = useState<string>(forms[0]?.type ?? "");
  const [values, setValues] = useState<Record<string, string>>(EMPTY_CONNECT);
  const busy = fetcher.state !== "idle";
  const answer = fetcher.state === "idle" && fetcher.data?.intent === "create" ? fetcher.data : undefined;
  const errors = useFieldErrors(answer && !answer.ok ? answer.errors : undefined, values);
  // A connected channel empties the form, so a second click cannot connect it again.
  useEffect(() => {
    if (answer?.ok) setValues(EMPTY_CONNECT);
  }, [answer]);
  const set = (k: string) => (v: string) => setValues((s) => ({ ...s, [k]: v }));
  const chosen = forms.find((f) => f.type === type);
  const valueOf = (f: ChannelForms[number]["fields"][number]) => values[f.name] ?? (f.options ? f.options[0] : "");
  const shown = (chosen?.fields ?? []).filter((f) => !f.shownWhen || f.shownWhen.is.includes(values[f.shownWhen.field] ?? chosen?.fields.find((x) => x.name === f.shownWhen!.field)?.options?.[0] ?? ""));
  const submit = () => {
    if (busy) return;
    // Only what is on screen is sent: a hidden Basic-auth password must not travel with an HMAC connection.
    const posted = Object.fromEntries(shown.map((f) => [f.name, valueOf(f)]));
    fetcher.submit({ ...posted, name: values.name, wants: values.wants, ...(chosen?.inbound ? { inboundSecret: values.inboundSecret ?? "" } : {}), intent: "create", type }, { method: "post" });
  };
  // Checks on the destination (not allowed, https only) name its parts; the merchant typed one URL.
  const urlError = ["url", "host", "protocol", "port", "path"].map((p) => errorAt(errors, p)).find(Boolean);
  const { t } = useTranslation("channels");
  const said = useSay();
  // Each connector declares its fields; their text is under form.<type>.<field> (the check requires every key).
  const tf = (f: { name: string }, part: string) => t(`form.${type}.${f.name}.${part}`);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">{t("connect.title")}</Text>
        {answer?.ok && <Banner tone="success">{resultText(t, said, answer)}</Banner>}
        {answer && !answer.ok && answer.errors?.length === 0 && (answer.said || answer.message) && <Banner tone="critical">{answer.said ? said(answer.said) : answer.message}</Banner>}
        {errors.length > 0 && <Banner tone="critical">{t("connect.checkFields")}</Banner>}
        <FormLayout>
          <Select label={t("connect.type")} options={forms.map((f) => ({ label: t(`types.${f.type}`), value: f.type }))} value={type} onChange={setType} />
          <TextField label={t("connect.name")} autoComplete="off" value={values.name} onChange={set("name")} error={errorAt(errors, "name")} />
          <Select label={t("sends")} options={wantsOptions(t)} value={values.wants} onChange={set("wants")} />
          {shown.map((f) =>
            f.checkbox ? (
              <Checkbox key={f.name} label={tf(f, "label")} checked={values[f.name] === "on"} onChange={(v) => set(f.name)(v ? "on" : "")} />
            ) : f.options ? (
              <Select key={f.name} label={tf(f, "label")} options={f.options.map((o) => ({ label: f.optionLabels ? tf(f, `options.${o}`) : o, value: o }))} value={valueOf(f)} onChange={set(f.name)} error={errorAt(errors, f.name)} />
            ) : (
              <TextField
                key={f.name}
                label={tf(f, "label")}
                type={f.secret ? "password" : f.name === "url" ? "url" : "text"}
                autoComplete="off"
                value={values[f.name] ?? ""}
                placeholder={f.placeholder}
                onChange={set(f.name)}
                helpText={f.help ? tf(f, "help") : undefined}
                error={f.name === "url" ? urlError : errorAt(errors, f.name)}
              />
            ),
          )}
          {chosen?.inbound && (
            <TextField
              label={t("connect.inboundSecret")}
              type="password"
              autoComplete="off"
              value={values.inboundSecret ?? ""}
              onChange={set("inboundSecret")}
              helpText={t("connect.inboundSecretHelp")}
              error={errorAt(errors, "inboundSecret")}
            />
          )}
          <Text as="p" tone="subdued">
            {t("connect.firstRule")}
          </Text>
          <InlineStack>
            <Button variant="primary" onClick={submit} loading={busy} disabled={busy}>
              {t("connect.submit")}
            </Button>
          </InlineStack>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}

type Settings = ReturnType<typeof useLoaderData<typeof loader>>["settings"];

function NfeSettings({ settings }: { settings: Settings }) {
  const fetcher = useFetcher<typeof action>();
  const nfe = settings.nfeSource;
  const ref = settings.channelOrderId;
  const loaded: Record<string, string> = {
    nfeKind: nfe.kind,
    nfeNamespace: nfe.kind === "metafield" ? nfe.namespace : "br",
    nfeKey: nfe.kind === "metafield" ? nfe.key : "nfe_key",
    nfeAttribute: nfe.kind === "attribute" ? nfe.name : "nfe",
    refKind: ref.kind,
    refNamespace: ref.kind === "metafield" ? ref.namespace : "",
    refKey: ref.kind === "metafield" ? ref.key : "",
    refAttribute: ref.kind === "attribute" ? ref.name : "channel_order_id",
    originCountry: settings.originCountry ?? "",
  };
  const answer = fetcher.state === "idle" && fetcher.data?.intent === "settings" ? fetcher.data : undefined;
  const editor = useEditorState(loaded, JSON.stringify(loaded), answer);
  const { form: v, setForm: setV } = editor;
  const errors = useFieldErrors(answer && !answer.ok ? answer.errors : undefined, v);
  const submit = () => {
    editor.submitted(v);
    fetcher.submit({ ...v, intent: "settings" }, { method: "post" });
  };
  const set = (k: string) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { t } = useTranslation("channels");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">{t("nfe.title")}</Text>
        <UnsavedChanges id="nfe-save-bar" dirty={editor.dirty} saving={fetcher.state !== "idle"} onSave={submit} onDiscard={editor.discard} />
        {fetcher.data?.intent === "settings" && fetcher.data.ok && <Banner tone="success">{t("done.wants")}</Banner>}
        <FormLayout>
          <Select
            label={t("nfe.source")}
            options={[
              { label: t("nfe.metafield"), value: "metafield" },
              { label: t("nfe.attribute"), value: "attribute" },
              { label: t("nfe.trackingNumber"), value: "tracking_number" },
            ]}
            value={v.nfeKind}
            onChange={set("nfeKind")}
          />
          {v.nfeKind === "metafield" && (
            <>
              <TextField label={t("nfe.namespace")} autoComplete="off" value={v.nfeNamespace} onChange={set("nfeNamespace")} error={errorAt(errors, "nfeNamespace")} />
              <TextField label={t("nfe.key")} autoComplete="off" value={v.nfeKey} onChange={set("nfeKey")} error={errorAt(errors, "nfeKey")} />
            </>
          )}
          {v.nfeKind === "attribute" && (
            <TextField label={t("nfe.attributeName")} autoComplete="off" value={v.nfeAttribute} onChange={set("nfeAttribute")} error={errorAt(errors, "nfeAttribute")} />
          )}
          <Select
            label={t("nfe.orderIdSource")}
            options={[
              { label: t("nfe.attribute"), value: "attribute" },
              { label: t("nfe.metafield"), value: "metafield" },
            ]}
            value={v.refKind}
            onChange={set("refKind")}
          />
          {v.refKind === "attribute" ? (
            <TextField label={t("nfe.refAttributeName")} autoComplete="off" value={v.refAttribute} onChange={set("refAttribute")} error={errorAt(errors, "refAttribute")} />
          ) : (
            <>
              <TextField label={t("nfe.namespace")} autoComplete="off" value={v.refNamespace} onChange={set("refNamespace")} error={errorAt(errors, "refNamespace")} />
              <TextField label={t("nfe.key")} autoComplete="off" value={v.refKey} onChange={set("refKey")} error={errorAt(errors, "refKey")} />
            </>
          )}
          <TextField label={t("nfe.shipsFrom")} autoComplete="off" value={v.originCountry} onChange={set("originCountry")} helpText={t("nfe.shipsFromHelp")} error={errorAt(errors, "originCountry")} />
          <Button onClick={submit} loading={fetcher.state !== "idle"}>
            {t("common:save")}
          </Button>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
