// A carrier connection's status as a badge, the same on the Carriers page and each carrier's page.
import { Badge } from "@shopify/polaris";
import { useTranslation } from "react-i18next";

const TONES: Record<string, "success" | "attention" | "critical" | undefined> = {
  connected: "success",
  pending: "attention",
  needs_reconnect: "critical",
  disconnected: undefined,
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("carriers");
  const known = Object.hasOwn(TONES, status);
  return <Badge tone={TONES[status]}>{known ? t(`status.${status}`) : t("status.unknown")}</Badge>;
}
