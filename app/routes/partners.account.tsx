// The provider's account: what deleting it does, and the deletion itself, confirmed by typing the account email.
// Success signs out (the sessions are gone with the account) and lands on the sign-in page.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, Text } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useTranslation } from "react-i18next";
import { type ActionAnswer, AnswerBanners, Csrf, Field, Heading, PortalFrame } from "~/components/partners/PortalFrame";
import { deleteProviderAccount } from "~/services/partners/account-deletion.server";
import { SESSION_COOKIE, cookie } from "~/services/partners/http.server";
import { answer, portalAnswer } from "~/services/partners/portal-actions.server";
import { isSecure, portalForm, requirePortal, text } from "~/services/partners/portal-route.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { ctx, session } = await requirePortal(request);
  const [links, inProgress] = await Promise.all([
    ctx.db.partnerLink.count({ where: { providerId: session.providerId } }),
    ctx.db.partnerOrder.count({ where: { providerId: session.providerId, status: { in: ["accepted", "cancellation_requested"] } } }),
  ]);
  return { session: { providerName: session.providerName, publicId: session.publicId, csrfToken: session.csrfToken }, email: session.email, links, inProgress };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const portal = await requirePortal(request);
  const form = await portalForm(request, portal);
  if (text(form, "intent", 20) !== "delete") return answer({ error: "Unknown action", errorKey: "errors.unknownAction", status: 400 });
  return portalAnswer(async () => {
    await deleteProviderAccount(portal.ctx, portal.session.providerId, { confirmEmail: text(form, "confirmEmail", 254), signedInEmail: portal.session.email });
    return redirect("/partners/login?account=deleted", { headers: { "Set-Cookie": cookie(SESSION_COOKIE, "", { secure: isSecure(portal.ctx.appUrl), maxAgeSeconds: 0 }) } });
  });
};

export default function PortalAccount() {
  const { session, email, links, inProgress } = useLoaderData<typeof loader>();
  const result = useActionData<ActionAnswer>();
  const { t } = useTranslation("portal");
  return (
    <PortalFrame title={t("account.title")} session={session}>
      <BlockStack gap="400">
        <AnswerBanners result={result} />
        <Card>
          <Form method="post">
            <Csrf token={session.csrfToken} />
            <input type="hidden" name="intent" value="delete" />
            <FormLayout>
              <Heading>{t("account.heading")}</Heading>
              <Text as="p">{t("account.body", { count: links })}</Text>
              {inProgress > 0 ? (
                <Banner tone="warning">{t("account.inProgress", { count: inProgress })}</Banner>
              ) : null}
              <Field name="confirmEmail" label={t("account.confirm", { email })} type="email" autoComplete="off" />
              <Button submit tone="critical" variant="primary">
                {t("account.delete")}
              </Button>
            </FormLayout>
          </Form>
        </Card>
      </BlockStack>
    </PortalFrame>
  );
}
