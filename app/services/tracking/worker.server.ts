// The outbox worker loop: runs beside the HTTP server (registered with the background work at module load),
// polls every ~500 ms, wakes at once when a webhook was accepted in this process, and stops gracefully (the
// batch in progress finishes; a row cut off mid-push is reclaimed after its lease by any instance).
import { env } from "~/env.server";
import { logger } from "~/lib/logger.server";
import { registerBackgroundWork, type BackgroundWork } from "~/server/background.server";
import { trackingContext, type TrackingContext } from "./context.server";
import type { PlanBackoff } from "./fulfillments.server";
import { runOutboxOnce, workerId, type RunOptions } from "./outbox.server";
import { onOutboxNotify } from "./signal.server";

interface OutboxWorker extends BackgroundWork {
  readonly owner: string;
  /** Resolves after the next completed pass (tests, bench). */
  idle(): Promise<void>;
}

export function startOutboxWorker(opts: { pollMs?: number; limit?: number; concurrency?: number; timeoutMs?: number; ctx?: TrackingContext } = {}): OutboxWorker {
  const owner = workerId();
  const ctx = opts.ctx ?? trackingContext();
  const backoff: PlanBackoff = new Map();
  const pollMs = opts.pollMs ?? 500;
  let running = true;
  let wake: (() => void) | null = null;
  let passWaiters: Array<() => void> = [];
  const unsubscribe = onOutboxNotify(() => wake?.());

  const loop = (async () => {
    let failures = 0;
    while (running) {
      let busy = false;
      try {
        const run: RunOptions = { owner, ctx, backoff, overlapPlanning: true, limit: opts.limit ?? 50, concurrency: opts.concurrency ?? 16, timeoutMs: opts.timeoutMs };
        const summary = await runOutboxOnce(run);
        busy = summary.claimed >= (run.limit ?? 50) || summary.plan.planned > 0;
        failures = 0;
      } catch (error) {
        failures++;
        logger.warn("outbox pass failed", { error: String(error), failures });
      }
      const waiters = passWaiters;
      passWaiters = [];
      waiters.forEach((w) => w());
      if (!running) break;
      if (busy) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, failures > 0 ? Math.min(30_000, pollMs * 2 ** failures) : pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();

  return {
    owner,
    idle: () => new Promise<void>((resolve) => passWaiters.push(resolve)),
    async stop() {
      running = false;
      unsubscribe();
      wake?.();
      await loop;
    },
  };
}

registerBackgroundWork(() => {
  if (env().OUTBOX_WORKER === "off") return { stop: async () => undefined };
  return startOutboxWorker();
});
