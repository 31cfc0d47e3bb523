import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { claimDue, LEASE_MS, markResolved, MAX_ATTEMPTS, retryAllFailed, retryNow, runOutboxOnce } from "~/services/tracking/outbox.server";
import { verbatim } from "~/lib/said";
import { storedSaid } from "~/lib/stored-said";
import { sayIn } from "../helpers/said";
import { addOrder, at, fulfillment, minutes, NFE_KEY, NFE_NUMBER, postWebhook, useTrackingWorld } from "./tracking-world";

const SHOP = "tracking-outbox.myshopify.com";
const world = useTrackingWorld(SHOP);
const T0 = new Date("2030-01-01T12:00:00Z");

/** A web order: only the merchant webhook's "any channel" rule matches. */
async function webOrderToWebhook(fid: number, oid: number, tracking = `TRK${fid}`) {
  addOrder(world, { id: String(oid), sourceName: "web", country: "BR" });
  await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: fid, orderId: oid, tracking: [tracking] }));
  await runOutboxOnce({ now: T0, limit: 0 }); // plan only
  return getDb().outboxMessage.findFirstOrThrow({ where: { fulfillmentId: String(fid), channelId: world.channels.webhook } });
}

const row = (id: string) => getDb().outboxMessage.findUniqueOrThrow({ where: { id }, include: { attemptLog: { orderBy: { startedAt: "asc" } } } });

