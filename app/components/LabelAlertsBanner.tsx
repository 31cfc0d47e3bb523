// Carrier alerts on the shop's labels (counterfeit postage, postage due): the same red banner on the home page and
// on the Labels page, where the merchant goes to act on them. `openLabels` adds the way there (home only).
import { Banner, BlockStack, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";

export interface LabelAlertsProps {
  alerts: { count: number; latest: { labelId: string; orderName: string; trackingNumber: string; message: string }[] };
  openLabels?: boolean;
}

export function LabelAlertsBanner({ alerts, openLabels = false }: LabelAlertsProps) {
  const { t } = useTranslation("home");
  if (alerts.count === 0) return null;
  return (
    <Banner tone="critical" title={t("labelAlerts.title", { count: alerts.count })} {...(openLabels ? { action: { content: t("labelAlerts.open"), url: "/app/labels" } } : {})}>
      <BlockStack gap="100">
        <p>{t("labelAlerts.body")}</p>
        {alerts.latest.map((a) => (
          <Text as="p" key={a.labelId}>{t("labelAlerts.item", { order: a.orderName, tracking: a.trackingNumber, message: a.message })}</Text>
        ))}
      </BlockStack>
    </Banner>
  );
}
