// Reconciliation end to end against the USPS and Shopify Admin fakes: a batch records, per label, the postage USPS
// quoted before anything was bought (one prices call per package shape, not per label), and a label USPS then
// charges differently is flagged in the label list, the reports and the CSV.
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { batchProgress, createLabelBatch } from "~/services/labels/batches.server";
import { runLabelJobsOnce } from "~/services/labels/jobs.server";
import { labelsPage } from "~/services/labels/page.server";
import { labelReport, reportCsv } from "~/services/labels/reports.server";
import { voidLabel } from "~/services/labels/void.server";
import { useTestDatabase } from "../helpers/db";
import { fakeDomesticZone, fakePrice } from "../fakes/usps";
import { addOpenOrders, fulfillmentOrder, seedLabelShop } from "../helpers/labels";
import { useLabelFakes } from "../helpers/label-fakes";

useTestDatabase();

const fakes = useLabelFakes();

const ctx = () => fakes.ctx();
const drain = async () => {
  for (let i = 0; i < 10; i++) if ((await runLabelJobsOnce(ctx(), { owner: "test-worker", retryDelayMs: () => 0 })).claimed === 0) break;
};
const priceCalls = () => fakes.usps.requests.filter((r) => r.path === "/prices/v3/total-rates/search").length;
// The helper's orders weigh 1.5 lb plus the box: 1.8307 lb, from Fredericksburg VA 22407.
const priorityCents = (zip: string) => Math.round(fakePrice("PRIORITY_MAIL", fakeDomesticZone("22407", zip), 1.8307) * 100);

describe("label reconciliation", () => {
  it("records USPS's quote before buying, once per package shape, and flags the label USPS charged differently", async () => {
    const shop = await seedLabelShop("reconcile.myshopify.com", fakes.usps.state);
    const orders = addOpenOrders(fakes.admin, [fulfillmentOrder(), fulfillmentOrder(), fulfillmentOrder({ zip: "94103" })]);
    // USPS charges 0.25 more than its own price answer for the San Francisco parcel.
    fakes.usps.state.labels.chargeDifferences.set("94103", 0.25);

    const created = await createLabelBatch(ctx(), shop, { fulfillmentOrderIds: orders.map((o) => o.id), notifyCustomer: false });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    // Two shapes (two St Louis parcels alike, one to San Francisco): two prices calls for three labels, none bought yet.
    expect(priceCalls()).toBe(2);
    expect(fakes.usps.state.labels.charges).toHaveLength(0);
    expect(created.quoted).toEqual({ labels: 3, amount: 2 * priorityCents("63110") + priorityCents("94103"), currency: "USD" });
    expect(await batchProgress(ctx(), shop.id, created.batchId)).toMatchObject({ quoted: created.quoted });

    await drain();
    const db = getDb();
    const labels = await db.label.findMany({ where: { shopId: shop.id }, orderBy: { createdAt: "asc" } });
    expect(labels.map((l) => l.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    expect(labels.map((l) => [l.quotedAmount, l.quotedCurrency])).toEqual([
      [priorityCents("63110"), "USD"],
      [priorityCents("63110"), "USD"],
      [priorityCents("94103"), "USD"],
    ]);
    expect(labels.map((l) => l.chargedPostage)).toEqual([priorityCents("63110"), priorityCents("63110"), priorityCents("94103") + 25]);
    expect(labels.map((l) => l.quoteMismatch)).toEqual([false, false, true]);

    // The page lists the flagged label, and every report counts it.
    const page = await labelsPage(ctx(), shop, { report: "batch" });
    expect(page.flags).toEqual([{ id: labels[2].id, orderName: labels[2].orderName, trackingNumber: labels[2].trackingNumber, quoted: priorityCents("94103"), quotedCurrency: "USD", charged: priorityCents("94103") + 25, currency: "USD" }]);
    expect(page.labels.find((l) => l.id === labels[2].id)).toMatchObject({ quoted: priorityCents("94103"), flagged: true });
    for (const period of ["day", "batch", "month"] as const) expect((await labelReport(ctx(), shop.id, period))[0]).toMatchObject({ labels: 3, flagged: 1 });
    const csv = reportCsv(await labelReport(ctx(), shop.id, "batch"), "batch").split("\n");
    expect(csv[0]).toBe("batch,labels,voided,flagged,postage_usd,refunded_usd,collected_usd,margin_usd");
    expect(csv[1]).toMatch(new RegExp(`^${created.batchId},3,0,1,`));
  });

  it("leaves the extra services out of the comparison, so a label with signature matches its quote", async () => {
    const shop = await seedLabelShop("signature.myshopify.com", fakes.usps.state);
    const orders = addOpenOrders(fakes.admin, [fulfillmentOrder()]);
    const created = await createLabelBatch(ctx(), shop, { fulfillmentOrderIds: orders.map((o) => o.id), signature: true });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    await drain();
    const label = await getDb().label.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(label.chargedAmount).toBe(priorityCents("63110") + 440);
    expect(label).toMatchObject({ quotedAmount: priorityCents("63110"), chargedPostage: priorityCents("63110"), quoteMismatch: false });
  });

  it("buys a label USPS gave no quote for, and never flags it", async () => {
    const shop = await seedLabelShop("unquoted.myshopify.com", fakes.usps.state);
    const orders = addOpenOrders(fakes.admin, [fulfillmentOrder()]);
    fakes.usps.faults.next({ kind: "status", status: 503, body: { error: { message: "Service Unavailable" } } }, { method: "POST", path: "/prices/v3/total-rates/search" });
    const created = await createLabelBatch(ctx(), shop, { fulfillmentOrderIds: orders.map((o) => o.id) });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    expect(created.quoted).toBeNull();
    fakes.usps.state.labels.chargeDifferences.set("63110", 3);
    await drain();
    const label = await getDb().label.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(label).toMatchObject({ status: "fulfilled", quotedAmount: null, quoteMismatch: false });
    expect((await labelReport(ctx(), shop.id, "day"))[0]).toMatchObject({ labels: 1, flagged: 0 });
  });

  it("keeps the quote for the same package through void and re-ship", async () => {
    const shop = await seedLabelShop("requote.myshopify.com", fakes.usps.state);
    const orders = addOpenOrders(fakes.admin, [fulfillmentOrder()]);
    await createLabelBatch(ctx(), shop, { fulfillmentOrderIds: orders.map((o) => o.id) });
    await drain();
    const old = await getDb().label.findFirstOrThrow({ where: { shopId: shop.id } });
    const calls = priceCalls();
    const r = await voidLabel(ctx(), shop, old.id, { reship: true });
    if (!r.ok || !r.newLabelId) throw new Error("no re-ship");
    await drain();
    expect(priceCalls()).toBe(calls);
    expect(await getDb().label.findFirstOrThrow({ where: { id: r.newLabelId, shopId: shop.id } })).toMatchObject({ status: "fulfilled", quotedAmount: old.quotedAmount, quoteMismatch: false });
  });
});
