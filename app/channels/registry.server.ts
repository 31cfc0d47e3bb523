// Channel type → connector. The outbox worker looks connectors up here and never imports a channel directly.
import { aftershipConnector } from "./aftership/index.server";
import type { ChannelConnection, ChannelConnector, ChannelType, PushOptions, PushOutcome, TrackingDelivery } from "./channel";
import { ultracartConnector } from "./ultracart/index.server";
import { webhookConnector } from "./webhook/index.server";
import { wishConnector } from "./wish/index.server";

export const CHANNEL_CONNECTORS = {
  wish: wishConnector,
  ultracart: ultracartConnector,
  webhook: webhookConnector,
  aftership: aftershipConnector,
} as const satisfies Record<ChannelType, { type: ChannelType }>;

export const CHANNEL_TYPES = Object.keys(CHANNEL_CONNECTORS) as ChannelType[];

export function isChannelType(value: string): value is ChannelType {
  return Object.hasOwn(CHANNEL_CONNECTORS, value);
}

/**
 * Settings types differ per connector, so the lookup is widened to `unknown`; call `pushStored` (which parses
 * settings with the connector's own schema first) rather than `push` on stored, unvalidated settings.
 */
export function getConnector(type: string): ChannelConnector<unknown> | null {
  return isChannelType(type) ? (CHANNEL_CONNECTORS[type] as unknown as ChannelConnector<unknown>) : null;
}

/** Validates stored settings and secrets, then pushes. Invalid configuration is the merchant's to fix. */
export async function pushStored(
  type: string,
  delivery: TrackingDelivery,
  conn: ChannelConnection<unknown>,
  opts: PushOptions,
): Promise<PushOutcome> {
  const connector = getConnector(type);
  if (!connector) return { result: "needs_attention", reason: `Unknown channel type "${type}"` };
  const settings = connector.settingsSchema.safeParse(conn.settings);
  if (!settings.success) {
    return { result: "needs_attention", reason: `${connector.label} settings are invalid: ${settings.error.issues.map((i) => `${i.path.join(".") || "settings"}: ${i.message}`).join("; ")}` };
  }
  const secrets = connector.secretsSchema.safeParse(conn.secrets);
  if (!secrets.success) {
    // Only field names, never values: these are credentials.
    const fields = [...new Set(secrets.error.issues.map((i) => i.path.join(".")))].join(", ");
    return { result: "needs_attention", reason: `${connector.label} credentials are missing or invalid (${fields}); reconnect and retry` };
  }
  return connector.push(delivery, { ...conn, settings: settings.data }, opts);
}
