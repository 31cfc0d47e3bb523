// Leases under stress: a push whose lease lapsed while it still runs. The clock is injected (no timing assertions):
// the tests move it past the lease while the destination holds the push open, then let the push finish.
import { describe, expect, it, vi } from "vitest";
import { getDb } from "~/db.server";
import { storedSaid } from "~/lib/stored-said";
import { sayIn } from "../helpers/said";
import { trackingContext } from "~/services/tracking/context.server";
import { claimDue, runOutboxOnce, sendClaimed } from "~/services/tracking/outbox.server";
import { startOutboxWorker } from "~/services/tracking/worker.server";
import { addOrder, at, fulfillment, minutes, postWebhook, useTrackingWorld } from "./tracking-world";

const SHOP = "tracking-fencing.myshopify.com";
const world = useTrackingWorld(SHOP);

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** One web order whose only destination is the merchant webhook; planned, not sent. */
async function plannedRow(fid: number) {
  addOrder(world, { id: String(fid + 1000), sourceName: "web" });
  await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: fid, orderId: fid + 1000, tracking: [`FENCE${fid}`] }));
  await runOutboxOnce({ limit: 0 }); // plan only
  return getDb().outboxMessage.findFirstOrThrow({ where: { fulfillmentId: String(fid), channelId: world.channels.webhook } });
}

const posts = () => world.sink.requests.filter((r) => r.method === "POST");
const waitForPosts = (n: number) => vi.waitFor(() => expect(posts()).toHaveLength(n), { timeout: 20_000, interval: 10 });
const row = (id: string) => getDb().outboxMessage.findUniqueOrThrow({ where: { id }, include: { attemptLog: true } });

describe("a push whose lease lapsed while it still runs", () => {
  it("is never started a second time by the worker that holds it, even when its own claim hands it back", async () => {
    const r = await plannedRow(8201);
    const held = gate();
    world.sink.faults.next({ kind: "hold", until: held.opened });
    let now = new Date();
    // A starved heartbeat: it never fires during the test, so only the claim can touch the lease.
    const worker = startOutboxWorker({ clock: () => now, pollMs: 10, leaseMs: 10_000, heartbeatMs: 3_600_000, timeoutMs: 60_000 });
    try {
      await waitForPosts(1);
      now = at(now, minutes(1)); // the lease (10 s) has lapsed as far as the database can tell
      await worker.idle();
      await worker.idle(); // a whole claim pass that started after the clock moved
      const lapsed = await row(r.id);
      // The claim did hand the row back to this worker (a takeover renews the lease from the new clock)…
      expect(lapsed).toMatchObject({ status: "in_flight", leaseOwner: worker.owner });
      expect(lapsed.leaseUntil?.getTime()).toBe(now.getTime() + 10_000);
      expect((await sayIn("en"))(storedSaid(lapsed.lastError!))).toMatch(/^Lease expired/);
      // …and the worker did not push it again.
      expect(posts()).toHaveLength(1);
      held.open();
      await vi.waitFor(async () => expect((await row(r.id)).status).toBe("delivered"), { timeout: 20_000, interval: 20 });
    } finally {
      held.open();
      await worker.stop();
    }
    const done = await row(r.id);
    expect(done).toMatchObject({ status: "delivered", attempts: 1, leaseOwner: null, lastError: null });
    expect(done.attemptLog).toHaveLength(1);
    expect(posts()).toHaveLength(1);
    expect(world.sink.state.received).toHaveLength(1);
  });

  it("loses its result write to the worker that took the row over, whose result stands", async () => {
    const r = await plannedRow(8202);
    const T0 = new Date();
    const held = gate();
    world.sink.faults.next({ kind: "hold", until: held.opened });
    const [id] = await claimDue({ owner: "worker-a", now: T0, leaseMs: 10_000 });
    const first = sendClaimed(trackingContext(), id, "worker-a", { now: T0, heartbeatMs: 0, timeoutMs: 60_000 });
    await waitForPosts(1);
    // Worker A's heartbeat is starved; worker B sees an expired lease and takes the row over.
    const later = at(T0, 11_000);
    expect(await claimDue({ owner: "worker-b", now: later })).toEqual([id]);
    expect(await sendClaimed(trackingContext(), id, "worker-b", { now: later, heartbeatMs: 0 })).toBe("delivered");
    held.open();
    expect(await first).toBe("lost_lease");
    const done = await row(r.id);
    expect(done).toMatchObject({ status: "delivered", attempts: 1, leaseOwner: null });
    // Both pushes reached the channel (the lease had lapsed), and the log says so; only B's result was applied.
    expect(done.attemptLog.map((a) => a.outcome)).toEqual(["delivered", "delivered"]);
    expect(posts()).toHaveLength(2);
  });

  it("cannot apply a stale push's result after its own worker claimed the row again (the lease version fences it)", async () => {
    const r = await plannedRow(8203);
    const T0 = new Date();
    const held = gate();
    world.sink.faults.next({ kind: "hold", until: held.opened }).next({ kind: "status", status: 500, body: "busy" });
    const [id] = await claimDue({ owner: "worker-a", now: T0, leaseMs: 10_000 });
    const stale = sendClaimed(trackingContext(), id, "worker-a", { now: T0, heartbeatMs: 0, timeoutMs: 60_000 });
    await waitForPosts(1);
    // B takes the lapsed row over and fails with a 500: it goes back to the queue for a retry.
    const tB = at(T0, 11_000);
    await claimDue({ owner: "worker-b", now: tB });
    expect(await sendClaimed(trackingContext(), id, "worker-b", { now: tB, heartbeatMs: 0 })).toBe("retrying");
    // When it is due again, worker A claims it anew: same owner as the stale push, a new lease version.
    const tA = at(T0, minutes(3));
    expect(await claimDue({ owner: "worker-a", now: tA })).toEqual([id]);
    const claimed = await row(r.id);
    held.open();
    // The stale push's "delivered" must not close the row that A's new claim now holds.
    expect(await stale).toBe("lost_lease");
    expect(await row(r.id)).toMatchObject({ status: "in_flight", leaseOwner: "worker-a", leaseVersion: claimed.leaseVersion, attempts: 1 });
    // The current claim's push does land.
    expect(await sendClaimed(trackingContext(), id, "worker-a", { now: tA, heartbeatMs: 0 })).toBe("delivered");
    expect(await row(r.id)).toMatchObject({ status: "delivered", attempts: 2, leaseOwner: null });
  });
});
