// A carrier connection's status as a badge, the same on the Carriers page and each carrier's page.
import { Badge } from "@shopify/polaris";

const LABELS: Record<string, { label: string; tone?: "success" | "attention" | "critical" | "info" }> = {
  connected: { label: "Connected", tone: "success" },
  pending: { label: "Not verified", tone: "attention" },
  needs_reconnect: { label: "Needs reconnecting", tone: "critical" },
  disconnected: { label: "Disconnected" },
};

export function StatusBadge({ status }: { status: string }) {
  const s = LABELS[status] ?? { label: status };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
