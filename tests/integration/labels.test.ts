// The label flow end to end against the USPS and Shopify Admin fakes: batch → address check → buy → ledger →
// fulfillment; partial failures; idempotent retry when an answer is lost; void CANCELED vs DISPUTED; re-ship.
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { createLabelBatch, batchProgress } from "~/services/labels/batches.server";
import { runLabelJobsOnce } from "~/services/labels/jobs.server";
import { voidLabel } from "~/services/labels/void.server";
import { labelReport } from "~/services/labels/reports.server";
import { useTestDatabase } from "../helpers/db";
import { fakeDomesticZone, fakePrice } from "../fakes/usps";
import { addOpenOrders, fulfillmentOrder, seedLabelShop } from "../helpers/labels";
import { useLabelFakes } from "../helpers/label-fakes";

useTestDatabase();

const fakes = useLabelFakes();

const ctxAt = (now?: () => Date) => fakes.ctx(now);
const drain = async (ctx = ctxAt(), passes = 10) => {
  const outcomes: Record<string, number> = {};
  for (let i = 0; i < passes; i++) {
    const r = await runLabelJobsOnce(ctx, { owner: "test-worker", retryDelayMs: () => 0 });
    for (const [k, v] of Object.entries(r.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + v;
    if (r.claimed === 0) break;
  }
  return outcomes;
};

describe("a label batch", () => {
  it("buys one label per order, records the ledger, fulfils on Shopify and flags a bad address without stopping", async () => {
    const shop = await seedLabelShop("batch.myshopify.com", fakes.usps.state);
    const orders = addOpenOrders(fakes.admin, [fulfillmentOrder(), fulfillmentOrder({ street: "1 Tower Rd" }), fulfillmentOrder({ paid: "7.50" })]);
    const created = await createLabelBatch(ctxAt(), shop, { fulfillmentOrderIds: orders.map((o) => o.id), notifyCustomer: false });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    expect(created.queued).toBe(3);

    const outcomes = await drain();
    expect(outcomes).toMatchObject({ fulfilled: 2, address_failed: 1 });
    const db = getDb();
    const labels = await db.label.findMany({ where: { shopId: shop.id }, orderBy: { createdAt: "asc" } });
    expect(labels.map((l) => l.status).sort()).toEqual(["address_failed", "fulfilled", "fulfilled"]);
    const flagged = labels.find((l) => l.status === "address_failed")!;
    expect(flagged).toMatchObject({ errorKey: "error.addressUnconfirmed", lastError: expect.stringContaining("more information is needed") });
    expect(flagged.addressSuggestion).toMatchObject({ address1: "1 TOWER RD" });

    // Shopify: one fulfillment per bought label, carrier USPS, USPS tracking URL, the merchant's notify choice.
    expect(fakes.admin.state.fulfillments).toHaveLength(2);
    for (const f of fakes.admin.state.fulfillments) {
      expect(f.trackingInfo[0]).toMatchObject({ company: "USPS", number: expect.stringMatching(/^9400/), url: expect.stringContaining("tools.usps.com") });
      expect(f.notifyCustomer).toBe(false);
    }
    // Ledger: the postage USPS returned (2 lb incl. the box → Priority Mail at the zone's price) and the checkout price.
    const postage = Math.round(fakePrice("PRIORITY_MAIL", fakeDomesticZone("22407", "63110"), 1.8307) * 100);
    const ledger = await db.labelLedgerEntry.findMany({ where: { shopId: shop.id, kind: "postage" } });
    expect(ledger.map((e) => e.amount)).toEqual([postage, postage]);
    expect(ledger.map((e) => e.checkoutPaid).sort((a, b) => a! - b!)).toEqual([750, 1200]);
    const batch = await db.labelBatch.findFirst({ where: { id: created.batchId, shopId: shop.id } });
    expect(ledger.every((e) => e.paymentAccount === "EPS 1000000001" && e.mailingDate === batch?.mailingDate)).toBe(true);
    expect(fakes.usps.state.labels.charges).toHaveLength(2);
    expect(fakes.usps.state.labels.invalidBodies).toEqual([]);

    const progress = await batchProgress(ctxAt(), shop.id, created.batchId);
    expect(progress).toMatchObject({ total: 3, bought: 2, failed: 1, pending: 0 });
  });

  it("never queues a package twice: a second batch for the same orders is refused", async () => {
    const shop = await seedLabelShop("double.myshopify.com", fakes.usps.state);
    const orders = addOpenOrders(fakes.admin, [fulfillmentOrder()]);
    const first = await createLabelBatch(ctxAt(), shop, { fulfillmentOrderIds: [orders[0].id] });
    const second = await createLabelBatch(ctxAt(), shop, { fulfillmentOrderIds: [orders[0].id] });
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, status: 409, error: { key: "labels:error.nothingToBuy" }, skipped: [{ fulfillmentOrderId: orders[0].id, reason: { key: "labels:skip.hasLabel" } }] });
  });

  it("shows USPS's message for a 4xx, retries a 5xx with the same key, and waits out a 429", async () => {
    const shop = await seedLabelShop("partial.myshopify.com", fakes.usps.state);
    const orders = addOpenOrders(fakes.admin, [fulfillmentOrder({ street: "1 Undeliverable Way" }), fulfillmentOrder(), fulfillmentOrder()]);
    const created = await createLabelBatch(ctxAt(), shop, { fulfillmentOrderIds: orders.map((o) => o.id) });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    fakes.usps.faults.next({ kind: "status", status: 503, body: { error: { message: "Service Unavailable" } } }, { method: "POST", path: "/labels/v3/label" });
    fakes.usps.faults.next({ kind: "status", status: 429, headers: { "retry-after": "120" } }, { method: "POST", path: "/labels/v3/label" });
    let now = Date.now();
    const ctx = ctxAt(() => new Date(now));
    await drain(ctx);
    const db = getDb();
    // USPS's 429 pauses the whole shared ledger until Retry-After: every label still to buy waits for it.
    const waiting = await db.label.findMany({ where: { shopId: shop.id, status: "retrying" } });
    expect(waiting).toHaveLength(3);
    for (const w of waiting) expect(w.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(now + 119_000);
    now += 121_000;
    await drain(ctx);
    const labels = await db.label.findMany({ where: { shopId: shop.id } });
    const failed = labels.filter((l) => l.status === "failed");
    expect(failed).toHaveLength(1);
    // Waypost's sentence as a key (the page translates it), USPS's own words beside it as they came.
    expect(failed[0]).toMatchObject({ errorKey: "error.refused", errorParams: { carrier: "USPS" }, lastError: expect.stringMatching(/^Address Not Found: .*not deliverable/) });
    expect(labels.filter((l) => l.status === "fulfilled")).toHaveLength(2);
    // Every retry of a package carried that package's key; no package was charged twice.
    const buys = fakes.usps.requests.filter((r) => r.method === "POST" && r.path === "/labels/v3/label");
    const keys = new Map<string, number>();
    for (const b of buys) keys.set(b.headers["x-idempotency-key"], (keys.get(b.headers["x-idempotency-key"]) ?? 0) + 1);
    expect([...keys.values()].some((n) => n > 1)).toBe(true);
    // The worker serves every shop: count only this shop's packages (an earlier test's shop may still have work).
    const mine = new Set(labels.map((l) => l.idempotencyKey));
    expect(fakes.usps.state.labels.charges.filter((c) => mine.has(c.idempotencyKey ?? ""))).toHaveLength(2);
  });

  it("buys once when the purchase landed but the answer was lost", async () => {
    const shop = await seedLabelShop("lost.myshopify.com", fakes.usps.state);
    const orders = addOpenOrders(fakes.admin, [fulfillmentOrder()]);
    await createLabelBatch(ctxAt(), shop, { fulfillmentOrderIds: [orders[0].id] });
    fakes.usps.faults.next({ kind: "reset", after: true }, { method: "POST", path: "/labels/v3/label" });
    await drain();
    expect(fakes.usps.state.labels.charges).toHaveLength(1);
    expect(fakes.usps.requests.filter((r) => r.path === "/labels/v3/label")).toHaveLength(2);
    expect(await getDb().label.count({ where: { shopId: shop.id, status: "fulfilled" } })).toBe(1);
    expect(await getDb().labelLedgerEntry.count({ where: { shopId: shop.id, kind: "postage" } })).toBe(1);
  });
});

describe("voiding", () => {
  async function boughtLabels(domain: string, n: number) {
    const shop = await seedLabelShop(domain, fakes.usps.state);
    const orders = addOpenOrders(fakes.admin, Array.from({ length: n }, () => fulfillmentOrder()));
    await createLabelBatch(ctxAt(), shop, { fulfillmentOrderIds: orders.map((o) => o.id) });
    await drain();
    return { shop, labels: await getDb().label.findMany({ where: { shopId: shop.id }, orderBy: { createdAt: "asc" } }) };
  }

  it("refunds a CANCELED label in the ledger and cancels its fulfillment; tracks a DISPUTED one; refuses a used one", async () => {
    const { shop, labels } = await boughtLabels("void.myshopify.com", 3);
    const [fresh, manifested, used] = labels;
    fakes.usps.state.labels.manifested.add(manifested.trackingNumber!);
    fakes.usps.state.labels.used.add(used.trackingNumber!);

    expect(await voidLabel(ctxAt(), shop, fresh.id)).toEqual({ ok: true, status: "voided" });
    expect(fakes.admin.state.fulfillments.find((f) => f.id === fresh.fulfillmentId)?.status).toBe("CANCELLED");
    const disputed = await voidLabel(ctxAt(), shop, manifested.id);
    expect(disputed).toMatchObject({ ok: true, status: "void_requested", disputeId: expect.any(String) });
    expect(await voidLabel(ctxAt(), shop, used.id)).toMatchObject({ ok: false, status: 400, error: { parts: [{ key: "labels:error.voidRefused", params: { carrier: "USPS" } }, { verbatim: expect.stringContaining("already been used") }] } });

    const db = getDb();
    expect((await db.label.findFirst({ where: { id: manifested.id, shopId: shop.id } }))?.disputeId).toBe((disputed as { disputeId: string }).disputeId);
    const sum = (await db.labelLedgerEntry.findMany({ where: { shopId: shop.id } })).reduce((n, e) => n + e.amount, 0);
    // Three labels charged, one refunded (the disputed refund is not money back yet).
    expect(sum).toBe(2 * (fresh.chargedAmount ?? 0));
    expect(fakes.usps.state.labels.refunds).toHaveLength(1);
    const report = await labelReport(ctxAt(), shop.id, "batch");
    expect(report[0]).toMatchObject({ labels: 3, voided: 1, postage: 3 * fresh.chargedAmount!, refunded: fresh.chargedAmount, collected: 3600 });
  });

  it("void and re-ship buys a new label for the package and moves the fulfillment to the new number", async () => {
    const { shop, labels } = await boughtLabels("reship.myshopify.com", 1);
    const old = labels[0];
    const r = await voidLabel(ctxAt(), shop, old.id, { reship: true });
    expect(r).toMatchObject({ ok: true, status: "voided", newLabelId: expect.any(String) });
    await drain();
    const fresh = await getDb().label.findFirst({ where: { id: (r as { newLabelId: string }).newLabelId, shopId: shop.id } });
    expect(fresh?.status).toBe("fulfilled");
    expect(fresh?.trackingNumber).not.toBe(old.trackingNumber);
    expect(fresh?.idempotencyKey).not.toBe(old.idempotencyKey);
    expect(fresh?.fulfillmentId).toBe(old.fulfillmentId);
    const f = fakes.admin.state.fulfillments.find((x) => x.id === old.fulfillmentId)!;
    expect(f.status).toBe("SUCCESS");
    expect(f.trackingInfo[0].number).toBe(fresh?.trackingNumber);
    expect(fakes.usps.state.labels.charges).toHaveLength(2);
  });
});
