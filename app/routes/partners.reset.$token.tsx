// Sets a new password from the emailed single-use token; every session of the account ends.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Banner, Button, Card, FormLayout } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useTranslation } from "react-i18next";
import { Csrf, Field, PortalFrame } from "~/components/partners/PortalFrame";
import { PartnerError, partnersContext } from "~/services/partners/context.server";
import { resetPassword } from "~/services/partners/portal-auth.server";
import { anonymousForm, isSecure, preSessionCsrf, text } from "~/services/partners/portal-route.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const csrf = preSessionCsrf(request, isSecure(partnersContext().appUrl));
  return Response.json({ csrf: csrf.token }, { headers: { "Referrer-Policy": "no-referrer", ...(csrf.setCookie ? { "Set-Cookie": csrf.setCookie } : {}) } });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const ctx = partnersContext();
  const form = await anonymousForm(request, ctx.appUrl);
  try {
    await resetPassword(ctx, String(params.token ?? ""), text(form, "password", 200));
  } catch (error) {
    if (error instanceof PartnerError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
  return redirect("/partners/login?reset=done");
};

export default function PortalReset() {
  const { csrf } = useLoaderData<{ csrf: string }>();
  const result = useActionData<{ error?: string }>();
  const { t } = useTranslation("portal");
  return (
    <PortalFrame title={t("reset.chooseTitle")}>
      <Card>
        <Form method="post">
          <Csrf token={csrf} />
          <FormLayout>
            {result?.error ? <Banner tone="critical">{result.error}</Banner> : null}
            <Field name="password" label={t("reset.newPassword")} type="password" autoComplete="new-password" helpText={t("fields.passwordHelp")} />
            <Button submit variant="primary">
              {t("reset.save")}
            </Button>
          </FormLayout>
        </Form>
      </Card>
    </PortalFrame>
  );
}
