// Idempotency keys for outbox deliveries and the choice of what a channel receives as "tracking".
// node:crypto is used only for a deterministic hash, so this stays pure.
import { createHash } from "node:crypto";
import { parts, say, type Said } from "~/lib/said";
import type { NfeReference } from "../nfe";
import type { TrackingEvent } from "./event-rules";

interface DeliveryKeyInput {
  shop: string;
  fulfillmentId: string | number;
  channelConnectionId: string;
  trackingValue: string;
  /**
   * Only for destinations that receive every status (merchant webhooks). Channels that store one tracking value
   * (marketplaces, tracking services) leave it out, so "delivered" does not re-push the same tracking number.
   */
  event?: TrackingEvent;
}

/** "gid://shopify/Fulfillment/123" and 123 are the same fulfillment. */
function numericId(id: string | number): string {
  const s = String(id).trim();
  const m = /\/(\d+)$/.exec(s);
  return m ? m[1] : s;
}

export function deliveryKey(input: DeliveryKeyInput): string {
  const fields = [
    "v1",
    input.shop.trim().toLowerCase(),
    numericId(input.fulfillmentId),
    input.channelConnectionId,
    input.trackingValue.trim(),
    input.event ?? "",
  ];
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}

export type TrackingWant = "tracking_number" | "nfe_number" | "nfe_key";

interface TrackingValueContext {
  orderName: string;
  trackingNumbers: readonly string[];
  nfe: NfeReference | null;
  /** Set when an NF-e value was found but did not parse, so the message can say what is wrong with it. */
  nfeError?: string;
  /** Where the NF-e was looked for, said to the merchant (nfeSourceSaid). */
  nfeSource?: Said;
}

/** `needsAttention` is said to the merchant (stored with storeSaid on the delivery). */
export type TrackingValueResult = { ok: true; value: string } | { ok: false; needsAttention: Said };

const DEFAULT_NFE_SOURCE = say("deliveries:stored.nfeSource.metafield", { name: "br.nfe_key" });

/** With several tracking numbers the first one wins: the channels we push to accept a single value. */
export function trackingValueFor(
  connection: { wants: TrackingWant },
  ctx: TrackingValueContext,
): TrackingValueResult {
  const source = ctx.nfeSource ?? DEFAULT_NFE_SOURCE;
  const order = ctx.orderName.startsWith("#") ? ctx.orderName : `#${ctx.orderName}`;

  if (connection.wants === "tracking_number") {
    const first = ctx.trackingNumbers.map((n) => n.trim()).find((n) => n !== "");
    if (first) return { ok: true, value: first };
    return {
      ok: false,
      needsAttention: say("deliveries:stored.noTrackingNumber", { order }),
    };
  }

  if (ctx.nfeError) {
    return {
      ok: false,
      needsAttention: parts(say("deliveries:stored.invalidNfe", { order, error: ctx.nfeError }), source),
    };
  }

  if (connection.wants === "nfe_key") {
    if (ctx.nfe?.kind === "key") return { ok: true, value: ctx.nfe.key.digits };
    if (ctx.nfe?.kind === "number") {
      return {
        ok: false,
        needsAttention: parts(say("deliveries:stored.nfeKeyOnlyNumber", { order, number: ctx.nfe.number }), source),
      };
    }
    return {
      ok: false,
      needsAttention: parts(say("deliveries:stored.nfeKeyMissing", { order }), source),
    };
  }

  if (ctx.nfe) return { ok: true, value: ctx.nfe.number };
  return {
    ok: false,
    needsAttention: parts(say("deliveries:stored.nfeNumberMissing", { order }), source),
  };
}
