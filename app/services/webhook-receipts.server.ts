// At-least-once delivery means every webhook may arrive twice (same X-Shopify-Webhook-Id on retries, same
// X-Shopify-Event-Id when one event reaches several subscriptions). The receipt row is written in the same
// transaction as the work it triggers, so a duplicate either finds the receipt or loses the unique-key race.
import { getDb, type Db } from "~/db.server";
import { insertReceiptOnce } from "~/db/tracking-sql.server";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

interface WebhookMeta {
  shop: string;
  topic: string;
  webhookId: string;
  eventId?: string;
  /** SHA-256 of the raw body (app/shopify/webhook.server.ts): a replay under a fresh webhook id is a duplicate. */
  bodyHash?: string;
  orderId?: string | null;
  payload?: unknown;
}

export type Acceptance = "accepted" | "duplicate";

/**
 * Stores the receipt once and runs `work` in the same transaction. Without work (the receipt is the work: fulfillment
 * webhooks are planned later from it) the receipt is one INSERT … ON CONFLICT DO NOTHING outside any transaction:
 * the unique keys on webhook id, (topic, event id) and (topic, body hash) make a duplicate insert nothing, so no
 * read first and no transaction that would queue behind the planner's on SQLite.
 */
export async function acceptOnce(meta: WebhookMeta, work?: (tx: Tx) => Promise<void>): Promise<Acceptance> {
  const db = getDb();
  if (!work) return (await insertReceiptOnce(db, receiptData(meta), new Date())) ? "accepted" : "duplicate";
  try {
    return await db.$transaction(async (tx) => {
      const seen = await tx.webhookReceipt.findFirst({
        where: {
          OR: [
            { webhookId: meta.webhookId },
            ...(meta.eventId ? [{ topic: meta.topic, eventId: meta.eventId }] : []),
            ...(meta.bodyHash ? [{ topic: meta.topic, bodyHash: meta.bodyHash }] : []),
          ],
        },
        select: { id: true },
      });
      if (seen) return "duplicate" as const;
      await tx.webhookReceipt.create({ data: receiptData(meta) });
      await work(tx);
      return "accepted" as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

function receiptData(meta: WebhookMeta) {
  return {
    shopDomain: meta.shop,
    topic: meta.topic,
    webhookId: meta.webhookId,
    eventId: meta.eventId ?? null,
    bodyHash: meta.bodyHash ?? null,
    orderId: meta.orderId ?? null,
    payload: (meta.payload ?? undefined) as never,
  };
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}
