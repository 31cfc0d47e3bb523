// The home page's setup guide (Polaris "setup guide" pattern): a card with a progress bar and six collapsible
// steps, each showing whether it is done, still to do, or broken, with a button to the page that does it.
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, ButtonGroup, Card, Collapsible, Icon, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { AlertCircleIcon, CheckCircleIcon, ChevronDownIcon, ChevronUpIcon, XIcon } from "@shopify/polaris-icons";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/i18n/hooks";
import type { SetupFacts, SetupGuideState, StepId, StepStatus } from "~/domain/setup-guide";

const SHOPIFY_SHIPPING_SETTINGS = "shopify://admin/settings/shipping";
/** Carriers bill a package by size once a side is over 11 inches (279.4 mm). */
const OVERSIZE_SIDE_MM = 279.4;

export interface SetupGuideProps {
  guide: SetupGuideState & { facts: SetupFacts; productsError: "temporary" | "failed" | null };
  connectable: { id: string; displayName: string; href: string }[];
}

export function SetupGuide({ guide, connectable }: SetupGuideProps) {
  const firstOpen = guide.steps.find((s) => s.status !== "done")?.id ?? null;
  const [open, setOpen] = useState<StepId | null>(firstOpen);
  const [collapsed, setCollapsed] = useState(false);
  const fetcher = useFetcher();
  const busy = fetcher.state !== "idle";
  const send = (intent: string) => fetcher.submit({ intent }, { method: "post" });
  const status = (id: StepId) => guide.steps.find((s) => s.id === id)!.status;
  const { t } = useTranslation("home");
  const fmt = useFormat();
  const size = fmt.length(OVERSIZE_SIDE_MM, "in");
  const products = guide.facts.products;

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="start" wrap={false}>
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">{t("guide.title")}</Text>
            <Text as="p" tone="subdued">{t("guide.intro")}</Text>
          </BlockStack>
          <ButtonGroup variant="segmented">
            {guide.broken.length === 0 && <Button variant="tertiary" icon={XIcon} accessibilityLabel={t("guide.dismiss")} loading={busy} onClick={() => send("dismiss")} />}
            <Button variant="tertiary" icon={collapsed ? ChevronDownIcon : ChevronUpIcon} accessibilityLabel={collapsed ? t("guide.showSteps") : t("guide.hideSteps")} onClick={() => setCollapsed((c) => !c)} />
          </ButtonGroup>
        </InlineStack>
        <InlineStack gap="200" blockAlign="center" wrap={false}>
          <Text as="span" variant="bodySm">{t("guide.progress", { count: guide.steps.length, completed: guide.completed })}</Text>
          <div style={{ flex: 1 }}>
            <ProgressBar progress={(guide.completed / guide.steps.length) * 100} size="small" tone="primary" />
          </div>
        </InlineStack>
        <Collapsible id="setup-guide-steps" open={!collapsed}>
          <BlockStack gap="100">
            <Step id="carrier" title={t("guide.carrier.title")} status={status("carrier")} open={open} onToggle={setOpen}>
              <Text as="p">{t("guide.carrier.body")}</Text>
              {guide.facts.carriers.needsReconnect.map((c) => (
                <Text as="p" tone="critical" key={c.carrierId}>{t("guide.carrier.reconnect", { carrier: c.displayName })}</Text>
              ))}
              <ButtonGroup>
                {connectable.map((c) => (
                  <Button key={c.id} url={c.href}>{t("guide.carrier.connect", { carrier: c.displayName })}</Button>
                ))}
                <Button onClick={() => send("own_rate_tables")} loading={busy} disabled={guide.facts.ownRateTables}>
                  {t("guide.carrier.ownRateTables")}
                </Button>
              </ButtonGroup>
            </Step>
            <Step id="zones" title={t("guide.zones.title")} status={status("zones")} open={open} onToggle={setOpen}>
              <Text as="p">{t("guide.zones.body")}</Text>
              <ButtonGroup>
                <Button variant="primary" url="/app/zones/new">{t("guide.zones.add")}</Button>
                <Button url="/app/zones">{t("guide.zones.view")}</Button>
              </ButtonGroup>
            </Step>
            <Step id="services" title={t("guide.services.title")} status={status("services")} open={open} onToggle={setOpen}>
              <Text as="p">{t("guide.services.body")}</Text>
              {guide.zonesWithoutServices.map((z) => (
                <InlineStack key={z.id} gap="200" blockAlign="center">
                  <Text as="span" tone="critical">{t("guide.services.zoneWithout", { zone: z.name })}</Text>
                  <Button variant="plain" url={`/app/zones/${z.id}`}>{t("zonesWithoutServices.add")}</Button>
                </InlineStack>
              ))}
              <ButtonGroup>
                <Button url="/app/zones">{t("guide.services.open")}</Button>
              </ButtonGroup>
            </Step>
            <Step id="products" title={t("guide.products.title")} status={status("products")} open={open} onToggle={setOpen}>
              <Text as="p">{t("guide.products.body", { size })}</Text>
              {guide.productsError ? (
                <Text as="p" tone="caution">{t(`guide.products.unavailable.${guide.productsError}`)}</Text>
              ) : products ? (
                <BlockStack gap="100">
                  {products.missingWeight > 0 && <Text as="p" tone="caution">{t("guide.products.missingWeight", { count: products.total, missing: products.missingWeight })}</Text>}
                  {products.missingDimensions > 0 && (
                    <Text as="p" tone="caution">{t("guide.products.missingDimensions", { count: products.total, missing: products.missingDimensions, size })}</Text>
                  )}
                  {products.oversize > 0 && <Text as="p">{t("guide.products.oversize", { count: products.oversize, size })}</Text>}
                  {products.missingWeight + products.missingDimensions === 0 && products.complete && <Text as="p">{t("guide.products.complete")}</Text>}
                  {!products.complete && <Text as="p" tone="subdued">{t("guide.products.partial", { count: products.total })}</Text>}
                </BlockStack>
              ) : null}
              {guide.facts.boxes === 0 && <Text as="p" tone="caution">{t("guide.products.noBoxes")}</Text>}
              <ButtonGroup>
                <Button url="/app/settings">{t("guide.products.setBoxes")}</Button>
                <Button url="/app/products">{t("guide.products.setDimensions")}</Button>
              </ButtonGroup>
            </Step>
            <Step id="test" title={t("guide.test.title")} status={status("test")} open={open} onToggle={setOpen}>
              <Text as="p">
                {guide.facts.testPassedAt
                  ? t("guide.test.lastPassed", { at: fmt.dateTime(guide.facts.testPassedAt) })
                  : t("guide.test.body")}
              </Text>
              <ButtonGroup>
                <Button variant="primary" url="/app/test-shipping">{t("guide.test.title")}</Button>
              </ButtonGroup>
            </Step>
            <Step id="shopify" title={t("guide.shopify.title")} status={status("shopify")} open={open} onToggle={setOpen}>
              <Text as="p">
                {guide.facts.carrierService === "active"
                  ? t("guide.shopify.active")
                  : guide.facts.carrierService === "refused"
                    ? t("guide.shopify.refused")
                    : t("guide.shopify.unregistered")}
              </Text>
              <ButtonGroup>
                <Button url={SHOPIFY_SHIPPING_SETTINGS} target="_top">{t("guide.shopify.open")}</Button>
              </ButtonGroup>
            </Step>
          </BlockStack>
        </Collapsible>
      </BlockStack>
    </Card>
  );
}

