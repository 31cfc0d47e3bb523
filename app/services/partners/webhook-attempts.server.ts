// The per-attempt log of partner webhooks (PartnerWebhookAttempt), as tracking's outbox keeps one: written for
// every attempt, newest PARTNER_ATTEMPTS_KEPT kept per message (replays give a fresh budget, so the log must not
// grow with them), read by the provider's portal for its own links only.
import { attemptRecord, type AttemptOutcome, type PreflightFailure } from "~/domain/partners/webhook-attempt";
import { logger } from "~/lib/logger.server";
import type { PartnersContext } from "./context.server";

export const PARTNER_ATTEMPTS_KEPT = 20;

/** Records one attempt; a failure to log never changes the delivery's outcome (it is only logged). */
export async function recordPartnerAttempt(
  ctx: PartnersContext,
  msg: { id: string; shopId: string },
  startedAt: Date,
  outcome: AttemptOutcome | PreflightFailure,
  secrets: readonly string[] = [],
) {
  try {
    await ctx.db.partnerWebhookAttempt.create({ data: { messageId: msg.id, shopId: msg.shopId, startedAt, ...attemptRecord(outcome, secrets) } });
    const older = await ctx.db.partnerWebhookAttempt.findMany({
      where: { messageId: msg.id, shopId: msg.shopId },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      skip: PARTNER_ATTEMPTS_KEPT,
      select: { id: true },
    });
    if (older.length) await ctx.db.partnerWebhookAttempt.deleteMany({ where: { id: { in: older.map((o) => o.id) }, shopId: msg.shopId, messageId: msg.id } });
  } catch (e) {
    logger.warn("partner webhook attempt not logged", { id: msg.id, reason: (e as Error).message });
  }
}

/** A provider's recent webhook messages with their attempts, newest first (only its own links'). */
export async function providerWebhookLog(ctx: PartnersContext, providerId: string, opts: { take?: number } = {}) {
  return ctx.db.partnerWebhookMessage.findMany({
    where: { link: { providerId } },
    select: {
      id: true,
      event: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      link: { select: { shop: { select: { domain: true } } } },
      attemptLog: { orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: PARTNER_ATTEMPTS_KEPT, select: { id: true, startedAt: true, durationMs: true, httpStatus: true, errorClass: true, excerpt: true } },
    },
    orderBy: { createdAt: "desc" },
    take: Math.min(opts.take ?? 30, 100),
  });
}
