// The sender's result writes: many finished pushes per transaction, every row's update fenced by its id, shop,
// lease owner and lease version. Runs on SQLite and (TEST_DATABASE_URL) PostgreSQL.
import { describe, expect, it } from "vitest";
import { getDb, type Db } from "~/db.server";
import { claimDue, runOutboxOnce } from "~/services/tracking/outbox.server";
import { pushResultWriter, type PushResultRow } from "~/services/tracking/push-results.server";
import { claimedRowLoader } from "~/services/tracking/claimed-rows.server";
import { addOrder, at, fulfillment, minutes, postWebhook, useTrackingWorld } from "./tracking-world";

const SHOP = "tracking-results.myshopify.com";
const world = useTrackingWorld(SHOP);
const T0 = new Date("2030-01-01T12:00:00Z");
const OWNER = "results-worker";

/** `n` planned rows to the merchant webhook, claimed by OWNER. */
async function claimedRows(n: number) {
  for (let i = 0; i < n; i++) {
    addOrder(world, { id: String(5000 + i), sourceName: "web" });
    await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 9500 + i, orderId: 5000 + i, tracking: [`RES${i}`] }));
  }
  await runOutboxOnce({ now: T0, limit: 0 }); // plan only
  const ids = await claimDue({ owner: OWNER, now: T0, limit: n });
  expect(ids).toHaveLength(n);
  return getDb().outboxMessage.findMany({ where: { id: { in: ids } }, orderBy: { createdAt: "asc" } });
}

type Claimed = Awaited<ReturnType<typeof claimedRows>>[number];

function result(r: Claimed, over: Partial<PushResultRow> = {}): PushResultRow {
  return {
    id: r.id,
    shopId: r.shopId,
    owner: OWNER,
    leaseVersion: r.leaseVersion,
    status: "delivered",
    attempts: r.attempts + 1,
    lastError: null,
    nextAttemptAt: null,
    deliveredAt: at(T0, 1_000),
    updatedAt: at(T0, 1_000),
    attempt: { startedAt: T0, outcome: "delivered", request: { url: "https://example.test/hook" }, response: { status: 200 }, error: null, latencyMs: 12 },
    ...over,
  };
}

