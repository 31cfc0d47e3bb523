// The outbox worker loop: runs beside the HTTP server (registered with the background work at module load).
// Planning, claiming and pushing run side by side, so a slow destination never stalls the rest:
// - planning (Admin API reads, batched) runs continuously in its own lane while there are receipts;
// - each push runs on its own; the loop claims again as soon as a slot frees, not after a whole batch;
// - every destination (channel connection) has its own concurrency limit, and rows of a destination at its limit
//   are not claimed, so one that hangs (10 s timeouts) holds at most its own slots while healthy destinations and
//   other shops keep flowing;
// - a push renews its row's short lease by heartbeat, so a crashed worker's rows are retried within seconds.
// It polls every ~500 ms, wakes at once when this process accepted a webhook or a push finished, and stops
// gracefully (pushes in progress finish; rows claimed but not started are released).
import { env } from "~/env.server";
import { logger } from "~/lib/logger.server";
import { registerBackgroundWork, type BackgroundWork } from "~/server/background.server";
import { trackingContext, type TrackingContext } from "./context.server";
import { planPendingReceipts, type PlanBackoff } from "./fulfillments.server";
import { claimDueRows, HEARTBEAT_MS, LEASE_MS, sendClaimed, workerId } from "./outbox.server";
import { onOutboxNotify } from "./signal.server";
import { releaseLeases, renewLeases, type ClaimedRow } from "~/db/tracking-sql.server";

interface OutboxWorker extends BackgroundWork {
  readonly owner: string;
  /** Resolves after the next completed pass of the loop (tests, bench). */
  idle(): Promise<void>;
  /** Pushes running or claimed and waiting, per destination (tests, bench). */
  inFlight(): Map<string, number>;
}

export interface WorkerOptions {
  pollMs?: number;
  /** Pushes running at once in this worker, all destinations together. */
  concurrency?: number;
  /** Pushes running at once to one destination (channel connection). */
  perDestination?: number;
  /** Receipts read per planning pass. */
  planLimit?: number;
  timeoutMs?: number;
  leaseMs?: number;
  heartbeatMs?: number;
  ctx?: TrackingContext;
  /** The clock for claims, leases and retry schedules (tests inject one to let leases lapse); the wall clock by default. */
  clock?: () => Date;
  /** @deprecated the claim size now follows the free slots; kept for callers passing it. */
  limit?: number;
}

