// Channel type → connector, and inbound format → parser: the one place channels are registered. The admin,
// planner, outbox worker and inbound endpoint look channels up here and never import a channel directly.
import { aftershipInbound } from "./aftership/inbound";
import { aftershipConnector } from "./aftership/index.server";
import type { InboundFormat, InboundFormatId } from "./inbound";
import { intelipostInbound } from "./intelipost/inbound";
import type { ChannelConnection, ChannelConnector, ChannelType, PushOptions, PushOutcome, TrackingDelivery } from "./channel";
import { ultracartConnector } from "./ultracart/index.server";
import { webhookConnector } from "./webhook/index.server";
import { wishConnector } from "./wish/index.server";
import { say } from "~/lib/said";
import { storeSaid } from "~/lib/stored-said";

const CHANNEL_CONNECTORS = {
  wish: wishConnector,
  ultracart: ultracartConnector,
  webhook: webhookConnector,
  aftership: aftershipConnector,
} as const satisfies Record<ChannelType, { type: ChannelType }>;

export const CHANNEL_TYPES = Object.keys(CHANNEL_CONNECTORS) as ChannelType[];

export const INBOUND_FORMATS = {
  intelipost: intelipostInbound,
  aftership: aftershipInbound,
} as const satisfies Record<InboundFormatId, InboundFormat>;

export function getInboundFormat(id: string): InboundFormat | null {
  return Object.hasOwn(INBOUND_FORMATS, id) ? INBOUND_FORMATS[id as InboundFormatId] : null;
}

/** Whether a connection of `type` receives every status as its own push (see ChannelConnector). */
export function receivesEveryStatus(type: string): boolean {
  return getConnector(type)?.receivesEveryStatus ?? false;
}

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
  if (!connector) return { result: "needs_attention", reason: storeSaid(say("deliveries:stored.unknownType", { type })) };
  const settings = connector.settingsSchema.safeParse(conn.settings);
  if (!settings.success) {
    // The validator's detail names the fields; it is technical and goes into the sentence as it came.
    const detail = settings.error.issues.map((i) => `${i.path.join(".") || "settings"}: ${i.message}`).join("; ");
    return { result: "needs_attention", reason: storeSaid(say("deliveries:stored.invalidSettings", { typeKey: `channels:types.${type}`, detail: detail.slice(0, 500) })) };
  }
  const secrets = connector.secretsSchema.safeParse(conn.secrets);
  if (!secrets.success) {
    // Only field names, never values: these are credentials.
    const fields = [...new Set(secrets.error.issues.map((i) => i.path.join(".")))].join(", ");
    return { result: "needs_attention", reason: storeSaid(say("deliveries:stored.invalidCredentials", { typeKey: `channels:types.${type}`, fields })) };
  }
  return connector.push(delivery, { ...conn, settings: settings.data }, opts);
}
