// Linked shops ("3PL integrations"): every link with its status and who must act, invitations both ways,
// per-link settings (carriers, rules, payer, support, client id, webhook URL), deactivation, and the webhook log
// (recent messages with each delivery attempt; "Send again" replays one).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, FormLayout, InlineStack, Text } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useTranslation } from "react-i18next";
import { useFormat, useSayStored } from "~/i18n/hooks";
import { type ActionAnswer, AnswerBanners, Choice, Csrf, Field, Heading, PortalFrame } from "~/components/partners/PortalFrame";
import { parseLinkSettings } from "~/domain/partners/link-settings";
import { providerInvitations } from "~/services/partners/invitations.server";
import { providerLinks } from "~/services/partners/links.server";
import { providerWebhookLog } from "~/services/partners/webhook-attempts.server";
import { answer, linkIntent } from "~/services/partners/portal-actions.server";
import { portalForm, requirePortal } from "~/services/partners/portal-route.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { ctx, session } = await requirePortal(request);
  const [linked, invitations, log] = await Promise.all([providerLinks(ctx, session.providerId), providerInvitations(ctx, session.providerId), providerWebhookLog(ctx, session.providerId, { take: 20 })]);
  return {
    session: { providerName: session.providerName, publicId: session.publicId, csrfToken: session.csrfToken },
    links: linked.map((l) => ({ ...l, settings: parseLinkSettings(l.settings) })),
    received: invitations.received.map((i) => ({ id: i.id, expiresAt: i.expiresAt.toISOString() })),
    sent: invitations.sent.map((i) => ({ id: i.id, to: i.targetValue, expiresAt: i.expiresAt.toISOString() })),
    webhooks: log.map((m) => ({
      id: m.id,
      event: m.event,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      shop: m.link.shop.domain,
      log: m.attemptLog.map((a) => ({ ...a, startedAt: a.startedAt.toISOString() })),
    })),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const portal = await requirePortal(request);
  return answer(await linkIntent(portal, await portalForm(request, portal)));
};

// A placeholder, not prose: the same in every language.
const EXAMPLE_DOMAIN = "example.myshopify.com";

type Attempt = ReturnType<typeof useLoaderData<typeof loader>>["webhooks"][number]["log"][number];
const WEBHOOK_STATUSES = new Set(["pending", "delivered", "retrying", "dead"]);
const REPLAYABLE = new Set(["delivered", "retrying", "dead"]);

/** One attempt as a line: when, the HTTP status or what went wrong, how long, and what the receiver answered. */
function AttemptLine({ a }: { a: Attempt }) {
  const { t } = useTranslation("portal");
  const format = useFormat();
  const [cls, code] = (a.errorClass ?? "").split(":");
  const result = a.httpStatus !== null ? t("links.attemptHttp", { status: a.httpStatus }) : t(`links.attemptError.${cls}`, { code: code ?? "" });
  return (
    <Text as="p" tone="subdued">
      {t("links.attempt", { time: format.dateTime(a.startedAt), result, duration: a.durationMs })}
      {a.excerpt ? ` · ${t("links.attemptAnswer", { excerpt: a.excerpt })}` : ""}
    </Text>
  );
}

function Hidden({ csrf, intent, linkId }: { csrf: string; intent: string; linkId?: string }) {
  return (
    <>
      <Csrf token={csrf} />
      <input type="hidden" name="intent" value={intent} />
      {linkId ? <input type="hidden" name="linkId" value={linkId} /> : null}
    </>
  );
}

