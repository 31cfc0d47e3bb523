// Creates a provider account (company name, email, password ≥ 12 characters); then the provider signs in.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Card, FormLayout } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useTranslation } from "react-i18next";
import { type ActionAnswer, AnswerBanners, Csrf, Field, PortalFrame } from "~/components/partners/PortalFrame";
import { getLocale } from "~/i18n/i18next.server";
import { partnersContext } from "~/services/partners/context.server";
import { portalAnswer } from "~/services/partners/portal-actions.server";
import { createProviderAccount } from "~/services/partners/portal-auth.server";
import { anonymousForm, isSecure, preSessionCsrf, text } from "~/services/partners/portal-route.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const csrf = preSessionCsrf(request, isSecure(partnersContext().appUrl));
  return Response.json({ csrf: csrf.token }, { headers: csrf.setCookie ? { "Set-Cookie": csrf.setCookie } : {} });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const ctx = partnersContext();
  const form = await anonymousForm(request, ctx.appUrl);
  return portalAnswer(async () => {
    await createProviderAccount(ctx, { name: text(form, "name", 100), email: text(form, "email", 254), password: text(form, "password", 200), locale: await getLocale(request) });
    return redirect("/partners/login");
  });
};

export default function PortalSignup() {
  const { csrf } = useLoaderData<{ csrf: string }>();
  const result = useActionData<ActionAnswer>();
  const { t } = useTranslation("portal");
  return (
    <PortalFrame title={t("signup.title")}>
      <Card>
        <Form method="post">
          <Csrf token={csrf} />
          <FormLayout>
            <AnswerBanners result={result} />
            <Field name="name" label={t("signup.company")} autoComplete="organization" />
            <Field name="email" label={t("fields.email")} type="email" autoComplete="username" />
            <Field name="password" label={t("fields.password")} type="password" autoComplete="new-password" helpText={t("fields.passwordHelp")} />
            <Button submit variant="primary">
              {t("signup.submit")}
            </Button>
          </FormLayout>
        </Form>
      </Card>
    </PortalFrame>
  );
}
