// The label tracking poller beside the HTTP server (every instance may run one: labels are claimed with a lease).
// It looks for due parcels every minute; when the USPS budget or a 429 stopped a pass, it sleeps until then.
// OUTBOX_WORKER=off turns it off with the other workers (tests drive runLabelTrackingOnce themselves).
import { env } from "~/env.server";
import { logger } from "~/lib/logger.server";
import { registerBackgroundWork, type BackgroundWork } from "~/server/background.server";
import { workerId } from "../tracking/outbox.server";
import { labelContext, type LabelContext } from "./context.server";
import { runLabelTrackingOnce } from "./tracking.server";

const POLL_MS = 60_000;

export function startLabelTrackingWorker(ctx: LabelContext = labelContext()): BackgroundWork {
  const owner = workerId();
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      let pause = POLL_MS;
      try {
        const r = await runLabelTrackingOnce(ctx, { owner });
        if (r.waitUntil) pause = Math.max(1_000, r.waitUntil.getTime() - ctx.now().getTime());
        else if (r.polled > 0) pause = 0;
      } catch (e) {
        logger.warn("label tracking pass failed", { reason: (e as Error).message });
      }
      if (pause > 0 && !stopped) await new Promise<void>((resolve) => { wake = resolve; setTimeout(resolve, pause).unref(); });
      wake = null;
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

registerBackgroundWork(() => {
  if (env().OUTBOX_WORKER === "off") return { stop: async () => undefined };
  return startLabelTrackingWorker();
});
