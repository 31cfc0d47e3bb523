// The home page's setup guide (Polaris "setup guide" pattern): a card with a progress bar and six collapsible
// steps, each showing whether it is done, still to do, or broken, with a button to the page that does it.
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, ButtonGroup, Card, Collapsible, Icon, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { AlertCircleIcon, CheckCircleIcon, ChevronDownIcon, ChevronUpIcon, XIcon } from "@shopify/polaris-icons";
import type { SetupFacts, SetupGuideState, StepId, StepStatus } from "~/domain/setup-guide";

const SHOPIFY_SHIPPING_SETTINGS = "shopify://admin/settings/shipping";

export interface SetupGuideProps {
  guide: SetupGuideState & { facts: SetupFacts; productsError: string | null };
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

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="start" wrap={false}>
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">Setup guide</Text>
            <Text as="p" tone="subdued">Follow these steps to show Waypost rates at your checkout.</Text>
          </BlockStack>
          <ButtonGroup variant="segmented">
            {guide.broken.length === 0 && <Button variant="tertiary" icon={XIcon} accessibilityLabel="Dismiss the setup guide" loading={busy} onClick={() => send("dismiss")} />}
            <Button variant="tertiary" icon={collapsed ? ChevronDownIcon : ChevronUpIcon} accessibilityLabel={collapsed ? "Show the steps" : "Hide the steps"} onClick={() => setCollapsed((c) => !c)} />
          </ButtonGroup>
        </InlineStack>
        <InlineStack gap="200" blockAlign="center" wrap={false}>
          <Text as="span" variant="bodySm">{`${guide.completed} of ${guide.steps.length} tasks complete`}</Text>
          <div style={{ flex: 1 }}>
            <ProgressBar progress={(guide.completed / guide.steps.length) * 100} size="small" tone="primary" />
          </div>
        </InlineStack>
        <Collapsible id="setup-guide-steps" open={!collapsed}>
          <BlockStack gap="100">
            <Step id="carrier" title="Connect a carrier" status={status("carrier")} open={open} onToggle={setOpen}>
              <Text as="p">Get live rates from a carrier account, or price every service from rate tables you write yourself.</Text>
              {guide.facts.carriers.needsReconnect.map((c) => (
                <Text as="p" tone="critical" key={c.carrierId}>{`${c.displayName} needs reconnecting: checkout shows your fallback prices for its services until you connect again.`}</Text>
              ))}
              <ButtonGroup>
                {connectable.map((c) => (
                  <Button key={c.id} url={c.href}>{`Connect ${c.displayName}`}</Button>
                ))}
                <Button onClick={() => send("own_rate_tables")} loading={busy} disabled={guide.facts.ownRateTables}>
                  Use my own rate tables
                </Button>
              </ButtonGroup>
            </Step>
            <Step id="zones" title="Create shipping zones" status={status("zones")} open={open} onToggle={setOpen}>
              <Text as="p">A zone groups the countries, provinces or postal codes that share the same services and prices.</Text>
              <ButtonGroup>
                <Button variant="primary" url="/app/zones/new">Add zone</Button>
                <Button url="/app/zones">View zones</Button>
              </ButtonGroup>
            </Step>
            <Step id="services" title="Enable service levels in each zone" status={status("services")} open={open} onToggle={setOpen}>
              <Text as="p">Each zone needs at least one enabled service (for example Standard and Express) to show rates.</Text>
              {guide.zonesWithoutServices.map((z) => (
                <InlineStack key={z.id} gap="200" blockAlign="center">
                  <Text as="span" tone="critical">{`“${z.name}” has no enabled service. Checkout skips it and uses the next matching zone.`}</Text>
                  <Button variant="plain" url={`/app/zones/${z.id}`}>Add a service</Button>
                </InlineStack>
              ))}
              <ButtonGroup>
                <Button url="/app/zones">Open zones</Button>
              </ButtonGroup>
            </Step>
            <Step id="products" title="Set boxes and product dimensions" status={status("products")} open={open} onToggle={setOpen}>
              <Text as="p">Waypost packs each order into your boxes; carriers price by weight and, above 11 inches on a side, by size.</Text>
              {guide.productsError ? (
                <Text as="p" tone="caution">{guide.productsError}</Text>
              ) : guide.facts.products ? (
                <BlockStack gap="100">
                  {guide.facts.products.missingWeight > 0 && <Text as="p" tone="caution">{`${guide.facts.products.missingWeight} of ${guide.facts.products.total} products have no weight.`}</Text>}
                  {guide.facts.products.missingDimensions > 0 && (
                    <Text as="p" tone="caution">{`${guide.facts.products.missingDimensions} of ${guide.facts.products.total} products have no dimensions, so Waypost cannot tell whether they are over 11 inches on a side.`}</Text>
                  )}
                  {guide.facts.products.oversize > 0 && <Text as="p">{`${guide.facts.products.oversize} products are over 11 inches on a side and are billed by size.`}</Text>}
                  {guide.facts.products.missingWeight + guide.facts.products.missingDimensions === 0 && <Text as="p">Every product has a weight and dimensions.</Text>}
                </BlockStack>
              ) : null}
              {guide.facts.boxes === 0 && <Text as="p" tone="caution">No boxes yet: orders are packed in a default box.</Text>}
              <ButtonGroup>
                <Button url="/app/settings">Set boxes</Button>
                <Button url="/app/products">Set product dimensions</Button>
              </ButtonGroup>
            </Step>
            <Step id="test" title="Test your shipping" status={status("test")} open={open} onToggle={setOpen}>
              <Text as="p">
                {guide.facts.testPassedAt
                  ? `Last successful test: ${new Date(guide.facts.testPassedAt).toLocaleString()}.`
                  : "Try a cart and an address and see the rates a shopper would get, with how each price was made."}
              </Text>
              <ButtonGroup>
                <Button variant="primary" url="/app/test-shipping">Test your shipping</Button>
              </ButtonGroup>
            </Step>
            <Step id="shopify" title="Add the rates to your Shopify shipping profiles" status={status("shopify")} open={open} onToggle={setOpen}>
              <Text as="p">
                {guide.facts.carrierService === "active"
                  ? "Shopify accepted Waypost's carrier service. In Shopify's shipping settings, add Waypost's rates to each shipping profile and zone where shoppers should see them."
                  : guide.facts.carrierService === "refused"
                    ? "Shopify refused Waypost's carrier service. See the banner above for the reason, then retry."
                    : "Waypost is not registered with Shopify yet. Retry from the banner above."}
              </Text>
              <ButtonGroup>
                <Button url={SHOPIFY_SHIPPING_SETTINGS} target="_top">Open Shopify shipping settings</Button>
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
            {props.status === "broken" && <Badge tone="critical">Needs attention</Badge>}
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
  if (status === "done") return <span aria-label="Done"><Icon source={CheckCircleIcon} tone="success" /></span>;
  if (status === "broken") return <span aria-label="Broken"><Icon source={AlertCircleIcon} tone="critical" /></span>;
  return <span aria-label="To do" style={{ display: "inline-block", width: 20, height: 20, borderRadius: "50%", border: "1.5px dashed var(--p-color-border-secondary)", boxSizing: "border-box" }} />;
}