export default function PortalLinks() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionAnswer>();
  const csrf = data.session.csrfToken;
  const { t } = useTranslation("portal");
  const stored = useSayStored();
  return (
    <PortalFrame title={t("links.title")} session={data.session}>
      <BlockStack gap="400">
        <AnswerBanners result={result} />
        <Card>
          <Form method="post">
            <Hidden csrf={csrf} intent="invite" />
            <FormLayout>
              <Heading>{t("links.inviteHeading")}</Heading>
              <Choice name="by" label={t("links.inviteBy")} initial="shop_domain" options={[{ label: t("links.byDomain"), value: "shop_domain" }, { label: t("links.byEmail"), value: "email" }]} />
              <Field name="value" label={t("links.value")} helpText={EXAMPLE_DOMAIN} />
              <Button submit>{t("links.send")}</Button>
              <Text as="p" tone="subdued">
                {t("links.partnerId", { id: data.session.publicId })} {t("links.invitations", { received: t("links.received", { count: data.received.length }), sent: t("links.sent", { count: data.sent.length }) })}
              </Text>
            </FormLayout>
          </Form>
        </Card>
        {data.links.map((l) => (
          <Card key={l.id}>
            <BlockStack gap="300">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h3" variant="headingSm">
                  {l.shop.name ?? l.shop.domain}
                </Text>
                <Badge tone={l.status === "active" ? "success" : l.status === "pending" ? "attention" : undefined}>{t(`links.status.${l.status}`)}</Badge>
                {l.status === "pending" ? <Text as="span">{l.pendingOn === "provider" ? t("links.waitingForYou") : t("links.waitingForMerchant")}</Text> : null}
              </InlineStack>
              {l.lastError ? <Banner tone="warning">{stored(l.lastError)}</Banner> : null}
              {l.status === "pending" && l.pendingOn === "provider" ? (
                <Form method="post">
                  <Hidden csrf={csrf} intent="approve" linkId={l.id} />
                  <Button submit variant="primary">
                    {t("links.acceptLink")}
                  </Button>
                </Form>
              ) : null}
              <Form method="post">
                <Hidden csrf={csrf} intent="settings" linkId={l.id} />
                <FormLayout>
                  <Text as="p" tone="subdued">
                    {t("links.settingsVersion", { version: l.settingsVersion })}
                  </Text>
                  <Field name="carriers" label={t("links.carriers")} initial={l.settings.carriers.join(", ")} />
                  <Field name="shippingRules" label={t("links.shippingRules")} initial={l.settings.shippingRules} />
                  <Choice name="payer" label={t("links.payer")} initial={l.settings.payer} options={[{ label: t("links.payerProvider"), value: "provider" }, { label: t("links.payerMerchant"), value: "merchant" }]} />
                  <Choice name="supportHandledBy" label={t("links.support")} initial={l.settings.supportHandledBy} options={[{ label: t("links.supportProvider"), value: "provider" }, { label: t("links.supportMerchant"), value: "merchant" }]} />
                  <Field name="clientId" label={t("links.clientId")} initial={l.settings.clientId} />
                  <Field name="webhookUrl" label={t("links.webhookUrl")} type="url" initial={l.webhookUrl ?? ""} />
                  <Button submit>{t("links.save")}</Button>
                </FormLayout>
              </Form>
              {l.status === "active" ? (
                <Form method="post">
                  <Hidden csrf={csrf} intent="end" linkId={l.id} />
                  <Button submit tone="critical">
                    {t("links.deactivate")}
                  </Button>
                </Form>
              ) : null}
            </BlockStack>
          </Card>
        ))}
        {data.webhooks.length ? (
          <Card>
            <BlockStack gap="300">
              <Heading>{t("links.webhooksHeading")}</Heading>
              {data.webhooks.map((m) => (
                <BlockStack gap="100" key={m.id}>
                  <Form method="post">
                    <Csrf token={csrf} />
                    <input type="hidden" name="intent" value="replay" />
                    <input type="hidden" name="messageId" value={m.id} />
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="span">
                        {t("links.webhookLine", { event: m.event, shop: m.shop, status: WEBHOOK_STATUSES.has(m.status) ? t(`links.webhookStatus.${m.status}`) : m.status, count: m.attempts })}
                      </Text>
                      {REPLAYABLE.has(m.status) ? <Button submit>{t("links.sendAgain")}</Button> : null}
                    </InlineStack>
                  </Form>
                  {m.lastError && m.status !== "delivered" ? <Text as="p">{t("links.lastError", { error: stored(m.lastError) })}</Text> : null}
                  {m.log.length ? m.log.map((a) => <AttemptLine key={a.id} a={a} />) : <Text as="p" tone="subdued">{t("links.noAttempts")}</Text>}
                </BlockStack>
              ))}
            </BlockStack>
          </Card>
        ) : null}
      </BlockStack>
    </PortalFrame>
  );
}
