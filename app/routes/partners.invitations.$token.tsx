// A shop's emailed invitation, opened by the provider (signed in; the invitation must name its email or id).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Text } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useTranslation } from "react-i18next";
import { Csrf, PortalFrame } from "~/components/partners/PortalFrame";
import { PartnerError } from "~/services/partners/context.server";
import { acceptInvitation } from "~/services/partners/invitations.server";
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
  try {
    await acceptInvitation(portal.ctx, String(params.token ?? "").slice(0, 100), { kind: "provider", providerId: portal.session.providerId, email: portal.session.email });
  } catch (error) {
    if (error instanceof PartnerError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
  return redirect("/partners/links");
};

export default function PortalInvitation() {
  const { session } = useLoaderData<{ session: { providerName: string; publicId: string; csrfToken: string } }>();
  const result = useActionData<{ error?: string }>();
  const { t } = useTranslation("portal");
  return (
    <PortalFrame title={t("invitation.title")} session={session}>
      <Card>
        <BlockStack gap="300">
          {result?.error ? <Banner tone="critical">{result.error}</Banner> : null}
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
