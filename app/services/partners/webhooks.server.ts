// Partner webhooks: order.created / order.updated POSTed to a link's webhook URL, signed with the link's secret
// (X-Waypost-Hmac-Sha256 = base64 HMAC-SHA256 of the raw body). Rows are durable; delivery reuses the tracking
// outbox's retry schedule (retryDelayMs, MAX_ATTEMPTS), the shared HTTP wrapper and its outcome classes, and the
// SSRF guard. Dead rows can be replayed by the provider. Payload: docs/3pl.md, "Webhooks".
import { createHmac } from "node:crypto";
import { checkOutboundUrl } from "~/lib/outbound-url.server";
import { classifyOutcome, httpRequest } from "~/lib/http.server";
import { unseal } from "~/lib/secrets.server";
import { MAX_ATTEMPTS, nextAttemptAt } from "~/services/tracking/outbox.server";
import { PartnerError, type PartnersContext } from "./context.server";
import { LINK_SECRET_CONTEXT } from "./links.server";

export const PARTNER_EVENTS = ["order.created", "order.updated"] as const;
export type PartnerEvent = (typeof PARTNER_EVENTS)[number];
export const SIGNATURE_HEADER = "X-Waypost-Hmac-Sha256";

export function signPartnerBody(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

/** The documented payload: the order as the provider sees it (no Shopify tokens, no customer beyond the address). */
export async function partnerOrderPayload(ctx: PartnersContext, shopId: string, orderId: string) {
  const o = await ctx.db.partnerOrder.findFirst({ where: { id: orderId, shopId }, include: { shop: { select: { domain: true } } } });
  if (!o) return null;
  return {
    id: o.id,
    shop: o.shop.domain,
    linkId: o.linkId,
    fulfillmentOrderId: o.fulfillmentOrderId,
    orderName: o.orderName,
    status: o.status,
    settingsVersion: o.settingsVersion,
    details: o.details,
    tracking: o.trackingNumber ? { number: o.trackingNumber, company: o.trackingCompany } : null,
    updatedAt: o.updatedAt.toISOString(),
  };
}

/** Queues an event when the link has a webhook URL; the payload is fixed now, so a retry sends the same bytes. */
export async function enqueuePartnerEvent(ctx: PartnersContext, link: { id: string; shopId: string }, event: PartnerEvent, orderId: string) {
  const row = await ctx.db.partnerLink.findFirst({ where: { id: link.id, shopId: link.shopId }, select: { webhookUrl: true } });
  if (!row?.webhookUrl) return null;
  const data = await partnerOrderPayload(ctx, link.shopId, orderId);
  if (!data) return null;
  return ctx.db.partnerWebhookMessage.create({
    data: { shopId: link.shopId, linkId: link.id, event, payload: { event, occurredAt: ctx.now().toISOString(), data } as never, nextAttemptAt: ctx.now() },
  });
}

/** Sends due messages (at most `limit`); each attempt is recorded on its row. */
export async function deliverPartnerWebhooks(ctx: PartnersContext, opts: { limit?: number; timeoutMs?: number } = {}) {
  const now = ctx.now();
  const due = await ctx.db.partnerWebhookMessage.findMany({
    where: { status: { in: ["pending", "retrying"] }, nextAttemptAt: { lte: now } },
    include: { link: true },
    orderBy: { createdAt: "asc" },
    take: Math.min(opts.limit ?? 20, 100),
  });
  const outcomes: Record<string, number> = {};
  for (const msg of due) {
    const status = await deliverOne(ctx, msg, opts.timeoutMs ?? 10_000);
    outcomes[status] = (outcomes[status] ?? 0) + 1;
  }
  return outcomes;
}

async function deliverOne(
  ctx: PartnersContext,
  msg: { id: string; shopId: string; attempts: number; payload: unknown; link: { webhookUrl: string | null; webhookSecret: string } },
  timeoutMs: number,
): Promise<"delivered" | "retrying" | "dead"> {
  const attempts = msg.attempts + 1;
  const finish = async (status: "delivered" | "retrying" | "dead", lastError: string | null, retryAfterMs?: number) => {
    await ctx.db.partnerWebhookMessage.updateMany({
      where: { id: msg.id, shopId: msg.shopId },
      data: {
        status,
        attempts,
        lastError,
        ...(status === "delivered" ? { deliveredAt: ctx.now() } : {}),
        ...(status === "retrying" ? { nextAttemptAt: nextAttemptAt(ctx.now(), attempts, retryAfterMs) } : {}),
      },
    });
    return status;
  };
  if (!msg.link.webhookUrl) return finish("dead", "The link no longer has a webhook URL");
  const check = await checkOutboundUrl(msg.link.webhookUrl, { production: ctx.production, allowLoopback: ctx.allowLoopback, lookup: ctx.lookup });
  if (!check.ok) return finish("dead", `Webhook URL refused: ${check.reason}`);
  let secret: string;
  try {
    secret = unseal(msg.link.webhookSecret, LINK_SECRET_CONTEXT);
  } catch {
    return finish("dead", "The link's webhook secret cannot be decrypted; rotate it");
  }
  const body = JSON.stringify(msg.payload);
  const outcome = await httpRequest({
    url: check.url.toString(),
    method: "POST",
    headers: { "Content-Type": "application/json", [SIGNATURE_HEADER]: signPartnerBody(body, secret), "X-Waypost-Event": (msg.payload as { event: string }).event },
    body,
    timeoutMs,
  });
  const cls = classifyOutcome(outcome, { malformedJson: "ok" });
  if (cls.class === "ok") return finish("delivered", null);
  if (cls.class === "permanent") return finish("dead", cls.reason);
  if (attempts >= MAX_ATTEMPTS) return finish("dead", `Gave up after ${attempts} attempts: ${cls.reason}`);
  return finish("retrying", cls.reason, cls.retryAfterMs);
}

/** The provider sends a dead or retrying message again now (from a fresh attempt budget). */
export async function replayPartnerWebhook(ctx: PartnersContext, providerId: string, messageId: string) {
  const res = await ctx.db.partnerWebhookMessage.updateMany({
    where: { id: messageId, link: { providerId }, status: { in: ["dead", "retrying", "delivered"] } },
    data: { status: "pending", attempts: 0, nextAttemptAt: ctx.now(), lastError: null },
  });
  if (res.count === 0) throw new PartnerError("Webhook message not found", 404);
}
