// Carriers → UPS: connect an account (UPS sign-in by default, or the merchant's own UPS app), see its status, mode
// and diagnosis, verify it again, disconnect. The sign-in leaves the admin iframe (window.open(url, "_top"), which
// App Bridge carries to the top frame) and comes back through /carriers/ups/callback.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Banner, BlockStack, Button, Card, ChoiceList, FormLayout, InlineStack, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { useTranslatedErrors } from "~/i18n/hooks";
import { authenticate } from "~/shopify.server";
import { getDb } from "~/db.server";
import { zodFieldErrors, errorAt, type FieldError } from "~/lib/field-errors";
import { StatusBadge } from "~/components/CarrierStatus";
import {
  UpsAccountFormSchema,
  UpsClientCredentialsFormSchema,
  connectUpsClientCredentials,
  disconnectUps,
  startUpsAuthorization,
  upsConnectDeps,
  upsConnections,
  verifyUpsConnection,
} from "~/services/ups-connect.server";

async function shopOf(domain: string) {
  const shop = await getDb().shop.findUnique({ where: { domain }, select: { id: true, domain: true } });
  if (!shop) throw new Response("Shop not installed", { status: 404 });
  return shop;
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await shopOf(session.shop);
  const connections = await upsConnections(getDb(), shop.id);
  return json({
    appConfigured: upsConnectDeps().app !== null,
    connections: connections.map((c) => ({ id: c.id, accountNumber: c.accountNumber, mode: c.mode, status: c.status, lastError: c.lastError, diagnosis: c.diagnosis as { outcome?: string; messages?: { code: string; message: string }[] } | null, settings: c.settings as { authKind?: string } })),
  });
};

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("authorize"), form: z.unknown() }),
  z.object({ intent: z.literal("client_credentials"), form: z.unknown() }),
  z.object({ intent: z.literal("verify"), connectionId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("disconnect"), connectionId: z.string().min(1).max(64) }),
]);
/** `message` is a key of carriers.json ups.result; `detail` is UPS's own words when it refused. */
type ActionResult = { ok: true; authorizeUrl?: string; message?: string } | { ok: false; message: string; detail?: string; errors?: FieldError[] };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await shopOf(session.shop);
  const parsed = ActionSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return json<ActionResult>({ ok: false, message: "form_unreadable" }, { status: 400 });
  const deps = upsConnectDeps();
  const body = parsed.data;
  if (body.intent === "authorize" || body.intent === "client_credentials") {
    const schema = body.intent === "authorize" ? UpsAccountFormSchema : UpsClientCredentialsFormSchema;
    const form = schema.safeParse(body.form);
    if (!form.success) return json<ActionResult>({ ok: false, message: "check_fields", errors: zodFieldErrors(form.error) }, { status: 422 });
    if (body.intent === "authorize") {
      const started = startUpsAuthorization(deps, shop.domain, form.data);
      return json<ActionResult>(started.ok ? { ok: true, authorizeUrl: started.url } : { ok: false, message: "not_started", detail: started.message }, { status: started.ok ? 200 : 422 });
    }
    const connected = await connectUpsClientCredentials(deps, shop, UpsClientCredentialsFormSchema.parse(body.form));
    return json<ActionResult>({ ok: true, message: connected.status === "connected" ? "connected" : "needs_attention" });
  }
  if (body.intent === "verify") {
    const status = await verifyUpsConnection(deps, shop, body.connectionId);
    return json<ActionResult>({ ok: true, message: status === "connected" ? "works" : "needs_attention" });
  }
  const removed = await disconnectUps(getDb(), shop.id, body.connectionId);
  return json<ActionResult>(removed ? { ok: true, message: "disconnected" } : { ok: false, message: "not_found" });
};

/** After UPS's sign-in, ?ups=<outcome>: the banner's tone (its text: carriers.json ups.returned). */
const RETURNS: Record<string, "success" | "warning" | "critical"> = {
  connected: "success",
  pending: "warning",
  needs_reconnect: "critical",
  denied: "warning",
  failed: "critical",
};