export function startOutboxWorker(opts: WorkerOptions = {}): OutboxWorker {
  const owner = workerId();
  const ctx = opts.ctx ?? trackingContext();
  const backoff: PlanBackoff = new Map();
  const pollMs = opts.pollMs ?? 500;
  const concurrency = opts.concurrency ?? 32;
  const perDestination = Math.max(1, Math.min(concurrency, opts.perDestination ?? 8));
  let running = true;
  let wake: (() => void) | null = null;
  let woken = false;
  let passWaiters: Array<() => void> = [];
  let planAgain = true;
  const signal = () => {
    woken = true;
    wake?.();
  };
  // An accepted webhook is work for the planner, not for the claim: a burst of 1,000 webhooks would otherwise run
  // 1,000 claims, each scanning every due row, while nothing new was due. The planner wakes the claim loop when a
  // pass ends.
  const unsubscribe = onOutboxNotify(() => {
    planAgain = true;
    plan();
  });

  // Rows this worker holds, per destination: started pushes and claimed rows waiting for a slot.
  const active = new Map<string, number>();
  const waiting = new Map<string, ClaimedRow[]>();
  const pushes = new Set<Promise<unknown>>();
  // Held rows by id (their shop: every lease update names id and shop).
  const heldIds = new Map<string, ClaimedRow>();
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const clock = opts.clock ?? (() => new Date());
  const claimThreshold = Math.max(1, Math.floor(concurrency / 4));
  // Heartbeat: every held row (running or waiting for its destination's slot) keeps a short lease while this worker lives.
  const heartbeat = setInterval(() => {
    if (heldIds.size === 0) return;
    renewLeases(ctx.db, [...heldIds.values()], owner, new Date(clock().getTime() + leaseMs))
      .catch((error: unknown) => logger.warn("outbox lease heartbeat failed", { error: String(error) }));
  }, opts.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();

  const start = (channelId: string, row: ClaimedRow) => {
    active.set(channelId, (active.get(channelId) ?? 0) + 1);
    // The worker's own heartbeat (below) renews every held row in one statement; no per-push timer.
    const push = sendClaimed(ctx, row.id, owner, { timeoutMs: opts.timeoutMs, leaseMs, heartbeatMs: 0, clock, shopId: row.shopId }).finally(() => {
      pushes.delete(push);
      heldIds.delete(row.id);
      lastFinished.set(channelId, Date.now());
      active.set(channelId, (active.get(channelId) ?? 1) - 1);
      dispatch(channelId);
      // Claim again once a quarter of the slots is free (one claim per finished push would rescan the queue each time).
      if (freeSlots() >= claimThreshold) signal();
    });
    pushes.add(push);
  };
  const dispatch = (channelId: string) => {
    const queue = waiting.get(channelId);
    while (running && queue && queue.length > 0 && (active.get(channelId) ?? 0) < perDestination) start(channelId, queue.shift()!);
  };
  const release = (rows: ClaimedRow[]) =>
    releaseLeases(ctx.db, rows, owner)
      .catch((error: unknown) => logger.warn("outbox release failed", { error: String(error) }));
  const load = (channelId: string) => (active.get(channelId) ?? 0) + (waiting.get(channelId)?.length ?? 0);
  const lastFinished = new Map<string, number>();
  const holdLimit = (channelId: string) => (Date.now() - (lastFinished.get(channelId) ?? 0) < 1_000 ? perDestination * 2 : perDestination);
  // Slots not spoken for: rows waiting beyond their destination's limit do not take a slot from another destination.
  const freeSlots = () => {
    let used = 0;
    for (const c of new Set([...active.keys(), ...waiting.keys()])) used += Math.min(load(c), perDestination);
    return concurrency - used;
  };

  // Planning lane: one pass at a time, again at once while it keeps finding work.
  let planning: Promise<void> | null = null;
  const plan = () => {
    if (planning || !planAgain) return;
    planAgain = false;
    planning = planPendingReceipts({ backoff, ctx, limit: opts.planLimit ?? 250 })
      .then((summary) => {
        if (summary.planned > 0) planAgain = true;
      })
      .catch((error: unknown) => {
        logger.warn("tracking planning pass failed", { error: String(error) });
      })
      .finally(() => {
        planning = null;
        signal();
      });
  };

  const loop = (async () => {
    let failures = 0;
    let lastPlanAt = 0;
    while (running) {
      woken = false;
      if (Date.now() - lastPlanAt >= pollMs) planAgain = true;
      if (planAgain && !planning) lastPlanAt = Date.now();
      plan();
      let claimedFull = false;
      try {
        const free = freeSlots();
        if (free > 0) {
          const saturated = [...new Set([...active.keys(), ...waiting.keys()])].filter((c) => load(c) >= perDestination);
          const rows = await claimDueRows({ owner, ctx, now: clock(), limit: free, leaseMs, excludeChannelIds: saturated });
          // One claim may take more rows of a destination than it has slots left. A destination that is finishing pushes
          // keeps up to one more slot-load waiting here (under this worker's heartbeat): handing each back at once
          // made a backlog cost a release per claim. The rest, and all surplus of a destination that has not
          // finished one in the last second, go back at once, so it holds only its own slots and other workers can take its rows.
          const surplus: ClaimedRow[] = [];
          for (const r of rows) {
            // A row of ours whose lease ran out while its push still runs (heartbeats delayed on a starved event
            // loop) comes back from the claim: it is already being pushed here, so never start it a second time.
            if (heldIds.has(r.id)) continue;
            if (load(r.channelId) >= holdLimit(r.channelId)) {
              surplus.push(r);
              continue;
            }
            heldIds.set(r.id, r);
            const queue = waiting.get(r.channelId) ?? [];
            queue.push(r);
            waiting.set(r.channelId, queue);
          }
          if (surplus.length > 0) await release(surplus);
          for (const channelId of new Set(rows.map((r) => r.channelId))) dispatch(channelId);
          claimedFull = rows.length === free && surplus.length === 0;
        }
        failures = 0;
      } catch (error) {
        failures++;
        logger.warn("outbox claim failed", { error: String(error), failures });
      }
      const waiters = passWaiters;
      passWaiters = [];
      waiters.forEach((w) => w());
      if (!running) break;
      // A full claim may leave more due rows: claim again when a slot frees (a finishing push wakes the loop).
      if (woken || (claimedFull && freeSlots() >= claimThreshold)) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, failures > 0 ? Math.min(30_000, pollMs * 2 ** failures) : pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        if (woken) wake();
      });
      wake = null;
    }
  })();

  return {
    owner,
    idle: () => new Promise<void>((resolve) => passWaiters.push(resolve)),
    inFlight: () => new Map([...new Set([...active.keys(), ...waiting.keys()])].map((c) => [c, load(c)])),
    async stop() {
      running = false;
      unsubscribe();
      wake?.();
      await loop;
      // Claimed but never started: hand them back at once instead of waiting for the lease to expire.
      const unstarted = [...waiting.values()].flat();
      waiting.clear();
      for (const r of unstarted) heldIds.delete(r.id);
      if (unstarted.length > 0) await release(unstarted);
      await Promise.all([...pushes, planning]);
      clearInterval(heartbeat);
    },
  };
}

registerBackgroundWork(() => {
  if (env().OUTBOX_WORKER === "off") return { stop: async () => undefined };
  return startOutboxWorker();
});
