// Partner portal sign-in: argon2id-checked password, database session cookie, rate-limited (per account and per
// address), CSRF double-submit before the session exists.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useTranslation } from "react-i18next";
import { type ActionAnswer, Csrf, Field, PortalFrame, useAnswerText } from "~/components/partners/PortalFrame";
import { getLocale } from "~/i18n/i18next.server";
import { partnersContext } from "~/services/partners/context.server";
import { SESSION_COOKIE, clientAddress, cookie } from "~/services/partners/http.server";
import { login, SESSION_TTL_MS } from "~/services/partners/portal-auth.server";
import { anonymousForm, isSecure, loginLimiter, preSessionCsrf, text } from "~/services/partners/portal-route.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

const safeNext = (next: string | null) => (next && /^\/partners\/[A-Za-z0-9/_-]{0,200}$/.test(next) ? next : "/partners/orders");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const ctx = partnersContext();
  const csrf = preSessionCsrf(request, isSecure(ctx.appUrl));
  const params = new URL(request.url).searchParams;
  const reset = params.get("reset") === "done";
  const deleted = params.get("account") === "deleted";
  return Response.json({ csrf: csrf.token, reset, deleted }, { headers: csrf.setCookie ? { "Set-Cookie": csrf.setCookie } : {} });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const ctx = partnersContext();
  const form = await anonymousForm(request, ctx.appUrl);
  const result = await login(ctx, loginLimiter, { email: text(form, "email", 254), password: text(form, "password", 200), address: clientAddress(request), locale: await getLocale(request) });
  if (!result.ok) return Response.json({ error: result.message, errorKey: result.key }, { status: result.status });
  return redirect(safeNext(new URL(request.url).searchParams.get("next")), {
    headers: { "Set-Cookie": cookie(SESSION_COOKIE, result.sessionToken, { secure: isSecure(ctx.appUrl), maxAgeSeconds: SESSION_TTL_MS / 1000 }) },
  });
};

export default function PortalLogin() {
  const { csrf, reset, deleted } = useLoaderData<{ csrf: string; reset: boolean; deleted: boolean }>();
  const result = useActionData<ActionAnswer>();
  const { t } = useTranslation("portal");
  const answer = useAnswerText();
  return (
    <PortalFrame title={t("login.title")}>
      <Card>
        <Form method="post">
          <Csrf token={csrf} />
          <FormLayout>
            {deleted ? <Banner tone="success">{t("login.deleted")}</Banner> : null}
            {reset ? <Banner tone="success">{t("login.reset")}</Banner> : null}
            {answer.error(result) ? <Banner tone="critical">{answer.error(result)}</Banner> : null}
            <Field name="email" label={t("fields.email")} type="email" autoComplete="username" />
            <Field name="password" label={t("fields.password")} type="password" autoComplete="current-password" />
            <Button submit variant="primary">
              {t("login.submit")}
            </Button>
            <BlockStack gap="100">
              <Link to="/partners/reset">{t("login.forgot")}</Link>
              <Link to="/partners/signup">{t("login.signup")}</Link>
            </BlockStack>
          </FormLayout>
        </Form>
      </Card>
    </PortalFrame>
  );
}
