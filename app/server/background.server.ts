// Work that runs beside the HTTP server in every instance: the quote-log writer and retention purge, and the
// tracking outbox worker (claims rows with a lease, so several instances can run it side by side).
import { env } from "~/env.server";
import { logger } from "~/lib/logger.server";
import { closeQuoteLog, flushQuoteLog, purgeQuoteLog } from "~/services/rating/quote-log.server";

export interface BackgroundWork {
  stop(): Promise<void>;
}

const extra: Array<() => BackgroundWork> = [];

/** Lets other capabilities (the outbox worker) join the background loop without this file knowing them. */
export function registerBackgroundWork(start: () => BackgroundWork) {
  extra.push(start);
}

export function startBackgroundWork(): BackgroundWork {
  const config = env();
  const flushTimer = setInterval(() => {
    flushQuoteLog().catch((error) => logger.warn("quote log flush failed", { error: String(error) }));
  }, 500);
  const purgeTimer = setInterval(() => {
    purgeQuoteLog(config.QUOTE_LOG_RETENTION_DAYS).catch((error) => logger.warn("quote log purge failed", { error: String(error) }));
  }, 3_600_000);
  flushTimer.unref();
  purgeTimer.unref();
  const others = extra.map((start) => start());
  return {
    async stop() {
      clearInterval(flushTimer);
      clearInterval(purgeTimer);
      await Promise.all(others.map((o) => o.stop()));
      await closeQuoteLog();
    },
  };
}
