// The label worker beside the HTTP server (every instance may run one: rows are claimed with a lease). It polls for
// due labels, and wakes at once when this instance queues a batch. OUTBOX_WORKER=off turns it off with the tracking
// worker (tests and the bench drive runLabelJobsOnce themselves).
import { env } from "~/env.server";
import type { PaymentAuthorization } from "~/carriers/labels";
import { logger } from "~/lib/logger.server";
import { registerBackgroundWork, type BackgroundWork } from "~/server/background.server";
import { workerId } from "../tracking/outbox.server";
import { labelContext, type LabelContext } from "./context.server";
import { runLabelJobsOnce } from "./jobs.server";
import { onLabelWork } from "./signal.server";

const POLL_MS = 2_000;

export function startLabelWorker(ctx: LabelContext = labelContext()): BackgroundWork {
  const owner = workerId();
  const auths = new Map<string, PaymentAuthorization>();
  let stopped = false;
  let wake: (() => void) | null = null;
  const off = onLabelWork(() => wake?.());
  const loop = (async () => {
    while (!stopped) {
      let claimed = 0;
      try {
        claimed = (await runLabelJobsOnce(ctx, { owner, auths })).claimed;
      } catch (e) {
        logger.warn("label worker pass failed", { reason: (e as Error).message });
      }
      if (claimed === 0 && !stopped) await new Promise<void>((resolve) => { wake = resolve; setTimeout(resolve, POLL_MS).unref(); });
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
  return startLabelWorker();
});