describe("the outbox worker", () => {
  it("retries timeouts, resets, 500s and 429s as classified, Retry-After never shortening the schedule, then delivers", async () => {
    const r = await webOrderToWebhook(7001, 2001);
    world.sink.faults
      .next({ kind: "hang" })
      .next({ kind: "reset" })
      .next({ kind: "status", status: 500, body: "boom" })
      .next({ kind: "status", status: 429, headers: { "retry-after": "7" }, body: "slow down" });

    await runOutboxOnce({ now: T0, timeoutMs: 300 });
    let m = await row(r.id);
    expect(m).toMatchObject({ status: "retrying", attempts: 1 });
    const firstDelay = m.nextAttemptAt.getTime() - T0.getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(48_000);
    expect(firstDelay).toBeLessThanOrEqual(72_000);
    // Not due yet: nothing happens.
    expect((await runOutboxOnce({ now: at(T0, 30_000) })).claimed).toBe(0);

    await runOutboxOnce({ now: at(T0, minutes(2)), timeoutMs: 2_000 });
    m = await row(r.id);
    expect(m).toMatchObject({ status: "retrying", attempts: 2 });
    await runOutboxOnce({ now: at(T0, minutes(5)), timeoutMs: 2_000 });
    m = await row(r.id);
    expect(m).toMatchObject({ status: "retrying", attempts: 3 });
    expect(m.lastError).toMatch(/500/);
    await runOutboxOnce({ now: at(T0, minutes(10)), timeoutMs: 2_000 });
    m = await row(r.id);
    expect(m).toMatchObject({ status: "retrying", attempts: 4 });
    // Retry-After: 7 cannot shorten the schedule: the 4th delay is 8 min ± 20 %, not 7 s.
    expect(m.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(at(T0, minutes(10) + 0.8 * minutes(8)).getTime());
    expect((await runOutboxOnce({ now: at(T0, minutes(10) + 8_000) })).claimed).toBe(0);

    await runOutboxOnce({ now: at(T0, minutes(10) + 1.2 * minutes(8) + 1_000), timeoutMs: 2_000 });
    m = await row(r.id);
    expect(m).toMatchObject({ status: "delivered", attempts: 5 });
    expect(m.attemptLog.map((a) => a.outcome)).toEqual(["retry", "retry", "retry", "retry", "delivered"]);
    expect((m.attemptLog[0].response as { kind: string }).kind).toBe("timeout");
    expect((m.attemptLog[1].response as { kind: string }).kind).toBe("network");
    expect(world.sink.state.received).toHaveLength(1);
  });

  it("retries a malformed Wish answer after reading the order back, without a second write", async () => {
    addOrder(world, { id: "2002", nfe: NFE_KEY, channelOrderId: "wish-malformed" });
    world.wish.faults.next({ kind: "bad_json" }, { method: "PUT" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 7002, orderId: 2002, tracking: ["OJ1BR"] }));
    await runOutboxOnce({ now: T0 });
    const m = await getDb().outboxMessage.findFirstOrThrow({ where: { channelId: world.channels.wish } });
    expect(m.status).toBe("retrying");
    expect(m.lastError).toMatch(/read-back shows no tracking/);
    await runOutboxOnce({ now: at(T0, minutes(3)) });
    expect((await row(m.id)).status).toBe("delivered");
    expect(world.wish.state.orders.get("wish-malformed")!.trackingUpdates).toBe(1);
  });

  it("dead-letters a permanent 400 with the channel's reason", async () => {
    const r = await webOrderToWebhook(7003, 2003);
    world.sink.faults.next({ kind: "status", status: 400, body: { error: "order_number is not one of ours" } });
    await runOutboxOnce({ now: T0 });
    const m = await row(r.id);
    expect(m.status).toBe("dead");
    expect(m.lastError).toMatch(/400/);
    expect(m.lastError).toMatch(/order_number is not one of ours/);
    // The destination's answer is stored as text and shown as it came, in every language.
    expect(storedSaid(m.lastError!)).toEqual(verbatim(m.lastError!));
    expect(m.attemptLog).toHaveLength(1);
    expect((await runOutboxOnce({ now: at(T0, minutes(600)) })).claimed).toBe(0);
  });

  it(`gives up after ${MAX_ATTEMPTS} retryable failures and dead-letters the row`, async () => {
    const r = await webOrderToWebhook(7004, 2004);
    world.sink.faults.always({ kind: "status", status: 503 });
    let now = T0;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await runOutboxOnce({ now });
      now = at(now, 7 * 3_600_000);
    }
    const m = await row(r.id);
    expect(m.status).toBe("dead");
    expect(m.attempts).toBe(MAX_ATTEMPTS);
    // Waypost's own words are stored as a message the page says in the merchant's language; the 503 stays as it came.
    expect((await sayIn("fr"))(storedSaid(m.lastError!))).toMatch(new RegExp(`^Abandon après ${MAX_ATTEMPTS} tentatives · Webhook: .*503`));
    expect((await sayIn("en"))(storedSaid(m.lastError!))).toMatch(new RegExp(`^Gave up after ${MAX_ATTEMPTS} attempts · Webhook: .*503`));
  });

  it("delivers a row whose worker died after claiming it once the lease expires", async () => {
    const r = await webOrderToWebhook(7005, 2005);
    expect(await claimDue({ owner: "crashed-worker", now: T0 })).toEqual([r.id]);
    // Still leased: a second worker leaves it alone.
    expect((await runOutboxOnce({ now: at(T0, LEASE_MS / 2) })).claimed).toBe(0);
    // A short lease: seconds after the crash, not minutes, the row goes out.
    const after = await runOutboxOnce({ now: at(T0, LEASE_MS + 1_000) });
    expect(after.outcomes).toEqual({ delivered: 1 });
    expect(world.sink.state.received).toHaveLength(1);
    // The crashed worker's late answer cannot overwrite the new owner's result.
    expect((await row(r.id)).leaseOwner).toBeNull();
  });

  it("does not PUT to Wish again when a worker died after its PUT landed", async () => {
    addOrder(world, { id: "2006", nfe: NFE_KEY, channelOrderId: "wish-crash" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 7006, orderId: 2006, tracking: ["OJ6BR"] }));
    await runOutboxOnce({ now: T0, limit: 0 });
    const m = await getDb().outboxMessage.findFirstOrThrow({ where: { channelId: world.channels.wish } });
    await claimDue({ owner: "dies-after-put", now: T0 });
    // The dead worker's PUT reached Wish, its acknowledgement never reached the database.
    world.wish.state.orders.get("wish-crash")!.tracking = { tracking_number: NFE_NUMBER, shipping_provider: "Intelipost", origin_country: "BR" };
    world.wish.state.orders.get("wish-crash")!.trackingUpdates = 1;
    await runOutboxOnce({ now: at(T0, minutes(3)) });
    expect((await row(m.id)).status).toBe("delivered");
    expect(world.wish.requests.filter((q) => q.method === "PUT")).toHaveLength(0);
    expect(world.wish.state.orders.get("wish-crash")!.trackingUpdates).toBe(1);
  });

  it("reads Wish back after a timeout whose PUT landed, and does not PUT twice", async () => {
    addOrder(world, { id: "2007", nfe: NFE_KEY, channelOrderId: "wish-slow" });
    world.wish.faults.next({ kind: "slow", ms: 1_500 }, { method: "PUT" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 7007, orderId: 2007, tracking: ["OJ7BR"] }));
    await runOutboxOnce({ now: T0, timeoutMs: 700 });
    const m = await getDb().outboxMessage.findFirstOrThrow({ where: { channelId: world.channels.wish }, include: { attemptLog: true } });
    expect(m.status).toBe("delivered");
    expect(m.attemptLog[0].error).toMatch(/read back already carries this tracking/);
    expect(world.wish.requests.filter((q) => q.method === "PUT")).toHaveLength(1);
    expect(world.wish.requests.filter((q) => q.method === "GET")).toHaveLength(1);
    expect(world.wish.state.orders.get("wish-slow")!.trackingUpdates).toBe(1);
  });

  it("supersedes a queued older tracking value with a newer one for the same fulfillment and channel", async () => {
    addOrder(world, { id: "2008", sourceName: "web", tags: ["aftership"], country: "US" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 7008, orderId: 2008, tracking: ["1ZOLD0000001"], company: "UPS" }));
    await postWebhook(SHOP, "fulfillments/update", fulfillment({ id: 7008, orderId: 2008, tracking: ["1ZNEW0000002"], company: "UPS" }));
    await runOutboxOnce({ now: T0 });
    const rows = await getDb().outboxMessage.findMany({ where: { channelId: world.channels.aftership }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.trackingValue, r.status])).toEqual([
      ["1ZOLD0000001", "superseded"],
      ["1ZNEW0000002", "delivered"],
    ]);
    expect(world.aftership.state.trackings.map((t) => t.tracking_number)).toEqual(["1ZNEW0000002"]);
    // The merchant webhook hears both, in order.
    await runOutboxOnce({ now: at(T0, 1) });
    expect(world.sink.state.received.map((d) => (d.body as { tracking_code: string }).tracking_code)).toEqual(["1ZOLD0000001", "1ZNEW0000002"]);
  });

  it("sends updates for one fulfillment and channel in order, holding later ones while an earlier one retries", async () => {
    addOrder(world, { id: "2009", sourceName: "web" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 7009, orderId: 2009, tracking: ["TRK9"] }));
    await postWebhook(SHOP, "fulfillments/update", fulfillment({ id: 7009, orderId: 2009, tracking: ["TRK9"], shipmentStatus: "in_transit" }));
    await postWebhook(SHOP, "fulfillments/update", fulfillment({ id: 7009, orderId: 2009, tracking: ["TRK9"], shipmentStatus: "delivered" }));
    world.sink.faults.next({ kind: "status", status: 502 });
    const first = await runOutboxOnce({ now: T0 });
    expect(first.plan.planned).toBe(3);
    expect(first.claimed).toBe(1);
    expect(world.sink.state.received).toHaveLength(0);
    // Later rows stay queued while the first is retrying.
    expect((await runOutboxOnce({ now: at(T0, 10_000) })).claimed).toBe(0);
    for (let i = 1; i <= 3; i++) await runOutboxOnce({ now: at(T0, minutes(5 * i)) });
    expect(world.sink.state.received.map((d) => (d.body as { event: string }).event)).toEqual(["tracking_changed", "in_transit", "delivered"]);
  });

  it("lets the merchant retry a dead delivery now, retry all failed for a channel, and mark one resolved", async () => {
    const a = await webOrderToWebhook(7010, 2010);
    const b = await webOrderToWebhook(7011, 2011);
    const c = await webOrderToWebhook(7012, 2012);
    world.sink.faults.always({ kind: "status", status: 422 });
    await runOutboxOnce({ now: T0 });
    expect((await getDb().outboxMessage.findMany({ where: { id: { in: [a.id, b.id, c.id] } } })).map((r) => r.status)).toEqual(["dead", "dead", "dead"]);
    world.sink.faults.clear();

    expect(await markResolved(c.id)).toEqual({ ok: true, count: 1 });
    expect(await retryNow(a.id, { now: at(T0, 1000) })).toEqual({ ok: true, count: 1 });
    expect((await row(a.id))).toMatchObject({ status: "pending", attempts: 0 });
    await runOutboxOnce({ now: at(T0, 1000) });
    expect((await row(a.id)).status).toBe("delivered");
    expect(await retryNow(a.id)).toMatchObject({ ok: false });

    expect(await retryAllFailed(world.channels.webhook, { now: at(T0, 2000) })).toEqual({ ok: true, count: 1 });
    await runOutboxOnce({ now: at(T0, 2000) });
    expect((await row(b.id)).status).toBe("delivered");
    expect((await row(c.id)).status).toBe("resolved");
    expect(world.sink.state.received).toHaveLength(2);
    // Another shop cannot touch these rows.
    expect(await retryNow(c.id, { shopId: "someone-else" })).toEqual({ ok: false, message: "Delivery not found", said: { key: "deliveries:actions.notFound" } });
  });

  it("stores rotated Wish tokens after a refresh, sealed", async () => {
    addOrder(world, { id: "2013", nfe: NFE_KEY, channelOrderId: "wish-refresh" });
    world.wish.state.expireAccessTokens();
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 7013, orderId: 2013, tracking: ["OJ13BR"] }));
    await runOutboxOnce({ now: T0 });
    const conn = await getDb().channelConnection.findUniqueOrThrow({ where: { id: world.channels.wish } });
    expect(conn.secrets).toMatch(/^v1:/);
    expect(conn.secrets).not.toMatch(/wat_|wrt_/);
    expect(world.wish.state.orders.get("wish-refresh")!.trackingUpdates).toBe(1);
    // The rotated refresh token was stored: a second expiry refreshes again with it.
    world.wish.state.expireAccessTokens();
    addOrder(world, { id: "2014", nfe: "33150308370779000149550010001100931002410775", channelOrderId: "wish-refresh-2" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 7014, orderId: 2014, tracking: ["OJ14BR"] }));
    await runOutboxOnce({ now: T0 });
    expect(world.wish.state.orders.get("wish-refresh-2")!.trackingUpdates).toBe(1);
  });
  it("never hands one row to two workers claiming at the same time", async () => {
    for (let i = 0; i < 20; i++) {
      addOrder(world, { id: String(2100 + i), sourceName: "web" });
      await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 7100 + i, orderId: 2100 + i, tracking: [`PAR${i}`] }));
    }
    await runOutboxOnce({ now: T0, limit: 0 });
    const claims = await Promise.all(["w1", "w2", "w3", "w4"].map((owner) => claimDue({ owner, now: T0, limit: 8 })));
    const all = claims.flat();
    expect(all).toHaveLength(20);
    expect(new Set(all).size).toBe(20);
    const owners = await getDb().outboxMessage.groupBy({ by: ["leaseOwner"], _count: { _all: true } });
    expect(owners.reduce((n, o) => n + o._count._all, 0)).toBe(20);
  });
});
