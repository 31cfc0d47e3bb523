// Fulfillment partners (3PL): invite a provider by email or partner id, accept a provider's invitation, see each
// link's status (and who must act), choose which orders go to the provider, deactivate or delete a link.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Badge, Banner, BlockStack, Button, Card, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { readIntent } from "~/admin/forms/read-form.server";
import { parseRouting } from "~/domain/partners/link-settings";
import { PartnerError, partnersContext } from "~/services/partners/context.server";
import { MerchantIntent, merchantIntent, merchantPartnersPage } from "~/services/partners/merchant-page.server";
import { authenticate } from "~/shopify.server";

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
    return json({ ok: true, message: await merchantIntent(partnersContext(), { domain: session.shop, email: session.onlineAccessInfo?.associated_user?.email ?? null }, form.intent) });
  } catch (error) {
    if (error instanceof PartnerError) return json({ ok: false, message: error.message }, { status: error.status });
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
  const result = useActionData<{ ok: boolean; message?: string }>();
  return (
    <Page>
      <TitleBar title="Fulfillment partners" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result?.message ? <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner> : null}
            <Card>
              <Form method="post">
                <input type="hidden" name="intent" value="invite" />
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    Invite a logistics provider
                  </Text>
                  <Choice name="by" label="Invite by" initial="email" options={[{ label: "Email", value: "email" }, { label: "Waypost partner id", value: "partner_id" }]} />
                  <Text2 name="value" label="Email or partner id" helpText="A partner id looks like P-ABC12345" />
                  <Button submit variant="primary">
                    Invite
                  </Button>
                </FormLayout>
              </Form>
            </Card>
            <Card>
              <Form method="post">
                <input type="hidden" name="intent" value="accept" />
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    Accept a provider&apos;s invitation
                  </Text>
                  <Text2 name="token" label="Invitation code" />
                  <Button submit>Accept</Button>
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
                    <Badge tone={l.status === "active" ? "success" : l.status === "pending" ? "attention" : undefined}>{l.status}</Badge>
                    {l.status === "pending" ? <Text as="span">{l.pendingOn === "merchant" ? "Waiting for you" : "Waiting for the provider"}</Text> : null}
                  </InlineStack>
                  {l.lastError ? <Banner tone="warning">{l.lastError}</Banner> : null}
                  {l.status === "pending" && l.pendingOn === "merchant" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="approve" />
                      <input type="hidden" name="linkId" value={l.id} />
                      <Button submit variant="primary">
                        Activate link
                      </Button>
                    </Form>
                  ) : null}
                  <Form method="post">
                    <input type="hidden" name="intent" value="routing" />
                    <input type="hidden" name="linkId" value={l.id} />
                    <FormLayout>
                      <Choice
                        name="kind"
                        label="Orders for this provider"
                        initial={l.routing.kind}
                        options={[
                          { label: "All orders routed to its location", value: "all" },
                          { label: "Only these SKUs", value: "skus" },
                          { label: "Only orders with these product tags (set in Shopify order routing)", value: "tags" },
                          { label: "Only these destination countries", value: "countries" },
                        ]}
                      />
                      <Text2 name="values" label="SKUs, tags or country codes (comma-separated)" initial={"values" in l.routing ? l.routing.values.join(", ") : ""} />
                      <Button submit>Save routing</Button>
                    </FormLayout>
                  </Form>
                  {l.status !== "pending" || l.locationId ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="end" />
                      <input type="hidden" name="linkId" value={l.id} />
                      <FormLayout>
                        {locationsError ? <Banner tone="warning">{locationsError}</Banner> : null}
                        <Choice name="returnLocationId" label="Return unstarted orders to" initial={locations[0]?.id ?? ""} options={locations.map((x) => ({ label: x.name, value: x.id }))} />
                        <Choice
                          name="inventoryAction"
                          label="Inventory at the provider's location"
                          initial="TRANSFER"
                          options={[
                            { label: "Transfer it to the location above", value: "TRANSFER" },
                            { label: "Keep the location as your own", value: "KEEP" },
                            { label: "Delete it", value: "DELETE" },
                          ]}
                        />
                        <Choice name="mode" label="Then" initial="deactivate" options={[{ label: "Deactivate (can be re-linked)", value: "deactivate" }, { label: "Delete the link", value: "delete" }]} />
                        <Button submit tone="critical">
                          End link
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
