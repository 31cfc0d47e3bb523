// Orders tab: every order routed to the provider across linked shops (filter by shop), with lines, address,
// chosen service and status; accept, reject with a reason, answer cancellations, ship with tracking.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Select, Text } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useTranslation } from "react-i18next";
import { type ActionAnswer, AnswerBanners, Choice, Csrf, Field, PortalFrame } from "~/components/partners/PortalFrame";
import { toApiOrder } from "~/services/partners/api-schemas";
import { providerLinks } from "~/services/partners/links.server";
import { listProviderOrders } from "~/services/partners/orders.server";
import { answer, orderIntent } from "~/services/partners/portal-actions.server";
import { portalForm, requirePortal } from "~/services/partners/portal-route.server";
import { REJECTION_REASONS } from "~/shopify/graphql/rejection-reasons";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { ctx, session } = await requirePortal(request);
  const shop = new URL(request.url).searchParams.get("shop")?.slice(0, 255) || undefined;
  const [orders, linked] = await Promise.all([listProviderOrders(ctx, session.providerId, shop ? { shop } : {}), providerLinks(ctx, session.providerId)]);
  return {
    session: { providerName: session.providerName, publicId: session.publicId, csrfToken: session.csrfToken },
    orders: orders.map(toApiOrder),
    shops: [...new Set(linked.map((l) => l.shop.domain))],
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const portal = await requirePortal(request);
  return answer(await orderIntent(portal, await portalForm(request, portal)));
};

const TONES: Record<string, "info" | "success" | "attention" | "critical" | undefined> = { requested: "attention", accepted: "info", shipped: "success", rejected: "critical", cancellation_requested: "attention" };

export default function PortalOrders() {
  const { session, orders, shops } = useLoaderData<typeof loader>();
  const result = useActionData<ActionAnswer>();
  const [params, setParams] = useSearchParams();
  const { t } = useTranslation("portal");
  return (
    <PortalFrame title={t("orders.title")} session={session}>
      <BlockStack gap="400">
        <AnswerBanners result={result} />
        <Select
          label={t("orders.shop")}
          options={[{ label: t("orders.allShops"), value: "" }, ...shops.map((s) => ({ label: s, value: s }))]}
          value={params.get("shop") ?? ""}
          onChange={(v) => setParams(v ? { shop: v } : {})}
        />
        {orders.length === 0 ? <Text as="p">{t("orders.none")}</Text> : null}
        {orders.map((o) => (
          <Card key={o.id}>
            <BlockStack gap="200">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h3" variant="headingSm">
                  {o.orderName} · {o.shop}
                </Text>
                <Badge tone={TONES[o.status]}>{t(`orders.status.${o.status}`)}</Badge>
                <Text as="span" tone="subdued">
                  {t("orders.settingsVersion", { version: o.settingsVersion })}
                </Text>
              </InlineStack>
              <Text as="p">{o.lines.map((l) => `${l.quantity} × ${l.title}${l.sku ? ` (${l.sku})` : ""}`).join(", ")}</Text>
              <Text as="p" tone="subdued">
                {[[o.destination?.firstName, o.destination?.lastName].filter(Boolean).join(" "), o.destination?.address1, o.destination?.city, o.destination?.zip, o.destination?.countryCode].filter(Boolean).join(", ")}
                {o.service ? ` · ${o.service}` : ""}
              </Text>
              {o.tracking ? <Text as="p">{t("orders.tracking", { company: o.tracking.company, number: o.tracking.number })}</Text> : null}
              {o.status === "requested" ? (
                <InlineStack gap="400" blockAlign="end">
                  <Form method="post">
                    <Csrf token={session.csrfToken} />
                    <input type="hidden" name="orderId" value={o.id} />
                    <input type="hidden" name="intent" value="accept" />
                    <Button submit variant="primary">
                      {t("orders.accept")}
                    </Button>
                  </Form>
                  <Form method="post">
                    <Csrf token={session.csrfToken} />
                    <input type="hidden" name="orderId" value={o.id} />
                    <input type="hidden" name="intent" value="reject" />
                    <InlineStack gap="200" blockAlign="end">
                      <Choice name="reason" label={t("orders.reason")} initial="OTHER" options={REJECTION_REASONS.map((r) => ({ value: r, label: t(`orders.reasons.${r}`) }))} />
                      <Field name="message" label={t("orders.why")} />
                      <Button submit tone="critical">
                        {t("orders.reject")}
                      </Button>
                    </InlineStack>
                  </Form>
                </InlineStack>
              ) : null}
              {o.status === "accepted" ? (
                <Form method="post">
                  <Csrf token={session.csrfToken} />
                  <input type="hidden" name="orderId" value={o.id} />
                  <input type="hidden" name="intent" value="ship" />
                  <InlineStack gap="200" blockAlign="end">
                    <Field name="trackingNumber" label={t("orders.trackingNumber")} />
                    <Field name="carrier" label={t("orders.carrier")} helpText={t("orders.carrierHelp")} />
                    <Button submit variant="primary">
                      {t("orders.ship")}
                    </Button>
                  </InlineStack>
                </Form>
              ) : null}
              {o.status === "cancellation_requested" ? (
                <InlineStack gap="200">
                  {(["cancel-accept", "cancel-refuse"] as const).map((intent) => (
                    <Form method="post" key={intent}>
                      <Csrf token={session.csrfToken} />
                      <input type="hidden" name="orderId" value={o.id} />
                      <input type="hidden" name="intent" value={intent} />
                      <Button submit>{intent === "cancel-accept" ? t("orders.acceptCancellation") : t("orders.refuseCancellation")}</Button>
                    </Form>
                  ))}
                </InlineStack>
              ) : null}
            </BlockStack>
          </Card>
        ))}
      </BlockStack>
    </PortalFrame>
  );
}
