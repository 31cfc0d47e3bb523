// Pure planning of tracking pushes for one fulfillment update: which connections it goes to (event rules), which
// pushes each connection gets, and the value sent. The planner service (fulfillments.server.ts) does the I/O.
import { parseNfeReference, type NfeReference } from "../nfe";
import { ruleMatches, type EventRule, type TrackingEvent } from "./event-rules";
import type { TrackingValueResult, TrackingWant } from "./idempotency";
import type { TrackingSettings } from "./shop-tracking-settings";

const BASE_EVENTS: ReadonlySet<TrackingEvent> = new Set(["fulfillment_created", "tracking_changed"]);

interface OrderFacts {
  originCountry: string | null;
  shippingCountry: string | null;
  orderTags: readonly string[];
  /** The order's sales channels; none means the rule's "any" only. */
  salesChannels: readonly string[];
}

/** Connection → the events that matched at least one of its rules, in event order; connections in rule order. */
export function eventsPerChannel<C extends { id: string }>(rules: ReadonlyArray<{ rule: EventRule; channel: C }>, events: readonly TrackingEvent[], facts: OrderFacts) {
  const perChannel = new Map<string, { channel: C; events: TrackingEvent[] }>();
  const salesChannels = facts.salesChannels.length > 0 ? facts.salesChannels : [null];
  for (const event of events) {
    for (const r of rules) {
      const matches = salesChannels.some((salesChannel) =>
        ruleMatches(r.rule, { event, originCountry: facts.originCountry, shippingCountry: facts.shippingCountry, orderTags: facts.orderTags, salesChannel }),
      );
      if (!matches) continue;
      const entry = perChannel.get(r.channel.id) ?? { channel: r.channel, events: [] };
      if (!entry.events.includes(event)) entry.events.push(event);
      perChannel.set(r.channel.id, entry);
    }
  }
  return [...perChannel.values()];
}

/** Receivers of every status key each status push by its event, so "delivered" is not taken for a re-push. */
export function keyEventFor(event: TrackingEvent | undefined, receivesEveryStatus: boolean): TrackingEvent | undefined {
  return receivesEveryStatus && event && !BASE_EVENTS.has(event) ? event : undefined;
}

/**
 * Channels that store one tracking value get one push per value (for the latest event); receivers of every
 * status get one push for the tracking value and one per status.
 */
export function pushesFor(events: readonly TrackingEvent[], receivesEveryStatus: boolean): Array<{ event: TrackingEvent; keyEvent?: TrackingEvent }> {
  if (!receivesEveryStatus) return [{ event: events[events.length - 1] }];
  const base = events.filter((e) => BASE_EVENTS.has(e));
  return [
    ...(base.length > 0 ? [{ event: base.includes("tracking_changed") ? ("tracking_changed" as const) : ("fulfillment_created" as const) }] : []),
    ...events.filter((e) => !BASE_EVENTS.has(e)).map((e) => ({ event: e, keyEvent: e })),
  ];
}

/**
 * The value to queue: null when the merchant must act first (queued for attention, re-planned later), "" for a
 * receiver of every status that has no tracking number yet, or "skip" when there is nothing to send yet.
 */
export function plannedValue(tv: TrackingValueResult, wants: TrackingWant, receivesEveryStatus: boolean, trackingNumbers: readonly string[]): string | null | "skip" {
  if (wants === "tracking_number" && trackingNumbers.length === 0 && !receivesEveryStatus) return "skip";
  if (tv.ok) return tv.value;
  return receivesEveryStatus && wants === "tracking_number" ? "" : null;
}

interface NfeLookup {
  nfe: NfeReference | null;
  nfeError?: string;
}

export function nfeFor(settings: TrackingSettings, raw: string | null, trackingNumbers: readonly string[], now: Date): NfeLookup {
  const value = settings.nfeSource.kind === "tracking_number" ? (trackingNumbers[0] ?? null) : raw;
  if (!value) return { nfe: null };
  const parsed = parseNfeReference(value, { now });
  return parsed.ok ? { nfe: parsed.ref } : { nfe: null, nfeError: parsed.error };
}
