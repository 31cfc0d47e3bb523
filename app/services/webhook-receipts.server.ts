// At-least-once delivery means every webhook may arrive twice (same X-Shopify-Webhook-Id on retries, same
// X-Shopify-Event-Id when one event reaches several subscriptions). The receipt row is written in the same
// transaction as the work it triggers, so a duplicate either finds the receipt or loses the unique-key race.
import { getDb, type Db } from "~/db.server";

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

export async function acceptOnce(meta: WebhookMeta, work: (tx: Tx) => Promise<void>): Promise<Acceptance> {
  const db = getDb();
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
      await tx.webhookReceipt.create({
        data: {
          shopDomain: meta.shop,
          topic: meta.topic,
          webhookId: meta.webhookId,
          eventId: meta.eventId ?? null,
          bodyHash: meta.bodyHash ?? null,
          orderId: meta.orderId ?? null,
          payload: (meta.payload ?? undefined) as never,
        },
      });
      await work(tx);
      return "accepted" as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}
