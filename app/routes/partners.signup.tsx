// Creates a provider account (company name, email, password ≥ 12 characters); then the provider signs in.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Banner, Button, Card, FormLayout } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { ZodError } from "zod";
import { useTranslation } from "react-i18next";
import { Csrf, Field, PortalFrame } from "~/components/partners/PortalFrame";
import { getLocale } from "~/i18n/i18next.server";
import { PartnerError, partnersContext } from "~/services/partners/context.server";
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
  try {
    await createProviderAccount(ctx, { name: text(form, "name", 100), email: text(form, "email", 254), password: text(form, "password", 200), locale: await getLocale(request) });
  } catch (error) {
    if (error instanceof ZodError) return Response.json({ error: error.issues.map((i) => i.message).join("; ") }, { status: 422 });
    if (error instanceof PartnerError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
  return redirect("/partners/login");
};

export default function PortalSignup() {
  const { csrf } = useLoaderData<{ csrf: string }>();
  const result = useActionData<{ error?: string }>();
  const { t } = useTranslation("portal");
  return (
    <PortalFrame title={t("signup.title")}>
      <Card>
        <Form method="post">
          <Csrf token={csrf} />
          <FormLayout>
            {result?.error ? <Banner tone="critical">{result.error}</Banner> : null}
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
