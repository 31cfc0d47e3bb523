// USPS tracking of bought labels, end to end against the USPS and Shopify Admin fakes: the poller turns the fake's
// deterministic timeline into Shopify fulfillment events (once each), raises a merchant alert for counterfeit
// postage or postage due, waits out a 429, and keeps to its share of the USPS hour.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { createLabelBatch } from "~/services/labels/batches.server";
import { runLabelJobsOnce } from "~/services/labels/jobs.server";
import { runLabelTrackingOnce } from "~/services/labels/tracking.server";
import { labelAlerts } from "~/services/labels/alerts.server";
import { labelsPage } from "~/services/labels/page.server";
import { voidLabel } from "~/services/labels/void.server";
import { useTestDatabase } from "../helpers/db";
import { startShopifyAdminFake, type ShopifyAdminFake } from "../fakes/shopify-admin";
import { startUspsFake, type UspsFake } from "../fakes/usps";
import { addOpenOrders, fulfillmentOrder, labelTestContext, memoryCarrierState, seedLabelShop } from "../helpers/labels";

// The poller serves every shop: each test starts from an empty database.
const testDb = useTestDatabase();

const HOUR = 3_600_000;
let usps: UspsFake;
let admin: ShopifyAdminFake;
let carrierState = memoryCarrierState();
// One clock for the fake USPS (its timeline runs from each label's purchase) and for our services: real time
// (rows get the database's own now()) moved forward by `offset`.
let offset = 0;
const clock = () => Date.now() + offset;
const later = (ms: number) => {
  offset = ms;
};

beforeAll(async () => {
  admin = await startShopifyAdminFake();
});
afterAll(() => admin.close());
beforeEach(async () => {
  await testDb.reset();
  offset = 0;
  usps = await startUspsFake({ now: clock, quotaPerHour: 1000 });
  carrierState = memoryCarrierState();
  admin.state.fulfillmentOrders.length = 0;
  admin.state.fulfillments.length = 0;
  admin.state.fulfillmentEvents.length = 0;
});
afterEach(() => usps.close());

const ctx = () => labelTestContext({ adminUrl: admin.url, uspsUrl: usps.url, now: () => new Date(clock()), sharedState: carrierState });
const poll = () => runLabelTrackingOnce(ctx(), { owner: "tracking-test" });

async function buy(domain: string, n: number, settings: Record<string, unknown> = {}) {
  const shop = await seedLabelShop(domain, usps.state, settings);
  return { shop, labels: await buyFor(shop, n) };
}

async function buyFor(shop: { id: string; domain: string }, n: number) {
  const orders = addOpenOrders(admin, Array.from({ length: n }, () => fulfillmentOrder()));
  const created = await createLabelBatch(ctx(), shop, { fulfillmentOrderIds: orders.map((o) => o.id) });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  for (let i = 0; i < 10; i++) if ((await runLabelJobsOnce(ctx(), { owner: "buyer", retryDelayMs: () => 0 })).claimed === 0) break;
  const labels = await getDb().label.findMany({ where: { shopId: shop.id, batchId: created.batchId }, orderBy: { createdAt: "asc" } });
  expect(labels.map((l) => l.status)).toEqual(Array.from({ length: n }, () => "fulfilled"));
  return labels;
}

const eventsOf = (fulfillmentId: string | null) => admin.state.fulfillmentEvents.filter((e) => e.fulfillmentId === fulfillmentId);
const trackingCalls = () => usps.requests.filter((r) => r.path.startsWith("/tracking/v3/")).length;

