// Configuration changes reach every instance at once: the instance that saved publishes the shop's domain on a
// Redis channel, and every other instance drops its compiled configuration of that shop (the next checkout
// recompiles it from the database). Without Redis there is no bus, and instances converge through the
// Shop.configVersion revalidation (shop-config-cache.server.ts) as before. Messages are untrusted input: they
// are size-checked and zod-parsed, and anything else is ignored. After the subscription is (re)established every
// compiled shop is dropped, because messages sent while disconnected are lost.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { logger } from "~/lib/logger.server";

export interface ConfigInvalidations {
  /** Tells the other instances; never throws (a failed publish is logged; revalidation still converges). */
  publish(domain: string): void;
  /** `domain` null: everything may be stale (the subscription was re-established). */
  subscribe(onInvalidate: (domain: string | null) => void): void;
  close(): Promise<void>;
}

/** The commands used, as ioredis names them, so tests can pass any client. */
export interface InvalidationPublisher {
  publish(channel: string, message: string): Promise<number>;
}
export interface InvalidationSubscriber {
  subscribe(channel: string): Promise<unknown>;
  on(event: "message", listener: (channel: string, message: string) => void): unknown;
  on(event: "ready", listener: () => void): unknown;
  disconnect(): void;
}

const MAX_MESSAGE_BYTES = 1_024;
const MessageSchema = z.object({ shop: z.string().min(1).max(255), from: z.string().min(1).max(64) });

export function redisConfigInvalidations(o: {
  publisher: InvalidationPublisher;
  subscriber: InvalidationSubscriber;
  channel?: string;
  /** This instance's id, so it does not drop (twice) what it dropped itself. */
  instanceId?: string;
}): ConfigInvalidations & { subscribed: Promise<void> } {
  const channel = o.channel ?? "waypost:config-invalidated";
  const instanceId = o.instanceId ?? randomUUID();
  const listeners: Array<(domain: string | null) => void> = [];
  let readyOnce = false;
  const emit = (domain: string | null) => listeners.forEach((l) => l(domain));

  o.subscriber.on("message", (from, message) => {
    if (from !== channel || message.length > MAX_MESSAGE_BYTES) return;
    let json: unknown;
    try {
      json = JSON.parse(message);
    } catch {
      return;
    }
    const parsed = MessageSchema.safeParse(json);
    if (!parsed.success || parsed.data.from === instanceId) return;
    emit(parsed.data.shop);
  });
  // ioredis re-subscribes after a reconnect and emits "ready" again; what was published meanwhile is lost.
  o.subscriber.on("ready", () => {
    if (readyOnce) emit(null);
    readyOnce = true;
  });
  const subscribed = o.subscriber.subscribe(channel).then(
    () => undefined,
    (error: unknown) => logger.warn("config invalidation subscribe failed; instances converge by revalidation", { error: String(error) }),
  );

  return {
    subscribed,
    publish(domain) {
      o.publisher.publish(channel, JSON.stringify({ shop: domain, from: instanceId })).catch((error: unknown) => {
        logger.warn("config invalidation publish failed; other instances converge by revalidation", { shop: domain, error: String(error) });
      });
    },
    subscribe(onInvalidate) {
      listeners.push(onInvalidate);
    },
    async close() {
      o.subscriber.disconnect(); // not quit(): a QUIT would wait in the queue of a connection that is down
    },
  };
}
