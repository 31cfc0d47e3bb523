// "Test your shipping" results: what the shopper sees, then how each price came to be, as sentences in the
// merchant's language with money in the shop's currency and names instead of ids (the trace itself is data).
import { Badge, Banner, BlockStack, Card, DataTable, InlineStack, List, Text } from "@shopify/polaris";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { TraceStep } from "~/domain/rules";
import type { RateShopResult, RatingTrace } from "~/services/rating/rate-shop";
import type { TraceNames } from "~/services/test-shipping-page.server";
import { useFormat } from "~/i18n/hooks";
import { LandedCostBreakdown } from "./LandedCostBreakdown";

type Format = ReturnType<typeof useFormat>;
type Service = RatingTrace["services"][number];

/** One rule step as a sentence: "Markup of 10%: $30.00 → $33.00". */
export function stepText(t: TFunction, fmt: Format, r: TraceStep, currency: string, source: string, weightUnit: "kg" | "lb" = "kg"): string {
  const money = (n: number | undefined) => (n === undefined ? "" : fmt.money(n, currency));
  const p = r.params ?? {};
  const before = money(r.before);
  const after = money(r.after);
  switch (r.step) {
    case "source":
      return t("trace:step.source", { source, price: after });
    case "markup":
      return t(Number(p.basisPoints) >= 0 ? "trace:step.markup" : "trace:step.discount", { percent: fmt.percent(Math.abs(Number(p.basisPoints))), before, after });
    case "handling":
      return t("trace:step.handling", { fee: money(Number(p.fee)), before, after });
    case "floor":
      return t("trace:step.floor", { before });
    case "rounding":
      return t(p.mode === "to_whole" ? "trace:step.roundWhole" : "trace:step.round99", { before, after });
    case "cap":
      return t(p.which === "max" ? "trace:step.capMax" : "trace:step.capMin", { before, after });
    case "condition":
      switch (p.reason) {
        case "free":
          return t("trace:step.free", { subtotal: money(Number(p.subtotal)), limit: money(Number(p.limit)), before });
        case "weight_below":
        case "weight_above":
          return t(`trace:step.hidden.${p.reason}`, { weight: fmt.weight(Number(p.grams), weightUnit), limit: fmt.weight(Number(p.limitGrams), weightUnit) });
        case "subtotal_below":
        case "subtotal_above":
          return t(`trace:step.hidden.${p.reason}`, { subtotal: money(Number(p.subtotal)), limit: money(Number(p.limit)) });
        case "sku":
        case "vendor":
        case "property":
          return t(`trace:step.hidden.${p.reason}`, { value: String(p.sku ?? p.vendor ?? p.property ?? "") });
        default:
          return t("trace:step.hidden.other");
      }
  }
}

function region(t: TFunction, fmt: Format, m: NonNullable<RatingTrace["zone"]>["matched"]): string {
  if (!m) return "";
  const country = fmt.country(m.country);
  if (m.type === "province") return t("trace:matched.province", { province: m.province, country });
  if (m.type === "postal") return t("trace:matched.postal", { pattern: m.pattern, country });
  return t("trace:matched.country", { country });
}