describe("label tracking", () => {
  it("turns each USPS tracking event into one Shopify fulfillment event, in order, until delivery", async () => {
    const { shop, labels } = await buy("track.myshopify.com", 2);
    const [plain, bumpy] = labels;
    usps.state.labels.deliveryExceptions.add(bumpy.trackingNumber!);

    // USPS has nothing to say before pickup: no call in the first two hours.
    later(HOUR);
    expect(await poll()).toMatchObject({ polled: 0 });
    expect(trackingCalls()).toBe(0);

    later(13 * HOUR);
    expect(await poll()).toMatchObject({ polled: 2, applied: 4 });
    expect(eventsOf(plain.fulfillmentId).map((e) => e.status)).toEqual(["IN_TRANSIT", "IN_TRANSIT"]);
    // Polled again only when due: the same hour finds nothing to do and calls USPS no more.
    const calls = trackingCalls();
    expect(await poll()).toMatchObject({ polled: 0 });
    expect(trackingCalls()).toBe(calls);

    later(31 * HOUR);
    expect(await poll()).toMatchObject({ polled: 2, applied: 2 });
    later(35 * HOUR);
    await poll();
    expect(eventsOf(plain.fulfillmentId).map((e) => e.status)).toEqual(["IN_TRANSIT", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"]);
    expect(eventsOf(plain.fulfillmentId)[3]).toMatchObject({ fulfillmentId: expect.stringMatching(/^gid:\/\/shopify\/Fulfillment\//), message: "Delivered, In/At Mailbox" });
    // Each event carries USPS's own time: 2 h, 12 h, 30 h and 34 h after the label was bought.
    const times = eventsOf(plain.fulfillmentId).map((e) => new Date(e.happenedAt!).getTime());
    expect(times.map((t) => (t - times[0]) / HOUR)).toEqual([0, 10, 28, 32]);
    const done = await getDb().label.findFirst({ where: { id: plain.id, shopId: shop.id } });
    expect(done).toMatchObject({ trackingStatus: "delivered", trackingNextAt: null, trackingAlert: null });

    // The second parcel's failed first delivery is a FAILURE event; it is delivered the next day.
    later(60 * HOUR);
    await poll();
    expect(eventsOf(bumpy.fulfillmentId).map((e) => e.status)).toEqual(["IN_TRANSIT", "IN_TRANSIT", "OUT_FOR_DELIVERY", "FAILURE", "OUT_FOR_DELIVERY", "DELIVERED"]);

    // Delivered parcels are never polled again.
    const before = trackingCalls();
    later(100 * HOUR);
    expect(await poll()).toMatchObject({ polled: 0 });
    expect(trackingCalls()).toBe(before);
    const recorded = await getDb().inboundTrackingEvent.findMany({ where: { shopId: shop.id, source: "usps" } });
    expect(recorded.filter((r) => r.result === "applied")).toHaveLength(10);
  });

  it("raises a merchant alert for counterfeit postage and postage due, and tells the buyer nothing about it", async () => {
    const { shop, labels } = await buy("alert.myshopify.com", 3);
    const [counterfeit, due, fine] = labels;
    usps.state.labels.counterfeit.add(counterfeit.trackingNumber!);
    usps.state.labels.postageDue.add(due.trackingNumber!);
    later(14 * HOUR);
    expect(await poll()).toMatchObject({ polled: 3, alerts: 2 });

    const alerts = await labelAlerts(getDb(), shop.id, new Date(clock()));
    expect(alerts.count).toBe(2);
    expect(alerts.latest.map((a) => a.trackingNumber).sort()).toEqual([counterfeit.trackingNumber, due.trackingNumber].sort());
    expect(alerts.latest.find((a) => a.trackingNumber === counterfeit.trackingNumber)).toMatchObject({ orderName: counterfeit.orderName, message: expect.stringContaining("Counterfeit Postage") });
    expect(alerts.latest.find((a) => a.trackingNumber === due.trackingNumber)?.message).toContain("Postage Due");
    // The Labels page, where the merchant acts on them, shows the same alerts as the home page.
    expect((await labelsPage(ctx(), shop, { report: "day" })).alerts).toEqual(alerts);
    // The buyer's order status page only hears that the parcel moves.
    for (const l of labels) expect(eventsOf(l.fulfillmentId).map((e) => e.status)).toEqual(["IN_TRANSIT", "IN_TRANSIT"]);
    expect(admin.state.fulfillmentEvents.some((e) => /counterfeit|postage/i.test(e.message ?? ""))).toBe(false);
    // Another shop sees none of it.
    const other = await seedLabelShop("other-alert.myshopify.com", usps.state);
    expect((await labelAlerts(getDb(), other.id, new Date(clock()))).count).toBe(0);
    expect((await getDb().label.findFirst({ where: { id: fine.id, shopId: shop.id } }))?.trackingAlert).toBeNull();
    // Polling again does not raise it twice; voiding the label takes it off the list.
    later(19 * HOUR);
    expect(await poll()).toMatchObject({ alerts: 0 });
    expect(await voidLabel(ctx(), shop, due.id)).toMatchObject({ ok: true });
    expect((await labelAlerts(getDb(), shop.id, new Date(clock()))).latest.map((a) => a.trackingNumber)).toEqual([counterfeit.trackingNumber]);
  });

  it("waits out a 429 for its Retry-After, then applies what it missed", async () => {
    await buy("track429.myshopify.com", 1);
    later(13 * HOUR);
    usps.faults.next({ kind: "status", status: 429, headers: { "retry-after": "600" } }, { method: "GET", path: /^\/tracking\/v3\// });
    const first = await poll();
    expect(first.applied).toBe(0);
    expect(first.waitUntil?.getTime()).toBeGreaterThanOrEqual(clock() + 590_000);
    expect(admin.state.fulfillmentEvents).toHaveLength(0);

    const calls = trackingCalls();
    later(13 * HOUR + 60_000);
    expect(await poll()).toMatchObject({ polled: 0 });
    expect(trackingCalls()).toBe(calls);

    later(13 * HOUR + 601_000);
    expect(await poll()).toMatchObject({ polled: 1, applied: 2 });
    expect(admin.state.fulfillmentEvents.map((e) => e.status)).toEqual(["IN_TRANSIT", "IN_TRANSIT"]);
  });

  it("stops polling at its share of the USPS hour, leaving label purchases theirs", async () => {
    // 12 calls an hour: 2 for tokens, 3 for checkout rating, label calls up to 7, tracking up to 4.
    const { shop } = await buy("quota.myshopify.com", 2, { hourlyQuota: 12 });
    later(2 * HOUR);
    await buyFor(shop, 2);
    later(12 * HOUR);

    const pass = await poll();
    // A fresh token (the old one expired) and three polls fill the tracking share; the fourth parcel waits an hour.
    expect(pass.polled).toBe(4);
    // The tracking share frees again when this pass's first call leaves the hour.
    expect(pass.waitUntil!.getTime() - clock()).toBeGreaterThan(HOUR - 60_000);
    expect(pass.waitUntil!.getTime() - clock()).toBeLessThanOrEqual(HOUR);
    expect(trackingCalls()).toBe(3);
    const waiting = await getDb().label.findMany({ where: { shopId: shop.id, trackingStatus: null } });
    expect(waiting).toHaveLength(1);
    expect(waiting[0].trackingNextAt!.getTime() - clock()).toBeGreaterThan(HOUR - 60_000);
    // A label bought now still gets its calls (address, payment, label).
    await buyFor(shop, 1);
  });

  it("stops tracking a voided label", async () => {
    const { shop, labels } = await buy("track-void.myshopify.com", 1);
    expect(await voidLabel(ctx(), shop, labels[0].id)).toMatchObject({ ok: true, status: "voided" });
    later(13 * HOUR);
    expect(await poll()).toMatchObject({ polled: 0 });
    expect(trackingCalls()).toBe(0);
  });
});