/** The database, counting the transactions the writer opens. */
function counting(db: Db) {
  const counter = { transactions: 0 };
  const wrapped = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "$transaction") {
        return (...args: unknown[]) => {
          counter.transactions++;
          return (target.$transaction as (...a: unknown[]) => unknown)(...args);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  return { db: wrapped, counter };
}

const rowsById = async (ids: string[]) =>
  new Map((await getDb().outboxMessage.findMany({ where: { id: { in: ids } }, include: { attemptLog: true } })).map((r) => [r.id, r]));

describe("writing push results", () => {
  it("writes the results of pushes that finished together in one transaction, each with its own outcome", async () => {
    const [a, b, c, d] = await claimedRows(4);
    const { db, counter } = counting(getDb());
    const writer = pushResultWriter(db);
    const retryAt = at(T0, minutes(1));
    const applied = await Promise.all([
      writer.write(result(a)),
      writer.write(result(b, { status: "retrying", lastError: "HTTP 503", nextAttemptAt: retryAt, deliveredAt: null, attempt: { ...result(b).attempt, outcome: "retry", error: "HTTP 503" } })),
      writer.write(result(c, { status: "dead", lastError: "HTTP 400: bad", deliveredAt: null, attempt: { ...result(c).attempt, outcome: "dead", response: undefined, error: "HTTP 400: bad" } })),
      writer.write(result(d, { status: "needs_attention", lastError: "No NF-e", deliveredAt: null, attempt: { ...result(d).attempt, outcome: "needs_attention", request: undefined, response: undefined, error: "No NF-e" } })),
    ]);
    expect(applied).toEqual([true, true, true, true]);
    expect(counter.transactions).toBe(1);

    const rows = await rowsById([a.id, b.id, c.id, d.id]);
    expect(rows.get(a.id)).toMatchObject({ status: "delivered", attempts: 1, lastError: null, leaseOwner: null, leaseUntil: null, deliveredAt: at(T0, 1_000), nextAttemptAt: a.nextAttemptAt });
    expect(rows.get(b.id)).toMatchObject({ status: "retrying", attempts: 1, lastError: "HTTP 503", leaseOwner: null, nextAttemptAt: retryAt, deliveredAt: null });
    expect(rows.get(c.id)).toMatchObject({ status: "dead", lastError: "HTTP 400: bad", nextAttemptAt: c.nextAttemptAt });
    expect(rows.get(d.id)).toMatchObject({ status: "needs_attention", lastError: "No NF-e" });
    expect(rows.get(a.id)!.attemptLog).toMatchObject([{ outcome: "delivered", request: { url: "https://example.test/hook" }, response: { status: 200 }, error: null, latencyMs: 12, startedAt: T0 }]);
    expect(rows.get(c.id)!.attemptLog).toMatchObject([{ outcome: "dead", response: null, error: "HTTP 400: bad" }]);
    expect(rows.get(d.id)!.attemptLog).toMatchObject([{ outcome: "needs_attention", request: null, response: null }]);
  });

  it("refuses a result whose shop, lease owner or lease version does not match, keeping its attempt in the log", async () => {
    const [ok, otherShop, otherOwner, staleVersion] = await claimedRows(4);
    const writer = pushResultWriter(getDb());
    const applied = await Promise.all([
      writer.write(result(ok)),
      writer.write(result(otherShop, { shopId: "some-other-shop" })),
      writer.write(result(otherOwner, { owner: "another-worker" })),
      writer.write(result(staleVersion, { leaseVersion: staleVersion.leaseVersion - 1 })),
    ]);
    expect(applied).toEqual([true, false, false, false]);
    const rows = await rowsById([ok.id, otherShop.id, otherOwner.id, staleVersion.id]);
    expect(rows.get(ok.id)).toMatchObject({ status: "delivered" });
    for (const refused of [otherShop, otherOwner, staleVersion]) {
      expect(rows.get(refused.id)).toMatchObject({ status: "in_flight", leaseOwner: OWNER, attempts: 0, leaseUntil: refused.leaseUntil });
      expect(rows.get(refused.id)!.attemptLog).toHaveLength(1);
    }
  });

  it("still writes the other results when one result in the batch cannot be written", async () => {
    const [a, b, c] = await claimedRows(3);
    const { db, counter } = counting(getDb());
    const writer = pushResultWriter(db);
    const broken = result(b, { attempt: { ...result(b).attempt, outcome: null as unknown as string } });
    const settled = await Promise.allSettled([writer.write(result(a)), writer.write(broken), writer.write(result(c))]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(settled[0]).toMatchObject({ value: true });
    expect(settled[2]).toMatchObject({ value: true });
    // The batch failed and was rolled back whole, then each result was written on its own (the broken one twice).
    expect(counter.transactions).toBe(5);
    const rows = await rowsById([a.id, b.id, c.id]);
    expect(rows.get(a.id)).toMatchObject({ status: "delivered" });
    expect(rows.get(b.id)).toMatchObject({ status: "in_flight", attemptLog: [] });
    expect(rows.get(c.id)).toMatchObject({ status: "delivered" });
    expect(rows.get(a.id)!.attemptLog).toHaveLength(1);
  });

  it("reads the rows of pushes that start together with one query, and a missing row as null", async () => {
    const [a, b, c] = await claimedRows(3);
    let queries = 0;
    const outboxMessage = getDb().outboxMessage;
    const counted = {
      findMany: (args: Parameters<typeof outboxMessage.findMany>[0]) => {
        queries++;
        return outboxMessage.findMany(args);
      },
    };
    const loader = claimedRowLoader({ outboxMessage: counted as unknown as Db["outboxMessage"] });
    const rows = await Promise.all([loader.load(c.id), loader.load(a.id), loader.load("no-such-row"), loader.load(b.id)]);
    expect(queries).toBe(1);
    expect(rows.map((r) => r?.id ?? null)).toEqual([c.id, a.id, null, b.id]);
    expect(rows[0]?.channel).toMatchObject({ id: world.channels.webhook, type: "webhook" });
  });

  it("delivers a batch of pushes end to end through the shared writer, one attempt each", async () => {
    for (let i = 0; i < 10; i++) {
      addOrder(world, { id: String(5100 + i), sourceName: "web" });
      await postWebhook(SHOP, "fulfillments/create", fulfillment({ id: 9600 + i, orderId: 5100 + i, tracking: [`E2E${i}`] }));
    }
    const pass = await runOutboxOnce({ now: T0, limit: 10, concurrency: 10 });
    expect(pass).toMatchObject({ claimed: 10, outcomes: { delivered: 10 } });
    expect(world.sink.state.received).toHaveLength(10);
    const all = await getDb().outboxMessage.findMany({ include: { attemptLog: true } });
    expect(all.map((r) => [r.status, r.attempts, r.attemptLog.length, r.leaseOwner])).toEqual(Array(10).fill(["delivered", 1, 1, null]));
  });
});
