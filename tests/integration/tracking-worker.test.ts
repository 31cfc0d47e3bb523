// The worker loop under a misbehaving destination: no head-of-line blocking, leases kept alive by heartbeat.
// No timing assertions: the tests assert what completed while something else was still stuck.
import { describe, expect, it, vi } from "vitest";
import { getDb } from "~/db.server";
import { trackingContext } from "~/services/tracking/context.server";
import { claimDue, runOutboxOnce, sendClaimed } from "~/services/tracking/outbox.server";
import { startOutboxWorker } from "~/services/tracking/worker.server";
import { ORDER_CONTEXT_COST } from "~/services/tracking/order-context.server";
import { MAX_SINGLE_QUERY_COST } from "../fakes/shopify-admin";
import { addOrder, fulfillment, postWebhook, useTrackingWorld } from "./tracking-world";

const SHOP = "tracking-worker.myshopify.com";
const world = useTrackingWorld(SHOP);

describe("the outbox worker loop", () => {
  it("delivers every healthy push while a hanging destination still holds only its own slots", async () => {
    // Every order goes to the merchant webhook (healthy) and to AfterShip (tagged), which never answers.
    world.aftership.faults.always({ kind: "hang" });
    const N = 12;
    for (let i = 0; i < N; i++) {
      addOrder(world, { id: String(3000 + i), sourceName: "web", tags: ["aftership"], country: "US" });
      await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 8000 + i, orderId: 3000 + i, tracking: [`1ZHOL${i}`], company: "UPS" }));
    }
    const worker = startOutboxWorker({ pollMs: 20, concurrency: 8, perDestination: 2, timeoutMs: 30_000 });
    try {
      const deliveredToSink = () => getDb().outboxMessage.count({ where: { channelId: world.channels.webhook, status: "delivered" } });
      await vi.waitFor(async () => expect(await deliveredToSink()).toBe(N), { timeout: 20_000, interval: 20 });
      expect(world.sink.state.received).toHaveLength(N);
      const rows = await getDb().outboxMessage.findMany({ select: { channelId: true, status: true } });
      const of = (channel: string) => rows.filter((r) => r.channelId === channel).map((r) => r.status);
      expect(of(world.channels.webhook)).toEqual(Array(N).fill("delivered"));
      // The hanging destination: still in flight, never more than its limit at once, nothing given up on yet.
      expect(world.aftership.requests.length).toBeGreaterThan(0);
      expect(world.aftership.requests.length).toBeLessThanOrEqual(2);
      expect(worker.inFlight().get(world.channels.aftership)).toBeLessThanOrEqual(2);
      expect(of(world.channels.aftership).filter((s) => s === "in_flight").length).toBeLessThanOrEqual(2);
      expect(of(world.channels.aftership).filter((s) => s === "pending").length).toBeGreaterThanOrEqual(N - 2);
      expect(of(world.channels.aftership)).not.toContain("retrying");
    } finally {
      await world.aftership.close(); // ends the hung requests (network errors → retrying) so stop() returns
      await worker.stop();
    }
    // Rows claimed but never started went back to the queue on stop, not into a lease.
    const leftovers = await getDb().outboxMessage.count({ where: { status: "in_flight" } });
    expect(leftovers).toBe(0);
  });

  it("keeps a slow push's short lease alive by heartbeat, so no other worker pushes it twice", async () => {
    addOrder(world, { id: "3100", sourceName: "web" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 8100, orderId: 3100, tracking: ["TRKHB"] }));
    await runOutboxOnce({ limit: 0 }); // plan only
    world.sink.faults.next({ kind: "slow", ms: 1_200 });
    const [id] = await claimDue({ owner: "slow-worker", leaseMs: 300 });
    // The slow push's lease (300 ms) would expire four times over without the heartbeat (every 50 ms).
    const push = sendClaimed(trackingContext(), id, "slow-worker", { leaseMs: 300, heartbeatMs: 50, timeoutMs: 5_000 });
    let settled = false;
    void push.finally(() => (settled = true));
    let otherClaims = 0;
    while (!settled) {
      otherClaims += (await runOutboxOnce({ skipPlanning: true, owner: "other-worker" })).claimed;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await push).toBe("delivered");
    expect(otherClaims).toBe(0);
    expect(world.sink.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(await getDb().outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "delivered", attempts: 1 });
  });
});

describe("planning a burst", () => {
  it("reads order contexts with nodes(ids:) batches inside the query cost limit, waiting out the throttle", async () => {
    const N = 40;
    for (let i = 0; i < N; i++) {
      addOrder(world, { id: String(4000 + i), sourceName: "web" });
      await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 9000 + i, orderId: 4000 + i, tracking: [`BATCH${i}`] }));
    }
    // An empty bucket that refills quickly: the first batch is throttled (or waits), then every batch fits.
    world.admin.throttle.restoreRate = 2_000;
    world.admin.throttle.drain(0);
    const pass = await runOutboxOnce({ limit: 0 });
    expect(pass.plan).toMatchObject({ planned: N, failed: 0 });
    const batches = world.admin.callsTo("OrderContexts");
    expect(world.admin.callsTo("OrderContext")).toHaveLength(0);
    const answered = batches.map((c) => (c.variables.ids as string[]).length);
    expect(new Set(batches.flatMap((c) => c.variables.ids as string[])).size).toBe(N);
    expect(Math.max(...answered) * ORDER_CONTEXT_COST).toBeLessThanOrEqual(MAX_SINGLE_QUERY_COST);
    expect(Math.min(...answered)).toBeGreaterThan(1);
    // The empty bucket answered THROTTLED; the planner waited for the points it reported instead of giving up.
    expect(world.admin.throttle.throttled).toBeGreaterThanOrEqual(1);
    expect(await getDb().outboxMessage.count({ where: { channelId: world.channels.webhook } })).toBe(N);
    expect(await getDb().webhookReceipt.count({ where: { status: "received" } })).toBe(0);
  });

  it("plans an order missing from Shopify as before when its batch answers null", async () => {
    addOrder(world, { id: "4100", sourceName: "web" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 9100, orderId: 4100, tracking: ["GONE0"] }));
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 9101, orderId: 4101, tracking: ["GONE1"] }));
    await runOutboxOnce({ limit: 0 });
    expect(world.admin.callsTo("OrderContexts")).toHaveLength(1);
    const receipts = await getDb().webhookReceipt.findMany({ orderBy: { receivedAt: "asc" }, select: { status: true, error: true } });
    expect(receipts.map((r) => r.status)).toEqual(["processed", "processed"]);
    expect(receipts[1].error).toMatch(/4101 was not found/);
    expect(await getDb().outboxMessage.count()).toBe(1);
  });
});
