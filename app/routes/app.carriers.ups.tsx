// Carriers → UPS: connect an account (UPS sign-in by default, or the merchant's own UPS app), see its status, mode
// and diagnosis, verify it again, disconnect. The sign-in leaves the admin iframe (window.open(url, "_top"), which
// App Bridge carries to the top frame) and comes back through /carriers/ups/callback.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Banner, BlockStack, Button, Card, ChoiceList, FormLayout, InlineStack, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
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
type ActionResult = { ok: true; authorizeUrl?: string; message?: string } | { ok: false; message: string; errors?: FieldError[] };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await shopOf(session.shop);
  const parsed = ActionSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return json<ActionResult>({ ok: false, message: "The form could not be read; reload the page." }, { status: 400 });
  const deps = upsConnectDeps();
  const body = parsed.data;
  if (body.intent === "authorize" || body.intent === "client_credentials") {
    const schema = body.intent === "authorize" ? UpsAccountFormSchema : UpsClientCredentialsFormSchema;
    const form = schema.safeParse(body.form);
    if (!form.success) return json<ActionResult>({ ok: false, message: "Check the highlighted fields.", errors: zodFieldErrors(form.error) }, { status: 422 });
    if (body.intent === "authorize") {
      const started = startUpsAuthorization(deps, shop.domain, form.data);
      return json<ActionResult>(started.ok ? { ok: true, authorizeUrl: started.url } : { ok: false, message: started.message }, { status: started.ok ? 200 : 422 });
    }
    const connected = await connectUpsClientCredentials(deps, shop, UpsClientCredentialsFormSchema.parse(body.form));
    return json<ActionResult>({ ok: true, message: connected.status === "connected" ? "UPS connected." : "UPS answered, but the account needs attention (see below)." });
  }
  if (body.intent === "verify") {
    const status = await verifyUpsConnection(deps, shop, body.connectionId);
    return json<ActionResult>({ ok: true, message: status === "connected" ? "UPS answered: the account works." : "The account needs attention (see below)." });
  }
  const removed = await disconnectUps(getDb(), shop.id, body.connectionId);
  return json<ActionResult>(removed ? { ok: true, message: "UPS disconnected; its tokens were deleted." } : { ok: false, message: "That connection no longer exists." });
};

const RETURNS: Record<string, { tone: "success" | "warning" | "critical"; title: string }> = {
  connected: { tone: "success", title: "UPS connected" },
  pending: { tone: "warning", title: "You signed in to UPS, but the account could not be used yet (see the diagnosis below)" },
  needs_reconnect: { tone: "critical", title: "UPS did not accept the sign-in; connect again" },
  denied: { tone: "warning", title: "UPS sign-in was cancelled; nothing was connected" },
  failed: { tone: "critical", title: "UPS did not complete the sign-in; try again" },
};

export default function UpsCarrier() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const fetcher = useFetcher<ActionResult>();
  const [authKind, setAuthKind] = useState<"authorization_code" | "client_credentials">(data.appConfigured ? "authorization_code" : "client_credentials");
  const [form, setForm] = useState({ accountNumber: "", accountPostalCode: "", accountCountry: "US", mode: "test", clientId: "", clientSecret: "" });
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const errors = result && !result.ok ? (result.errors ?? []) : [];
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
  const returned = RETURNS[params.get("ups") ?? ""];

  return (
    <Page title="UPS" backAction={{ content: "Carriers", url: "/app/carriers" }}>
      <TitleBar title="UPS" />
      <BlockStack gap="400">
        {returned && <Banner tone={returned.tone} title={returned.title} />}
        {result && <Banner tone={result.ok ? "success" : "critical"} title={result.ok ? (result.message ?? "Redirecting to UPS…") : result.message} />}
        {data.connections.map((c) => (
          <Card key={c.id}>
            <BlockStack gap="200">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h2" variant="headingMd">{`UPS account ${c.accountNumber}`}</Text>
                <StatusBadge status={c.status} />
                <Text as="span" tone="subdued">{`${c.mode === "production" ? "Production" : "Test (UPS CIE)"} · ${c.settings.authKind === "client_credentials" ? "your UPS app" : "UPS sign-in"}`}</Text>
              </InlineStack>
              {c.diagnosis?.outcome === "negotiated" && <Text as="p">{"UPS returns this account's negotiated rates."}</Text>}
              {c.diagnosis?.outcome === "published_only" && <Text as="p" tone="caution">UPS returns published rates only for this account.</Text>}
              {(c.diagnosis?.messages ?? []).map((m, i) => (
                <Banner key={i} tone="warning">
                  <p>{m.message}</p>
                </Banner>
              ))}
              {c.lastError && !c.diagnosis?.messages?.length && <Text as="p" tone="critical">{c.lastError}</Text>}
              <InlineStack gap="200">
                <Button onClick={() => submit({ intent: "verify", connectionId: c.id })}>Check the account again</Button>
                <Button tone="critical" onClick={() => submit({ intent: "disconnect", connectionId: c.id })}>Disconnect</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        ))}
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">{data.connections.length > 0 ? "Connect again or add an account" : "Connect a UPS account"}</Text>
            <ChoiceList
              title="How to connect"
              choices={[
                { label: "Sign in to UPS (recommended)", value: "authorization_code", disabled: !data.appConfigured },
                { label: "My own UPS developer app (client id and secret)", value: "client_credentials" },
              ]}
              selected={[authKind]}
              onChange={(v) => setAuthKind(v[0] as typeof authKind)}
            />
            <FormLayout>
              <TextField label="UPS account number" autoComplete="off" value={form.accountNumber} onChange={set("accountNumber")} error={errorAt(errors, "accountNumber")} helpText="The six-character shipper number; UPS prices negotiated rates for it." />
              <FormLayout.Group>
                <TextField label="Account postal code" autoComplete="off" value={form.accountPostalCode} onChange={set("accountPostalCode")} error={errorAt(errors, "accountPostalCode")} />
                <TextField label="Account country" autoComplete="off" value={form.accountCountry} onChange={set("accountCountry")} error={errorAt(errors, "accountCountry")} />
              </FormLayout.Group>
              <Select label="Mode" options={[{ label: "Test (UPS CIE)", value: "test" }, { label: "Production", value: "production" }]} value={form.mode} onChange={set("mode")} />
              {authKind === "client_credentials" && (
                <FormLayout.Group>
                  <TextField label="Client ID" autoComplete="off" value={form.clientId} onChange={set("clientId")} error={errorAt(errors, "clientId")} />
                  <TextField label="Client secret" type="password" autoComplete="off" value={form.clientSecret} onChange={set("clientSecret")} error={errorAt(errors, "clientSecret")} />
                </FormLayout.Group>
              )}
            </FormLayout>
            <InlineStack>
              <Button variant="primary" loading={fetcher.state !== "idle"} onClick={connect}>
                {authKind === "authorization_code" ? "Connect with UPS" : "Connect"}
              </Button>
            </InlineStack>
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}
