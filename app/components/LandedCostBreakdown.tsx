// "Test your shipping": the landed cost behind each DDP/DAP rate, line by line — the formula in words, who pays
// and when, the rule's source and effective date, the de minimis decisions and every exchange rate used.
import { Badge, BlockStack, DataTable, InlineStack, List, Text } from "@shopify/polaris";
import type { LandedCostTrace } from "~/services/rating/landed-cost";
import { useTranslation } from "react-i18next";
import { useFormat, useSay } from "~/i18n/hooks";

const PAYERS = new Set(["checkout", "delivery", "sale", "shopify"]);

// The charge lines, formulas, de minimis decisions and rates come from the landed-cost engine (English data, with
// legal and tariff names woven in); its messages carry a `said` the page says in the merchant's language.
export function LandedCostBreakdown({ entries }: { entries: LandedCostTrace[] }) {
  const { t } = useTranslation("landedCost");
  const fmt = useFormat();
  const speak = useSay();
  const formatMoney = fmt.money;
  return (
    <BlockStack gap="400">
      <Text as="h3" variant="headingSm">{t("title")}</Text>
      {entries.map((e) => {
        const r = e.result;
        const m = (amount: number) => formatMoney(amount, r.currency);
        return (
          <BlockStack gap="200" key={e.code}>
            <InlineStack gap="200" blockAlign="center">
              <Text as="span" fontWeight="semibold">{`${e.code} · ${e.incoterm === "DDP" ? t("breakdown.ddp") : t("breakdown.dap")}`}</Text>
              {!e.shown && <Badge tone="critical">{t("breakdown.notShown")}</Badge>}
              {!r.complete && <Badge tone="warning">{t("breakdown.incomplete")}</Badge>}
            </InlineStack>
            <Text as="p">{t("breakdown.description", { description: e.description || t("common:none") })}</Text>
            {e.reason && <Text as="p" tone="caution">{e.reason}</Text>}
            <Text as="p" tone="subdued">
              {t("breakdown.summary", { shipping: formatMoney(e.shipping.amount, e.shipping.currency), destination: `${fmt.country(r.destination)}${r.province ? ` (${r.province})` : ""}`, date: r.date, regime: r.regime }) +
                " · " +
                (e.incoterm === "DDP" ? t("breakdown.addedToRate", { amount: m(r.totals.addToRate) }) : t("breakdown.dueOnDelivery", { amount: m(r.totals.dueOnDelivery) }))}
            </Text>
            {r.lines.length > 0 && (
              <DataTable
                columnContentTypes={["text", "text", "numeric", "text", "text"]}
                headings={[t("breakdown.colCharge"), t("breakdown.colFormula"), t("breakdown.colAmount"), t("breakdown.colPaid"), t("breakdown.colSource")]}
                rows={r.lines.map((l) => [
                  l.label,
                  l.formula,
                  m(l.amount),
                  PAYERS.has(l.payer) ? t(`breakdown.payer.${l.payer}`) : l.payer,
                  t("breakdown.lineSource", { title: l.source.title, confidence: l.source.confidence, from: l.effectiveFrom }),
                ])}
              />
            )}
            {r.deMinimis.length > 0 && (
              <List>
                {r.deMinimis.map((d, i) => (
                  <List.Item key={i}>{t("breakdown.deMinimis", { decision: d })}</List.Item>
                ))}
              </List>
            )}
            {r.conversions.length > 0 && <Text as="p" tone="subdued">{t("breakdown.conversions", { rates: r.conversions.join("; ") })}</Text>}
            {r.messages.map((msg, i) => (
              <Text as="p" key={i} tone={msg.level === "error" ? "critical" : msg.level === "warning" ? "caution" : "subdued"}>{msg.said ? speak(msg.said) : msg.text}</Text>
            ))}
          </BlockStack>
        );
      })}
    </BlockStack>
  );
}
