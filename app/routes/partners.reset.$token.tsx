// Sets a new password from the emailed single-use token; every session of the account ends.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Card, FormLayout } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useTranslation } from "react-i18next";
import { type ActionAnswer, AnswerBanners, Csrf, Field, PortalFrame } from "~/components/partners/PortalFrame";
import { partnersContext } from "~/services/partners/context.server";
import { portalAnswer } from "~/services/partners/portal-actions.server";
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
  return portalAnswer(async () => {
    await resetPassword(ctx, String(params.token ?? ""), text(form, "password", 200));
    return redirect("/partners/login?reset=done");
  });
};

export default function PortalReset() {
  const { csrf } = useLoaderData<{ csrf: string }>();
  const result = useActionData<ActionAnswer>();
  const { t } = useTranslation("portal");
  return (
    <PortalFrame title={t("reset.chooseTitle")}>
      <Card>
        <Form method="post">
          <Csrf token={csrf} />
          <FormLayout>
            <AnswerBanners result={result} />
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
