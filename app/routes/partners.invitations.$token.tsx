// A shop's emailed invitation, opened by the provider (signed in; the invitation must name its email or id).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BlockStack, Button, Card, Text } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useTranslation } from "react-i18next";
import { type ActionAnswer, AnswerBanners, Csrf, PortalFrame } from "~/components/partners/PortalFrame";
import { acceptInvitation } from "~/services/partners/invitations.server";
import { portalAnswer } from "~/services/partners/portal-actions.server";
import { portalForm, requirePortal } from "~/services/partners/portal-route.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await requirePortal(request);
  return Response.json(
    { session: { providerName: session.providerName, publicId: session.publicId, csrfToken: session.csrfToken } },
    { headers: { "Referrer-Policy": "no-referrer" } },
  );
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const portal = await requirePortal(request);
  await portalForm(request, portal);
  return portalAnswer(async () => {
    await acceptInvitation(portal.ctx, String(params.token ?? "").slice(0, 100), { kind: "provider", providerId: portal.session.providerId, email: portal.session.email });
    return redirect("/partners/links");
  });
};

export default function PortalInvitation() {
  const { session } = useLoaderData<{ session: { providerName: string; publicId: string; csrfToken: string } }>();
  const result = useActionData<ActionAnswer>();
  const { t } = useTranslation("portal");
  return (
    <PortalFrame title={t("invitation.title")} session={session}>
      <Card>
        <BlockStack gap="300">
          <AnswerBanners result={result} />
          <Text as="p">{t("invitation.body")}</Text>
          <Form method="post">
            <Csrf token={session.csrfToken} />
            <Button submit variant="primary">
              {t("invitation.accept")}
            </Button>
          </Form>
        </BlockStack>
      </Card>
    </PortalFrame>
  );
}
