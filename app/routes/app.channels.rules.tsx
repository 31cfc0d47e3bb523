// Event rules: order type, entering events ("All events" in one click), sales channel, and the
// channel connection to send to. Rules run in order; each can be enabled or disabled.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Badge, Banner, BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { UnsavedChanges } from "~/admin/ui/UnsavedChanges";
import { useFieldErrors } from "~/admin/ui/use-field-errors";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { TRACKING_EVENTS } from "~/domain/tracking/event-rules";
import { errorAt, type FieldError } from "~/lib/field-errors";
import { useSay } from "~/i18n/hooks";
import { say, type Said } from "~/lib/said";
import { readIntent } from "~/admin/forms/read-form.server";
import { trackingContextFrom } from "~/services/tracking/context.server";
import { deleteRule, listRules, moveRule, saveRule, toggleRule } from "~/services/tracking/event-rules.server";

export const loader = async ({ request, context }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return json(await listRules(trackingContextFrom(context), session.shop));
};

/** `said` is the outcome for the merchant; `message` the same in English for scripts. */
type ActionData = { ok: boolean; intent: string; message?: string; said?: Said; errors?: FieldError[] };

const id = z.string().min(1).max(255);
const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save") }),
  z.object({ intent: z.literal("delete"), id }),
  z.object({ intent: z.literal("toggle"), id, enabled: z.enum(["true", "false"]) }),
  z.object({ intent: z.enum(["up", "down"]), id }),
]);

export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await readIntent(request, Intent);
  if (!form.ok) return form.response;
  const ctx = trackingContextFrom(context);
  const a = form.intent;
  const reply = (d: ActionData, status = 200) => json<ActionData>(d, { status });
  const found = (ok: boolean) => reply(ok ? { ok, intent: a.intent } : { ok, intent: a.intent, message: "Rule not found", said: say("channels:rules.notFound") }, ok ? 200 : 404);
  switch (a.intent) {
    case "save": {
      const res = await saveRule(ctx, session.shop, { ...form.fields, events: form.all("events") });
      return res.ok ? reply({ ok: true, intent: "save", message: "Rule saved" }) : reply({ ok: false, intent: "save", errors: res.errors, message: res.message, ...(res.said ? { said: res.said } : {}) }, 422);
    }
    case "delete":
      return found(await deleteRule(ctx, session.shop, a.id));
    case "toggle":
      return found(await toggleRule(ctx, session.shop, a.id, a.enabled === "true"));
    case "up":
    case "down":
      return reply({ ok: await moveRule(ctx, session.shop, a.id, a.intent), intent: a.intent });
  }
};

// Event names are keys under channels:rules.events; an event this page does not know shows as stored.
const eventLabel = (t: TFunction, e: string) => ((TRACKING_EVENTS as readonly string[]).includes(e) ? t(`rules.events.${e}`) : e);
const ORDER_TYPES = ["all", "domestic", "international"] as const;

const describeType = (t: TFunction, o: { kind: string; tag?: string }) =>
  o.kind === "tag" ? t("rules.tagged", { tag: o.tag }) : t(`rules.orderTypes.${(ORDER_TYPES as readonly string[]).includes(o.kind) ? o.kind : "international"}`);

export default function Rules() {
  const { rules, channels } = useLoaderData<typeof loader>();
  const act = useFetcher<typeof action>();
  const { t } = useTranslation("channels");
  return (
    <Page backAction={{ content: t("common:nav.channels"), url: "/app/channels" }}>
      <TitleBar title={t("eventRules")} />
      <BlockStack gap="400">
        {channels.length === 0 && <Banner tone="info">{t("rules.noChannels")}</Banner>}
        {rules.map((r, i) => (
          <Card key={r.id}>
            <InlineStack align="space-between" blockAlign="center">
              <BlockStack gap="100">
                <InlineStack gap="200">
                  <Text as="h3" variant="headingSm">{`${i + 1}. ${r.name}`}</Text>
                  <Badge tone={r.enabled ? "success" : undefined}>{r.enabled ? t("rules.enabled") : t("rules.disabled")}</Badge>
                </InlineStack>
                <Text as="p" tone="subdued">
                  {t("rules.summary", {
                    orderType: describeType(t, r.orderType),
                    events: r.events === "all" ? t("rules.allEvents") : r.events.map((e) => eventLabel(t, e)).join(", "),
                    salesChannel: r.salesChannel,
                    channel: r.channelName,
                  })}
                </Text>
              </BlockStack>
              <InlineStack gap="200">
                <Button disabled={i === 0} onClick={() => act.submit({ intent: "up", id: r.id }, { method: "post" })}>{t("rules.up")}</Button>
                <Button disabled={i === rules.length - 1} onClick={() => act.submit({ intent: "down", id: r.id }, { method: "post" })}>{t("rules.down")}</Button>
                <Button onClick={() => act.submit({ intent: "toggle", id: r.id, enabled: String(!r.enabled) }, { method: "post" })}>{r.enabled ? t("rules.disable") : t("rules.enable")}</Button>
                <Button tone="critical" onClick={() => act.submit({ intent: "delete", id: r.id }, { method: "post" })}>{t("common:delete")}</Button>
              </InlineStack>
            </InlineStack>
          </Card>
        ))}
        {channels.length > 0 && <RuleForm channels={channels} />}
      </BlockStack>
    </Page>
  );
}

