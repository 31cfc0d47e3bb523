// "Test your shipping": the landed cost behind each DDP/DAP rate, line by line — the formula in words, who pays
// and when, the rule's source and effective date, the de minimis decisions and every exchange rate used.
import { Badge, BlockStack, DataTable, InlineStack, List, Text } from "@shopify/polaris";
import type { LandedCostTrace } from "~/services/rating/landed-cost";
import { formatMoney } from "~/lib/format";

const PAYER: Record<string, string> = {
  checkout: "in the rate (paid at checkout)",
  delivery: "due on delivery",
  sale: "tax charged with the order (seller scheme)",
  shopify: "charged by Shopify's duties collection",
};

export function LandedCostBreakdown({ entries }: { entries: LandedCostTrace[] }) {
  return (
    <BlockStack gap="400">
      <Text as="h3" variant="headingSm">Landed cost</Text>
      {entries.map((e) => {
        const r = e.result;
        const m = (amount: number) => formatMoney(amount, r.currency);
        return (
          <BlockStack gap="200" key={e.code}>
            <InlineStack gap="200" blockAlign="center">
              <Text as="span" fontWeight="semibold">{`${e.code} · ${e.incoterm === "DDP" ? "duties paid (DDP)" : "duties on delivery (DAP)"}`}</Text>
              {!e.shown && <Badge tone="critical">not shown</Badge>}
              {!r.complete && <Badge tone="warning">estimate incomplete</Badge>}
            </InlineStack>
            <Text as="p">{`Description: “${e.description || "—"}”`}</Text>
            {e.reason && <Text as="p" tone="caution">{e.reason}</Text>}
            <Text as="p" tone="subdued">
              {`Shipping ${formatMoney(e.shipping.amount, e.shipping.currency)} · ${r.destination}${r.province ? `-${r.province}` : ""} on ${r.date} · rules ${r.regime}` +
                (e.incoterm === "DDP" ? ` · added to the rate ${m(r.totals.addToRate)}` : ` · due on delivery ${m(r.totals.dueOnDelivery)}`)}
            </Text>
            {r.lines.length > 0 && (
              <DataTable
                columnContentTypes={["text", "text", "numeric", "text", "text"]}
                headings={["Charge", "Formula", "Amount", "Paid", "Source"]}
                rows={r.lines.map((l) => [
                  l.label,
                  l.formula,
                  m(l.amount),
                  PAYER[l.payer] ?? l.payer,
                  `${l.source.title} (${l.source.confidence}, from ${l.effectiveFrom})`,
                ])}
              />
            )}
            {r.deMinimis.length > 0 && (
              <List>
                {r.deMinimis.map((d, i) => (
                  <List.Item key={i}>{`De minimis: ${d}`}</List.Item>
                ))}
              </List>
            )}
            {r.conversions.length > 0 && <Text as="p" tone="subdued">{`Exchange rates: ${r.conversions.join("; ")}`}</Text>}
            {r.messages.map((msg, i) => (
              <Text as="p" key={i} tone={msg.level === "error" ? "critical" : msg.level === "warning" ? "caution" : "subdued"}>{`${msg.code}: ${msg.text}`}</Text>
            ))}
          </BlockStack>
        );
      })}
    </BlockStack>
  );
}
