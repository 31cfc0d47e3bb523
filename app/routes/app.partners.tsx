// Fulfillment partners (3PL): invite a provider by email or partner id, accept a provider's invitation, see each
// link's status (and who must act), choose which orders go to the provider, deactivate or delete a link.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Badge, Banner, BlockStack, Button, Card, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { readIntent } from "~/admin/forms/read-form.server";
import { getLocale } from "~/i18n/i18next.server";
import { parseRouting } from "~/domain/partners/link-settings";
import { useSay, useSayStored } from "~/i18n/hooks";
import { say, type Said } from "~/lib/said";
import { PartnerError, partnersContext } from "~/services/partners/context.server";
import { MerchantIntent, merchantIntent, merchantPartnersPage } from "~/services/partners/merchant-page.server";
import { authenticate } from "~/shopify.server";
import { useTranslation } from "react-i18next";

/** Link statuses with a name of their own (partners:status.*); another shows as stored. */
const LINK_STATUSES = new Set(["pending", "active", "inactive"]);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const page = await merchantPartnersPage(partnersContext(), session.shop);
  return json({ ...page, links: page.links.map((l) => ({ ...l, routing: parseRouting(l.routing) })) });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await readIntent(request, MerchantIntent);
  if (!form.ok) return form.response;
  try {
    const answer = await merchantIntent(partnersContext(), { domain: session.shop, email: session.onlineAccessInfo?.associated_user?.email ?? null, locale: await getLocale(request) }, form.intent);
    return json({ ok: true, ...answer });
  } catch (error) {
    // The service's sentence lives in the portal namespace, shared with the provider's side.
    if (error instanceof PartnerError) return json({ ok: false, message: error.message, said: say("portal:" + error.key, error.params) }, { status: error.status });
    throw error;
  }
};

function Text2({ name, label, initial = "", helpText }: { name: string; label: string; initial?: string; helpText?: string }) {
  const [v, setV] = useState(initial);
  return <TextField name={name} label={label} value={v} onChange={setV} autoComplete="off" helpText={helpText} />;
}

function Choice({ name, label, options, initial }: { name: string; label: string; options: { label: string; value: string }[]; initial: string }) {
  const [v, setV] = useState(initial);
  return <Select name={name} label={label} options={options} value={v} onChange={setV} />;
}

export default function Partners() {
  const { links, locations, locationsError } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: boolean; message?: string; said?: Said }>();
  const { t } = useTranslation("partners");
  const speak = useSay();
  const stored = useSayStored();
  const said = result?.said ? speak(result.said) : result?.message;
  return (
    <Page>
      <TitleBar title={t("common:nav.partners")} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {said ? <Banner tone={result?.ok ? "success" : "critical"}>{said}</Banner> : null}
            <Card>
              <Form method="post">
                <input type="hidden" name="intent" value="invite" />
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    {t("invite.title")}
                  </Text>
                  <Choice name="by" label={t("invite.by")} initial="email" options={[{ label: t("invite.email"), value: "email" }, { label: t("invite.partnerId"), value: "partner_id" }]} />
                  <Text2 name="value" label={t("invite.value")} helpText={t("invite.valueHelp", { example: "P-ABC12345" })} />
                  <Button submit variant="primary">
                    {t("invite.submit")}
                  </Button>
                </FormLayout>
              </Form>
            </Card>
            <Card>
              <Form method="post">
                <input type="hidden" name="intent" value="accept" />
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    {t("accept.title")}
                  </Text>
                  <Text2 name="token" label={t("accept.code")} />
                  <Button submit>{t("accept.submit")}</Button>
                </FormLayout>
              </Form>
            </Card>
            {links.map((l) => (
              <Card key={l.id}>
                <BlockStack gap="300">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="h3" variant="headingSm">
                      {l.provider.name} ({l.provider.publicId})
                    </Text>
                    <Badge tone={l.status === "active" ? "success" : l.status === "pending" ? "attention" : undefined}>{LINK_STATUSES.has(l.status) ? t(`status.${l.status}`) : l.status}</Badge>
                    {l.status === "pending" ? <Text as="span">{l.pendingOn === "merchant" ? t("link.waitingForYou") : t("link.waitingForProvider")}</Text> : null}
                  </InlineStack>
                  {l.lastError ? <Banner tone="warning">{stored(l.lastError)}</Banner> : null}
                  {l.status === "pending" && l.pendingOn === "merchant" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="approve" />
                      <input type="hidden" name="linkId" value={l.id} />
                      <Button submit variant="primary">
                        {t("link.activate")}
                      </Button>
                    </Form>
                  ) : null}
                  <Form method="post">
                    <input type="hidden" name="intent" value="routing" />
                    <input type="hidden" name="linkId" value={l.id} />
                    <FormLayout>
                      <Choice
                        name="kind"
                        label={t("routing.label")}
                        initial={l.routing.kind}
                        options={[
                          { label: t("routing.all"), value: "all" },
                          { label: t("routing.skus"), value: "skus" },
                          { label: t("routing.tags"), value: "tags" },
                          { label: t("routing.countries"), value: "countries" },
                        ]}
                      />
                      <Text2 name="values" label={t("routing.values")} initial={"values" in l.routing ? l.routing.values.join(", ") : ""} />
                      <Button submit>{t("routing.save")}</Button>
                    </FormLayout>
                  </Form>
                  {l.status !== "pending" || l.locationId ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="end" />
                      <input type="hidden" name="linkId" value={l.id} />
                      <FormLayout>
                        {locationsError ? <Banner tone="warning">{t("end.locationsError", { detail: locationsError })}</Banner> : null}
                        <Choice name="returnLocationId" label={t("end.returnTo")} initial={locations[0]?.id ?? ""} options={locations.map((x) => ({ label: x.name, value: x.id }))} />
                        <Choice
                          name="inventoryAction"
                          label={t("end.inventory")}
                          initial="TRANSFER"
                          options={[
                            { label: t("end.transfer"), value: "TRANSFER" },
                            { label: t("end.keep"), value: "KEEP" },
                            { label: t("end.delete"), value: "DELETE" },
                          ]}
                        />
                        <Choice name="mode" label={t("end.then")} initial="deactivate" options={[{ label: t("end.deactivate"), value: "deactivate" }, { label: t("end.deleteLink"), value: "delete" }]} />
                        <Button submit tone="critical">
                          {t("end.submit")}
                        </Button>
                      </FormLayout>
                    </Form>
                  ) : null}
                </BlockStack>
              </Card>
            ))}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