export function ShippingTestResults({ currency, result, names, weightUnit, lengthUnit }: { currency: string; result: RateShopResult; names: TraceNames; weightUnit: "kg" | "lb"; lengthUnit: "cm" | "in" }) {
  const { t } = useTranslation("trace");
  const fmt = useFormat();
  const { rates, trace } = result;
  const money = (m: { amount: number; currency: string } | null) => (m ? fmt.money(m.amount, m.currency) : t("common:none"));
  const sourceName = (id: string) => {
    const s = names.sources[id];
    return !s ? id : s.carrier === "table" ? t("sourceTable") : s.name;
  };
  const serviceSource = (s: Service) => (!s.carrier || s.carrier === "table" ? t("sourceTable") : (names.carriers[s.carrier] ?? s.carrier));
  return (
    <BlockStack gap="400">
      {trace.zone === null ? (
        <Banner tone="warning" title={t("noZone")}>
          <p>{t("noZoneHelp")}</p>
        </Banner>
      ) : (
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">{t("checkoutHeading")}</Text>
            {rates.length === 0 ? (
              <Text as="p" tone="subdued">{t("noRates", { zone: trace.zone.name })}</Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "numeric"]}
                headings={[t("colService"), t("colDescription"), t("colDelivery"), t("colPrice")]}
                rows={rates.map((r) => [r.service_name, r.description, fmt.deliveryWindow(r.min_delivery_date, r.max_delivery_date), fmt.shopifyPrice(r.total_price, r.currency || currency)])}
              />
            )}
          </BlockStack>
        </Card>
      )}
      {trace.zone && (
        <Card>
          <BlockStack gap="400">
            <InlineStack align="space-between">
              <Text as="h2" variant="headingMd">{t("howHeading")}</Text>
              <Text as="span" tone="subdued">{t("took", { ms: fmt.number(trace.totalMs, 0) })}</Text>
            </InlineStack>
            <Text as="p">{t("zone", { zone: trace.zone.name, region: region(t, fmt, trace.zone.matched) || trace.zone.region })}</Text>
            <BlockStack gap="200">
              <Text as="h3" variant="headingSm">{t("packages")}</Text>
              <List>
                {trace.packages.map((p, i) => (
                  <List.Item key={i}>
                    {t("package", {
                      n: i + 1,
                      box: p.ownPackaging ? t("ownPackaging") : p.boxName,
                      dimensions: fmt.dimensions(p.dimensionsMm, lengthUnit),
                      weight: fmt.weight(p.grams, weightUnit),
                      billable: fmt.weight(p.billableGrams, weightUnit),
                    })}
                    {p.items.length > 0 &&
                      ` ${t("contains", { items: p.items.map((x) => t("itemCount", { count: x.quantity, name: names.items[x.id] ?? t("unnamedItem", { n: Number(x.id) + 1 }) })).join(", ") })}`}
                  </List.Item>
                ))}
              </List>
              {trace.packages.length === 0 && trace.packingNotes.length > 0 && <Text as="p" tone="caution">{t("freight")}</Text>}
            </BlockStack>
            <BlockStack gap="200">
              <Text as="h3" variant="headingSm">{t("sources")}</Text>
              {trace.sources.map((s) => (
                <BlockStack gap="100" key={s.sourceId}>
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="span" fontWeight="semibold">{sourceName(s.sourceId)}</Text>
                    <Badge tone={s.outcome === "ok" ? "success" : s.outcome === "unavailable" ? "attention" : "critical"}>{t(`outcome.${s.outcome}`)}</Badge>
                    <Text as="span" tone="subdued">{s.cached ? t("fromCache") : t("took", { ms: fmt.number(s.latencyMs, 0) })}</Text>
                  </InlineStack>
                  {s.messages.map((m, i) => (
                    <Text as="p" key={i} tone={m.level === "error" ? "critical" : "caution"}>{t(`carriers:diagnosis.${m.code}`, { defaultValue: m.message })}</Text>
                  ))}
                </BlockStack>
              ))}
            </BlockStack>
            <BlockStack gap="300">
              <Text as="h3" variant="headingSm">{t("services")}</Text>
              {trace.services.map((s) => (
                <BlockStack gap="100" key={s.code}>
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="span" fontWeight="semibold">{s.name}</Text>
                    {s.fallbackUsed && <Badge tone="warning">{t("fallbackUsed")}</Badge>}
                    {s.finalPrice === null && <Badge tone="critical">{t("notShown")}</Badge>}
                    {s.quoteDetails?.pricing !== undefined && (
                      <Badge tone={s.quoteDetails.pricing === "negotiated" ? "success" : "attention"}>{t(s.quoteDetails.pricing === "negotiated" ? "negotiated" : "published")}</Badge>
                    )}
                  </InlineStack>
                  {(s.quoteDetails?.billingWeight !== undefined || s.carrierDeliveryDate) && (
                    <Text as="p" tone="subdued">
                      {[
                        s.quoteDetails?.billingWeight !== undefined ? t("billingWeight", { weight: String(s.quoteDetails.billingWeight) }) : "",
                        s.carrierDeliveryDate ? t("carrierDate", { date: s.carrierDeliveryDate }) : "",
                        s.quoteDetails?.address === "residential" ? t("residential") : "",
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </Text>
                  )}
                  <Text as="p" tone="subdued">
                    {s.finalPrice === null && s.hidden ? t(`hidden.${s.hidden}`) : t("priceSummary", { source: money(s.sourcePrice), final: money(s.finalPrice) })}
                  </Text>
                  {s.rules.length > 0 && (
                    <List type="number">
                      {s.rules.map((r, i) => (
                        <List.Item key={i}>{stepText(t, fmt, r, s.finalPrice?.currency ?? s.sourcePrice?.currency ?? currency, s.fallbackUsed ? t("fallbackSource") : serviceSource(s), weightUnit)}</List.Item>
                      ))}
                    </List>
                  )}
                </BlockStack>
              ))}
            </BlockStack>
            {trace.landedCost.length > 0 && <LandedCostBreakdown entries={trace.landedCost} />}
          </BlockStack>
        </Card>
      )}
    </BlockStack>
  );
}
