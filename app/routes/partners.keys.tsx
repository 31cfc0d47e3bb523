// API keys for the provider API (/partners/api/v1): create (shown once), revoke.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Text } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/i18n/hooks";
import { type ActionAnswer, Csrf, Field, PortalFrame, useAnswerText } from "~/components/partners/PortalFrame";
import { listApiKeys } from "~/services/partners/api-keys.server";
import { answer, keyIntent } from "~/services/partners/portal-actions.server";
import { portalForm, requirePortal } from "~/services/partners/portal-route.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { ctx, session } = await requirePortal(request);
  const keys = await listApiKeys(ctx, session.providerId);
  return {
    session: { providerName: session.providerName, publicId: session.publicId, csrfToken: session.csrfToken },
    keys: keys.map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, revoked: !!k.revokedAt, lastUsedAt: k.lastUsedAt?.toISOString() ?? null })),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const portal = await requirePortal(request);
  return answer(await keyIntent(portal, await portalForm(request, portal)));
};

/** How a key looks with its secret part hidden: a code, not prose. */
const maskedKey = (prefix: string) => `wpk_${prefix}_…`;

export default function PortalKeys() {
  const { session, keys } = useLoaderData<typeof loader>();
  const result = useActionData<ActionAnswer & { key?: string }>();
  const { t } = useTranslation("portal");
  const format = useFormat();
  const answer = useAnswerText();
  return (
    <PortalFrame title={t("keys.title")} session={session}>
      <BlockStack gap="400">
        {answer.error(result) ? <Banner tone="critical">{answer.error(result)}</Banner> : null}
        {result?.key ? (
          <Banner tone="success" title={answer.success(result)}>
            <code>{result.key}</code>
          </Banner>
        ) : null}
        <Card>
          <Form method="post">
            <Csrf token={session.csrfToken} />
            <input type="hidden" name="intent" value="create" />
            <FormLayout>
              <Field name="name" label={t("keys.name")} helpText={t("keys.nameHelp")} />
              <Button submit>{t("keys.create")}</Button>
            </FormLayout>
          </Form>
        </Card>
        {keys.map((k) => (
          <Card key={k.id}>
            <InlineStack gap="300" blockAlign="center">
              <Text as="span">
                {k.name} · {maskedKey(k.prefix)} {k.revoked ? t("keys.revoked") : k.lastUsedAt ? t("keys.lastUsed", { date: format.dateTime(k.lastUsedAt) }) : t("keys.neverUsed")}
              </Text>
              {k.revoked ? null : (
                <Form method="post">
                  <Csrf token={session.csrfToken} />
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="keyId" value={k.id} />
                  <Button submit tone="critical">
                    {t("keys.revoke")}
                  </Button>
                </Form>
              )}
            </InlineStack>
          </Card>
        ))}
      </BlockStack>
    </PortalFrame>
  );
}
