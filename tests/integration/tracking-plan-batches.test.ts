// Planning many receipts per transaction: a failing receipt does not take the others down with it, a crash
// mid-batch loses nothing and queues nothing twice, and two updates of one fulfillment in one batch keep the
// supersede and ordering rules of two separate passes.
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { planPendingReceipts } from "~/services/tracking/fulfillments.server";
import { runOutboxOnce } from "~/services/tracking/outbox.server";
import { addOrder, fulfillment, postWebhook, useTrackingWorld } from "./tracking-world";

const SHOP = "tracking-plan-batches.myshopify.com";
const world = useTrackingWorld(SHOP);

async function webOrders(n: number, first: number) {
  for (let i = 0; i < n; i++) {
    addOrder(world, { id: String(first + i), sourceName: "web" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 50_000 + first + i, orderId: first + i, tracking: [`B${first + i}`] }));
  }
  return getDb().webhookReceipt.findMany({ orderBy: { receivedAt: "asc" }, select: { id: true } });
}

const receiptStatuses = async () => (await getDb().webhookReceipt.findMany({ select: { status: true } })).map((r) => r.status).sort();

describe("planning receipts in batches", () => {
  it("plans the rest of a batch when one receipt's plan cannot be committed, and keeps that one for later", async () => {
    const receipts = await webOrders(5, 6000);
    const bad = receipts[2].id;
    const summary = await planPendingReceipts({
      fault: (ids) => {
        if (ids.includes(bad)) throw new Error("disk full while planning this receipt");
      },
    });
    expect(summary).toMatchObject({ planned: 4, deferred: 1, failed: 0 });
    const kept = await getDb().webhookReceipt.findUniqueOrThrow({ where: { id: bad } });
    expect(kept.status).toBe("received");
    expect(kept.error).toMatch(/disk full/);
    expect(await getDb().outboxMessage.count()).toBe(4);

    // The next pass plans it; the four already planned are not planned again.
    expect(await planPendingReceipts()).toMatchObject({ planned: 1, deferred: 0 });
    expect(await getDb().outboxMessage.count()).toBe(5);
  });

  it("fails a receipt whose stored payload is not a fulfillment, planning the others of its batch", async () => {
    await webOrders(3, 6100);
    await getDb().webhookReceipt.create({ data: { shopDomain: SHOP, topic: "fulfillments/create", webhookId: "broken-1", orderId: "6199", payload: { id: "not a fulfillment" } } });
    expect(await planPendingReceipts()).toMatchObject({ planned: 3, failed: 1 });
    const broken = await getDb().webhookReceipt.findUniqueOrThrow({ where: { webhookId: "broken-1" } });
    expect(broken).toMatchObject({ status: "failed" });
    expect(broken.error).toMatch(/not a fulfillment/);
    expect(await getDb().outboxMessage.count()).toBe(3);
  });

  it("loses nothing and pushes nothing twice when planning crashes mid-batch", async () => {
    await webOrders(6, 6200);
    // The "crash" strikes after the receipts were claimed and before the rows were written, in every attempt.
    const crashed = await planPendingReceipts({
      fault: () => {
        throw new Error("process killed");
      },
    });
    expect(crashed.planned).toBe(0);
    expect(await receiptStatuses()).toEqual(Array(6).fill("received"));
    expect(await getDb().outboxMessage.count()).toBe(0);
    expect(await getDb().fulfillmentRecord.count()).toBe(0);

    // Redelivered exactly once: the next pass plans all six, a third plans nothing, each is pushed once.
    expect(await planPendingReceipts()).toMatchObject({ planned: 6 });
    expect(await planPendingReceipts()).toMatchObject({ planned: 0 });
    await runOutboxOnce({ limit: 50, skipPlanning: true });
    await runOutboxOnce({ limit: 50 });
    expect(await getDb().outboxMessage.count({ where: { status: "delivered" } })).toBe(6);
    const ids = world.sink.state.received.map((d) => (d.body as { event_id: string }).event_id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it("supersedes an older value queued by an earlier pass, and keeps both values of a create and update batched together in order", async () => {
    const aftershipRows = () =>
      getDb().outboxMessage.findMany({ where: { channelId: world.channels.aftership }, orderBy: { createdAt: "asc" }, select: { trackingValue: true, status: true } });
    addOrder(world, { id: "6300", sourceName: "web", tags: ["aftership"], country: "US" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 56_300, orderId: 6300, tracking: ["1ZOLD0000001"], company: "UPS" }));
    await planPendingReceipts();
    await postWebhook(SHOP, "fulfillments/update", fulfillment({ id: 56_300, orderId: 6300, tracking: ["1ZMID0000002"], company: "UPS" }));
    await postWebhook(SHOP, "fulfillments/update", fulfillment({ id: 56_300, orderId: 6300, tracking: ["1ZNEW0000003"], company: "UPS" }));
    expect(await planPendingReceipts()).toMatchObject({ planned: 2 });
    expect(await aftershipRows()).toEqual([
      { trackingValue: "1ZOLD0000001", status: "superseded" },
      { trackingValue: "1ZMID0000002", status: "superseded" },
      { trackingValue: "1ZNEW0000003", status: "pending" },
    ]);
    const record = await getDb().fulfillmentRecord.findFirstOrThrow({ where: { fulfillmentId: "56300" } });
    expect(record.trackingNumbers).toEqual(["1ZNEW0000003"]);
  });

  it("commits a whole batch of receipts in one transaction", async () => {
    await webOrders(30, 6400);
    const summary = await planPendingReceipts({ batchSize: 50 });
    expect(summary).toMatchObject({ planned: 30, deferred: 0, failed: 0 });
    const processedAt = new Set((await getDb().webhookReceipt.findMany({ select: { processedAt: true } })).map((r) => r.processedAt?.getTime()));
    expect(processedAt.size).toBe(1);
    expect(await getDb().outboxMessage.count()).toBe(30);
  });
});
