// Asks for a password reset email. The answer is the same whether or not the address has an account.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Banner, Button, Card, FormLayout } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useTranslation } from "react-i18next";
import { type ActionAnswer, Csrf, Field, PortalFrame, useAnswerText } from "~/components/partners/PortalFrame";
import { getLocale } from "~/i18n/i18next.server";
import { partnersContext } from "~/services/partners/context.server";
import { clientAddress } from "~/services/partners/http.server";
import { requestPasswordReset } from "~/services/partners/portal-auth.server";
import { anonymousForm, isSecure, loginLimiter, preSessionCsrf, text } from "~/services/partners/portal-route.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const csrf = preSessionCsrf(request, isSecure(partnersContext().appUrl));
  return Response.json({ csrf: csrf.token }, { headers: csrf.setCookie ? { "Set-Cookie": csrf.setCookie } : {} });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const ctx = partnersContext();
  const form = await anonymousForm(request, ctx.appUrl);
  // Same per-address budget as sign-in: reset emails must not become a mail cannon.
  if (!loginLimiter.hit(clientAddress(request), ctx.now().getTime())) return Response.json({ error: "Too many attempts; wait 15 minutes", errorKey: "notices.tooManyFromAddress" }, { status: 429 });
  await requestPasswordReset(ctx, text(form, "email", 254), await getLocale(request));
  return Response.json({ sent: true });
};

export default function PortalResetRequest() {
  const { csrf } = useLoaderData<{ csrf: string }>();
  const result = useActionData<ActionAnswer & { sent?: boolean }>();
  const answer = useAnswerText();
  const { t } = useTranslation("portal");
  return (
    <PortalFrame title={t("reset.requestTitle")}>
      <Card>
        <Form method="post">
          <Csrf token={csrf} />
          <FormLayout>
            {result?.sent ? <Banner tone="success">{t("reset.sent")}</Banner> : null}
            {answer.error(result) ? <Banner tone="critical">{answer.error(result)}</Banner> : null}
            <Field name="email" label={t("fields.email")} type="email" autoComplete="username" />
            <Button submit variant="primary">
              {t("reset.send")}
            </Button>
          </FormLayout>
        </Form>
      </Card>
    </PortalFrame>
  );
}
