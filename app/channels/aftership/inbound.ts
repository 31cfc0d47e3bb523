// AfterShip tracking webhooks: `aftership-hmac-sha256` is base64 HMAC-SHA256 of the raw body with the webhook
// secret. Only `tracking_update` events carry a status Shopify can record.
import { createHmac } from "node:crypto";
import { z } from "zod";
import { describeIssues, hasNul, INBOUND_TEXT_MAX, isoOrUndefined, safeEqual, type InboundEvent, type InboundFormat } from "../inbound";
import { aftershipTagToShopify, isKnownAftershipTag } from "./status-map";

const text = z.string().max(INBOUND_TEXT_MAX).refine((s) => !hasNul(s), "cannot contain NUL characters");
const idLike = z.union([text, z.number()]).transform((v) => String(v).trim());

const AfterShipEventSchema = z.object({
  event: text,
  event_id: text.min(1),
  ts: z.number().optional(),
  msg: z.object({
    id: text.optional(),
    tracking_number: text.min(1),
    slug: text.optional(),
    tag: text.min(1),
    order_id: idLike.nullish(),
    order_number: idLike.nullish(),
    checkpoints: z
      .array(z.object({ message: z.string().refine((s) => !hasNul(s), "cannot contain NUL characters").nullish(), checkpoint_time: text.nullish(), tag: text.nullish() }))
      .nullish(),
  }),
});

function aftershipEvent(e: z.infer<typeof AfterShipEventSchema>): InboundEvent {
  const last = e.msg.checkpoints?.at(-1);
  const update = e.event === "tracking_update";
  return {
    externalId: e.event_id,
    state: update ? e.msg.tag : `${e.event}:${e.msg.tag}`,
    status: update ? aftershipTagToShopify(e.msg.tag) : null,
    known: !update || isKnownAftershipTag(e.msg.tag),
    trackingNumbers: [e.msg.tracking_number.trim()],
    orderNumbers: e.msg.order_number ? [e.msg.order_number] : [],
    orderIds: e.msg.order_id ? [e.msg.order_id] : [],
    happenedAt: isoOrUndefined(last?.checkpoint_time),
    ...(last?.message ? { message: last.message.slice(0, 255) } : {}),
  };
}

export const aftershipInbound: InboundFormat = {
  id: "aftership",
  label: "AfterShip",
  verify: (headers, rawBody, secret) => {
    const sig = headers.get("aftership-hmac-sha256") ?? "";
    const expected = createHmac("sha256", secret).update(rawBody, "utf8").digest("base64");
    return sig !== "" && safeEqual(sig, expected);
  },
  parse: (json) => {
    const parsed = AfterShipEventSchema.safeParse(json);
    return parsed.success ? { ok: true, event: aftershipEvent(parsed.data) } : { ok: false, error: describeIssues(parsed.error) };
  },
};
