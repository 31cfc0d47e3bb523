// The partner-webhook worker beside the HTTP server (every instance may run one: rows are claimed with a lease).
// It polls for due rows and wakes at once when this instance queues or replays an event. OUTBOX_WORKER=off turns it
// off with the tracking and label workers (tests drive runPartnerWebhooksOnce themselves).
import { env } from "~/env.server";
import { logger } from "~/lib/logger.server";
import { registerBackgroundWork, type BackgroundWork } from "~/server/background.server";
import { workerId } from "../tracking/outbox.server";
import { partnersContext, type PartnersContext } from "./context.server";
import { runPartnerWebhooksOnce, type DeliveryOptions } from "./webhook-delivery.server";
import { onPartnerWebhooks } from "./webhook-signal.server";

const POLL_MS = 1_000;

export function startPartnerWebhookWorker(ctx: PartnersContext = partnersContext(), opts: DeliveryOptions & { pollMs?: number } = {}): BackgroundWork {
  const owner = opts.owner ?? workerId();
  let stopped = false;
  let wake: (() => void) | null = null;
  let woken = false;
  const off = onPartnerWebhooks(() => {
    woken = true;
    wake?.();
  });
  const loop = (async () => {
    let failures = 0;
    while (!stopped) {
      woken = false;
      let claimed = 0;
      try {
        claimed = (await runPartnerWebhooksOnce(ctx, { ...opts, owner })).claimed;
        failures = 0;
      } catch (e) {
        failures++;
        logger.warn("partner webhook pass failed", { reason: (e as Error).message, failures });
      }
      if (stopped || woken || claimed > 0) continue;
      // Back off while the database is failing, up to 30 s; otherwise poll.
      const wait = failures > 0 ? Math.min(30_000, (opts.pollMs ?? POLL_MS) * 2 ** failures) : (opts.pollMs ?? POLL_MS);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, wait).unref();
      });
      wake = null;
    }
  })();
  return {
    async stop() {
      stopped = true;
      off();
      wake?.();
      await loop;
    },
  };
}

registerBackgroundWork(() => {
  if (env().OUTBOX_WORKER === "off") return { stop: async () => undefined };
  return startPartnerWebhookWorker();
});