export default function UpsCarrier() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const fetcher = useFetcher<ActionResult>();
  const { t } = useTranslation("carriers");
  const [authKind, setAuthKind] = useState<"authorization_code" | "client_credentials">(data.appConfigured ? "authorization_code" : "client_credentials");
  const [form, setForm] = useState({ accountNumber: "", accountPostalCode: "", accountCountry: "US", mode: "test", clientId: "", clientSecret: "" });
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const errors = useTranslatedErrors(result && !result.ok ? result.errors : undefined, { currency: "USD", weightUnit: "lb" });
  useEffect(() => {
    // Leaves the admin iframe for UPS's sign-in; App Bridge turns "_top" into a top-level navigation.
    if (result?.ok && result.authorizeUrl) window.open(result.authorizeUrl, "_top");
  }, [result]);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const submit = (payload: unknown) => fetcher.submit(JSON.stringify(payload), { method: "post", encType: "application/json" });
  const connect = () => {
    const { clientId, clientSecret, ...account } = form;
    submit(authKind === "authorization_code" ? { intent: "authorize", form: account } : { intent: "client_credentials", form: { ...account, clientId, clientSecret } });
  };
  const returnedKey = params.get("ups") ?? "";
  const returned = Object.hasOwn(RETURNS, returnedKey) ? { tone: RETURNS[returnedKey], title: t(`ups.returned.${returnedKey}`) } : undefined;

  return (
    <Page title="UPS" backAction={{ content: t("title"), url: "/app/carriers" }}>
      <TitleBar title="UPS" />
      <BlockStack gap="400">
        {returned && <Banner tone={returned.tone} title={returned.title} />}
        {result && (
          <Banner tone={result.ok ? "success" : "critical"} title={result.message ? t(`ups.result.${result.message}`) : t("ups.redirecting")}>
            {!result.ok && result.detail && <p>{result.detail}</p>}
          </Banner>
        )}
        {data.connections.map((c) => (
          <Card key={c.id}>
            <BlockStack gap="200">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h2" variant="headingMd">{t("ups.account", { number: c.accountNumber })}</Text>
                <StatusBadge status={c.status} />
                <Text as="span" tone="subdued">{`${c.mode === "production" ? t("production") : t("ups.modeTest")} · ${c.settings.authKind === "client_credentials" ? t("ups.ownApp") : t("ups.signIn")}`}</Text>
              </InlineStack>
              {c.diagnosis?.outcome === "negotiated" && <Text as="p">{t("ups.negotiated")}</Text>}
              {c.diagnosis?.outcome === "published_only" && <Text as="p" tone="caution">{t("ups.publishedOnly")}</Text>}
              {(c.diagnosis?.messages ?? []).map((m, i) => (
                <Banner key={i} tone="warning">
                  <p>{t(`diagnosis.${m.code}`, { defaultValue: m.message })}</p>
                </Banner>
              ))}
              {c.lastError && !c.diagnosis?.messages?.length && <Text as="p" tone="critical">{c.lastError}</Text>}
              <InlineStack gap="200">
                <Button onClick={() => submit({ intent: "verify", connectionId: c.id })}>{t("ups.checkAgain")}</Button>
                <Button tone="critical" onClick={() => submit({ intent: "disconnect", connectionId: c.id })}>{t("disconnect")}</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        ))}
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">{data.connections.length > 0 ? t("ups.connectAgain") : t("ups.connectTitle")}</Text>
            <ChoiceList
              title={t("ups.how")}
              choices={[
                { label: t("ups.howSignIn"), value: "authorization_code", disabled: !data.appConfigured },
                { label: t("ups.howOwnApp"), value: "client_credentials" },
              ]}
              selected={[authKind]}
              onChange={(v) => setAuthKind(v[0] as typeof authKind)}
            />
            <FormLayout>
              <TextField label={t("ups.accountNumber")} autoComplete="off" value={form.accountNumber} onChange={set("accountNumber")} error={errorAt(errors, "accountNumber")} helpText={t("ups.accountNumberHelp")} />
              <FormLayout.Group>
                <TextField label={t("ups.accountPostalCode")} autoComplete="off" value={form.accountPostalCode} onChange={set("accountPostalCode")} error={errorAt(errors, "accountPostalCode")} />
                <TextField label={t("ups.accountCountry")} autoComplete="off" value={form.accountCountry} onChange={set("accountCountry")} error={errorAt(errors, "accountCountry")} />
              </FormLayout.Group>
              <Select label={t("ups.mode")} options={[{ label: t("ups.modeTest"), value: "test" }, { label: t("production"), value: "production" }]} value={form.mode} onChange={set("mode")} />
              {authKind === "client_credentials" && (
                <FormLayout.Group>
                  <TextField label={t("ups.clientId")} autoComplete="off" value={form.clientId} onChange={set("clientId")} error={errorAt(errors, "clientId")} />
                  <TextField label={t("ups.clientSecret")} type="password" autoComplete="off" value={form.clientSecret} onChange={set("clientSecret")} error={errorAt(errors, "clientSecret")} />
                </FormLayout.Group>
              )}
            </FormLayout>
            <InlineStack>
              <Button variant="primary" loading={fetcher.state !== "idle"} onClick={connect}>
                {authKind === "authorization_code" ? t("ups.connectWithUps") : t("ups.connect")}
              </Button>
            </InlineStack>
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}