function Step(props: { id: StepId; title: string; status: StepStatus; open: StepId | null; onToggle: (id: StepId | null) => void; children: React.ReactNode }) {
  const expanded = props.open === props.id;
  const { t } = useTranslation("home");
  return (
    <Box padding="200" borderRadius="200" background={expanded ? "bg-surface-secondary" : undefined}>
      <BlockStack gap="200">
        <div
          role="button"
          tabIndex={0}
          aria-expanded={expanded}
          aria-controls={`setup-step-${props.id}`}
          data-step={props.id}
          data-status={props.status}
          style={{ cursor: "pointer" }}
          onClick={() => props.onToggle(expanded ? null : props.id)}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === " ") {
              e.preventDefault();
              props.onToggle(expanded ? null : props.id);
            }
          }}
        >
          <InlineStack gap="200" blockAlign="center" wrap={false}>
            <StatusIcon status={props.status} />
            <Text as="h3" variant="bodyMd" fontWeight={expanded ? "semibold" : "regular"}>{props.title}</Text>
            {props.status === "broken" && <Badge tone="critical">{t("guide.step.broken")}</Badge>}
          </InlineStack>
        </div>
        <Collapsible id={`setup-step-${props.id}`} open={expanded}>
          <Box paddingInlineStart="800">
            <BlockStack gap="200">{props.children}</BlockStack>
          </Box>
        </Collapsible>
      </BlockStack>
    </Box>
  );
}

function StatusIcon({ status }: { status: StepStatus }) {
  const { t } = useTranslation("home");
  if (status === "done") return <span aria-label={t("guide.step.done")}><Icon source={CheckCircleIcon} tone="success" /></span>;
  if (status === "broken") return <span aria-label={t("guide.step.brokenIcon")}><Icon source={AlertCircleIcon} tone="critical" /></span>;
  return <span aria-label={t("guide.step.todo")} style={{ display: "inline-block", width: 20, height: 20, borderRadius: "50%", border: "1.5px dashed var(--p-color-border-secondary)", boxSizing: "border-box" }} />;
}
