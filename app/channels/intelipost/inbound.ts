// Intelipost tracking webhooks: authenticated by the `api-key` header the merchant configured at Intelipost.
// The event id is derived (Intelipost sends none): order, volume, state and time identify one event.
import { createHash } from "node:crypto";
import { z } from "zod";
import { describeIssues, hasNul, INBOUND_TEXT_MAX, isoOrUndefined, safeEqual, type InboundEvent, type InboundFormat } from "../inbound";
import { intelipostStateToShopify, isKnownIntelipostState } from "./status-map";

const text = z.string().max(INBOUND_TEXT_MAX).refine((s) => !hasNul(s), "cannot contain NUL characters");
const idLike = z.union([text, z.number()]).transform((v) => String(v).trim());

const IntelipostEventSchema = z.object({
  order_number: idLike,
  tracking_code: text.nullish(),
  volume_number: idLike.nullish(),
  invoice: z.object({ invoice_number: idLike.nullish(), invoice_series: idLike.nullish(), invoice_key: text.nullish() }).nullish(),
  history: z.object({
    shipment_order_volume_state: text.min(1),
    event_date: text.nullish(),
    created: z.union([text, z.number()]).nullish(),
    provider_message: z.string().refine((s) => !hasNul(s), "cannot contain NUL characters").nullish(),
    shipment_order_volume_state_localized: z.string().refine((s) => !hasNul(s), "cannot contain NUL characters").nullish(),
  }),
});

function intelipostEvent(e: z.infer<typeof IntelipostEventSchema>): InboundEvent {
  const h = e.history;
  const when = h.event_date ?? (h.created !== null && h.created !== undefined ? String(h.created) : "");
  const externalId = createHash("sha256")
    .update(JSON.stringify([e.order_number, e.volume_number ?? "", h.shipment_order_volume_state.toUpperCase(), when]))
    .digest("hex");
  const numbers = [e.tracking_code, e.invoice?.invoice_number, e.invoice?.invoice_key].filter((v): v is string => !!v && v.trim() !== "");
  const message = h.provider_message ?? h.shipment_order_volume_state_localized ?? undefined;
  return {
    externalId,
    state: h.shipment_order_volume_state,
    status: intelipostStateToShopify(h.shipment_order_volume_state),
    known: isKnownIntelipostState(h.shipment_order_volume_state),
    trackingNumbers: numbers.map((n) => n.trim()),
    orderNumbers: [e.order_number],
    orderIds: [],
    happenedAt: isoOrUndefined(h.event_date ?? h.created),
    ...(message ? { message: message.slice(0, 255) } : {}),
  };
}

export const intelipostInbound: InboundFormat = {
  id: "intelipost",
  label: "Intelipost",
  verify: (headers, _rawBody, secret) => {
    const key = headers.get("api-key") ?? "";
    return key !== "" && safeEqual(key, secret);
  },
  parse: (json) => {
    const parsed = IntelipostEventSchema.safeParse(json);
    return parsed.success ? { ok: true, event: intelipostEvent(parsed.data) } : { ok: false, error: describeIssues(parsed.error) };
  },
};