function RuleForm({ channels }: { channels: { id: string; name: string }[] }) {
  const fetcher = useFetcher<typeof action>();
  const blank = { name: "", channelId: channels[0]?.id ?? "", orderTypeKind: "all", tag: "", salesChannel: "any", enabled: true, allEvents: true };
  const [v, setV] = useState(blank);
  const [events, setEvents] = useState<string[]>([]);
  const { t } = useTranslation("channels");
  const said = useSay();
  const errors = useFieldErrors(fetcher.data?.intent === "save" && !fetcher.data.ok ? fetcher.data.errors : undefined, { ...v, events });
  const dirty = v.name !== "" || v.tag !== "" || events.length > 0;
  const discard = () => {
    setV(blank);
    setEvents([]);
  };
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.intent === "save" && fetcher.data.ok) discard();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, fetcher.data]);
  const submit = () => {
    const fd = new FormData();
    fd.set("intent", "save");
    fd.set("name", v.name);
    fd.set("channelId", v.channelId);
    fd.set("orderTypeKind", v.orderTypeKind);
    fd.set("tag", v.tag);
    fd.set("salesChannel", v.salesChannel);
    fd.set("enabled", String(v.enabled));
    fd.set("allEvents", String(v.allEvents));
    events.forEach((e) => fd.append("events", e));
    fetcher.submit(fd, { method: "post" });
  };
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">{t("rules.add")}</Text>
        <UnsavedChanges id="rule-save-bar" dirty={dirty} saving={fetcher.state !== "idle"} onSave={submit} onDiscard={discard} />
        {fetcher.data?.intent === "save" && fetcher.data.ok && <Banner tone="success">{t("rules.saved")}</Banner>}
        {fetcher.data?.message && !fetcher.data.ok && <Banner tone="critical">{fetcher.data.said ? said(fetcher.data.said) : fetcher.data.message}</Banner>}
        <FormLayout>
          <TextField label={t("connect.name")} autoComplete="off" value={v.name} onChange={(name) => setV({ ...v, name })} error={errorAt(errors, "name")} />
          <Select
            label={t("rules.orderType")}
            options={[...ORDER_TYPES.map((value) => ({ label: t(`rules.orderTypes.${value}`), value })), { label: t("rules.withTag"), value: "tag" }]}
            value={v.orderTypeKind}
            onChange={(orderTypeKind) => setV({ ...v, orderTypeKind })}
          />
          {v.orderTypeKind === "tag" && <TextField label={t("rules.tag")} autoComplete="off" value={v.tag} onChange={(tag) => setV({ ...v, tag })} error={errorAt(errors, "tag")} />}
          <Checkbox label={t("rules.allEvents")} checked={v.allEvents} onChange={(allEvents) => setV({ ...v, allEvents })} />
          {!v.allEvents && (
            <BlockStack gap="100">
              {TRACKING_EVENTS.map((e) => (
                <Checkbox
                  key={e}
                  label={eventLabel(t, e)}
                  checked={events.includes(e)}
                  onChange={(on) => setEvents((s) => (on ? [...s, e] : s.filter((x) => x !== e)))}
                />
              ))}
              {errorAt(errors, "events") && <Text as="p" tone="critical">{errorAt(errors, "events")}</Text>}
            </BlockStack>
          )}
          <TextField
            label={t("rules.salesChannel")}
            autoComplete="off"
            value={v.salesChannel}
            onChange={(salesChannel) => setV({ ...v, salesChannel })}
            helpText={t("rules.salesChannelHelp")}
            error={errorAt(errors, "salesChannel")}
          />
          <Select label={t("rules.sendTo")} options={channels.map((c) => ({ label: c.name, value: c.id }))} value={v.channelId} onChange={(channelId) => setV({ ...v, channelId })} error={errorAt(errors, "channelId")} />
          <Checkbox label={t("rules.enabled")} checked={v.enabled} onChange={(enabled) => setV({ ...v, enabled })} />
          <Button variant="primary" onClick={submit} loading={fetcher.state !== "idle"}>
            {t("rules.save")}
          </Button>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
