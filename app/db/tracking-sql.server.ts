// The SQL that differs between the two backends, in one place. PostgreSQL runs several workers side by side:
// the outbox claim uses FOR UPDATE SKIP LOCKED and planning takes an advisory lock per fulfillment. SQLite has one
// writer: the claim is one atomic UPDATE … RETURNING, and plans commit one at a time.
import { getDbBackend, type Db } from "~/db.server";
import { Prisma } from "~/generated/sqlite/client";
import { rowId } from "~/lib/row-id";

type Tx = Pick<Db, "$queryRaw">;

export const isPostgres = () => getDbBackend() === "postgresql";

interface ClaimInput {
  owner: string;
  now: Date;
  leaseUntil: Date;
  limit: number;
  /** Written into lastError when a row whose lease expired mid-push is taken over. */
  resumedNote: string;
  /** Destinations (channel connections) this worker will not take more rows of now: they are at their limit. */
  excludeChannelIds?: readonly string[];
}

export interface ClaimedRow {
  id: string;
  channelId: string;
  shopId: string;
}

/**
 * Claims up to `limit` due rows (and rows whose lease expired) for `owner`. Rows of one (fulfillment, channel)
 * go out strictly in order: a row is claimable only when no older row of its pair is pending, retrying or in flight.
 * Every claim that changes the holder bumps `leaseVersion` (the fencing token a push's result write must match).
 * A worker re-claiming its own expired row keeps the version: its push of that row is still the only one running
 * (the worker never starts a second push of a row it holds), and that push's result must still land.
 */
export async function claimOutboxRows(db: Tx, c: ClaimInput): Promise<ClaimedRow[]> {
  const pg = isPostgres();
  // SQLite stores DateTime as unix epoch milliseconds (see db.server.ts); PostgreSQL as timestamp(3).
  const at = (d: Date) => (pg ? Prisma.sql`CAST(${d.toISOString()} AS timestamp(3))` : Prisma.sql`${d.getTime()}`);
  const now = at(c.now);
  const exclude = c.excludeChannelIds?.length ? Prisma.sql`AND m."channelId" NOT IN (${Prisma.join([...c.excludeChannelIds])})` : Prisma.empty;
  // One branch per claimable state, each walking the (status, nextAttemptAt) index in order and stopping at the
  // limit. A single WHERE with OR across the states had to read and sort every due row on each claim: with a
  // backlog of 1,600 rows that was ~0.6 ms a claim, ~0.1 ms this way. Within a branch, rows due at the same
  // moment come in index order, not by createdAt (sorting on createdAt too cost a sort of every row due at that
  // moment); the order within a (fulfillment, channel) pair is the NOT EXISTS's job, not the ORDER BY's.
  const branch = (due: Prisma.Sql) => Prisma.sql`SELECT * FROM (
      SELECT m."id", m."nextAttemptAt", m."createdAt" FROM "OutboxMessage" m
      WHERE ${due} ${exclude}
        AND NOT EXISTS (
          SELECT 1 FROM "OutboxMessage" o
          WHERE o."channelId" = m."channelId" AND o."fulfillmentId" = m."fulfillmentId"
            AND o."status" IN ('pending', 'retrying', 'in_flight')
            AND (o."createdAt" < m."createdAt" OR (o."createdAt" = m."createdAt" AND o."id" < m."id")))
      ORDER BY m."nextAttemptAt"
      LIMIT ${c.limit}
      ${pg ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty}) b`;
  const rows = await db.$queryRaw<ClaimedRow[]>`
    UPDATE "OutboxMessage" SET "lastError" = CASE WHEN "status" = 'in_flight' THEN ${c.resumedNote} ELSE "lastError" END,
      "leaseVersion" = CASE WHEN "status" = 'in_flight' AND "leaseOwner" = ${c.owner} THEN "leaseVersion" ELSE "leaseVersion" + 1 END,
      "status" = 'in_flight', "leaseOwner" = ${c.owner},
      "leaseUntil" = ${at(c.leaseUntil)}, "updatedAt" = ${now}
    WHERE "id" IN (
      SELECT d."id" FROM (
        ${branch(Prisma.sql`m."status" = 'pending' AND m."nextAttemptAt" <= ${now}`)}
        UNION ALL ${branch(Prisma.sql`m."status" = 'retrying' AND m."nextAttemptAt" <= ${now}`)}
        UNION ALL ${branch(Prisma.sql`m."status" = 'in_flight' AND m."leaseUntil" < ${now}`)}) d
      ORDER BY d."nextAttemptAt", d."createdAt"
      LIMIT ${c.limit})
    RETURNING "id", "channelId", "shopId"`;
  return rows;
}

type HeldRow = { id: string; shopId: string };

/** Rows still in flight under this owner's lease, each named by its id and its shop. */
const heldBy = (rows: readonly HeldRow[], owner: string) => ({ OR: rows.map((r) => ({ id: r.id, shopId: r.shopId })), leaseOwner: owner, status: "in_flight" });

/** Extends the leases of rows this worker still owns (each named by id and shop); the number still held. */
export async function renewLeases(db: Pick<Db, "outboxMessage">, rows: readonly HeldRow[], owner: string, leaseUntil: Date): Promise<number> {
  if (rows.length === 0) return 0;
  return (await db.outboxMessage.updateMany({ where: heldBy(rows, owner), data: { leaseUntil } })).count;
}

/** Hands claimed rows that were never started back to the queue at once (each named by id and shop). */
export async function releaseLeases(db: Pick<Db, "outboxMessage">, rows: readonly HeldRow[], owner: string): Promise<number> {
  if (rows.length === 0) return 0;
  return (await db.outboxMessage.updateMany({ where: heldBy(rows, owner), data: { status: "pending", leaseOwner: null, leaseUntil: null } })).count;
}

/**
 * Serialises planning of these fulfillments across PostgreSQL workers (one statement for a whole batch; locks
 * taken in hash order so two batches sharing fulfillments cannot deadlock); SQLite needs nothing (one writer).
 */
export async function lockFulfillments(tx: Tx, keys: readonly string[]): Promise<void> {
  if (!isPostgres() || keys.length === 0) return;
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(h))::text AS locked
    FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest(ARRAY[${Prisma.join([...keys])}]::text[]) AS k ORDER BY h) AS ordered`;
}

// SQLite stores DateTime as unix epoch milliseconds and Json as text; PostgreSQL as timestamp(3) and jsonb.
export const timestamp = (d: Date) => (isPostgres() ? Prisma.sql`CAST(${d.toISOString()} AS timestamp(3))` : Prisma.sql`${d.getTime()}`);
export const json = (v: unknown) => (isPostgres() ? Prisma.sql`CAST(${JSON.stringify(v)} AS jsonb)` : Prisma.sql`${JSON.stringify(v)}`);

/** Rows per INSERT statement: far below both backends' bound-parameter limits (SQLite 32,766, PostgreSQL 65,535). */
export const ROWS_PER_INSERT = 200;

export interface FulfillmentRecordRow {
  id: string;
  shopId: string;
  fulfillmentId: string;
  orderId: string;
  status: string | null;
  shipmentStatus: string | null;
  trackingNumbers: string[];
  trackingCompany: string | null;
}

/**
 * Inserts or updates the last known state of many fulfillments in one statement per chunk. The conflict target is
 * (shopId, fulfillmentId), so an update only ever touches the named shop's row. One row per fulfillment.
 */
export async function upsertFulfillmentRecords(tx: Tx, rows: readonly FulfillmentRecordRow[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows
      .slice(i, i + ROWS_PER_INSERT)
      .map((r) => Prisma.sql`(${r.id}, ${r.shopId}, ${r.fulfillmentId}, ${r.orderId}, ${r.status}, ${r.shipmentStatus}, ${json(r.trackingNumbers)}, ${r.trackingCompany}, ${timestamp(now)})`);
    await tx.$queryRaw`
      INSERT INTO "FulfillmentRecord" ("id", "shopId", "fulfillmentId", "orderId", "status", "shipmentStatus", "trackingNumbers", "trackingCompany", "updatedAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("shopId", "fulfillmentId") DO UPDATE SET
        "orderId" = excluded."orderId", "status" = excluded."status", "shipmentStatus" = excluded."shipmentStatus",
        "trackingNumbers" = excluded."trackingNumbers", "trackingCompany" = excluded."trackingCompany", "updatedAt" = excluded."updatedAt"
      RETURNING "id"`;
  }
}

export interface OutboxRowInsert {
  id: string;
  shopId: string;
  channelId: string;
  idempotencyKey: string;
  fulfillmentId: string;
  orderId: string;
  orderName: string;
  trackingValue: string;
  payload: unknown;
  status: string;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

/**
 * Queues many outbox rows, one statement per chunk; a row whose idempotency key exists already is skipped by the
 * database (ON CONFLICT DO NOTHING: no read before the write, no race between workers). Returns the ids inserted.
 */
export async function insertOutboxRows(tx: Tx, rows: readonly OutboxRowInsert[], now: Date): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows
      .slice(i, i + ROWS_PER_INSERT)
      .map(
        (r) =>
          Prisma.sql`(${r.id}, ${r.shopId}, ${r.channelId}, ${r.idempotencyKey}, ${r.fulfillmentId}, ${r.orderId}, ${r.orderName}, ${r.trackingValue}, ${json(r.payload)}, ${r.status}, ${r.lastError}, ${timestamp(r.nextAttemptAt)}, ${timestamp(r.createdAt)}, ${timestamp(now)})`,
      );
    const ids = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO "OutboxMessage" ("id", "shopId", "channelId", "idempotencyKey", "fulfillmentId", "orderId", "orderName", "trackingValue", "payload", "status", "lastError", "nextAttemptAt", "createdAt", "updatedAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING "id"`;
    for (const { id } of ids) inserted.add(id);
  }
  return inserted;
}

/**
 * Options for the tracking worker's interactive transactions. Prisma's default (2 s to start, 5 s to run) is too short
 * for SQLite's single writer on a busy machine: a push's result that cannot start its transaction leaves the row in
 * flight until its lease expires and is then pushed again. Waiting longer for the writer is the right trade.
 */
export const TRACKING_TX = { maxWait: 30_000, timeout: 15_000 } as const;

/**
 * SQLite has one writer and Prisma's interactive transactions on it queue behind each other (and time out when
 * many wait), so plans prepared side by side commit one at a time; PostgreSQL commits in parallel.
 */
let commitChain: Promise<unknown> = Promise.resolve();
export function commitSerially<T>(fn: () => Promise<T>): Promise<T> {
  if (isPostgres()) return fn();
  const run = commitChain.then(fn, fn);
  commitChain = run.catch(() => undefined);
  return run;
}

export interface ReceiptRow {
  shopDomain: string;
  topic: string;
  webhookId: string;
  eventId: string | null;
  bodyHash: string | null;
  orderId: string | null;
  payload: unknown;
}

/**
 * Stores a webhook receipt unless one with the same webhook id, (topic, event id) or (topic, body hash) exists;
 * true when this call stored it. One statement with ON CONFLICT DO NOTHING on both backends: the ORM's create cost
 * ~250 µs more CPU per webhook, and a duplicate is an answer here, not an exception.
 */
export async function insertReceiptOnce(db: Tx, r: ReceiptRow, now: Date): Promise<boolean> {
  const payload = r.payload === undefined || r.payload === null ? Prisma.sql`NULL` : json(r.payload);
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "WebhookReceipt" ("id", "shopDomain", "topic", "webhookId", "eventId", "bodyHash", "orderId", "payload", "receivedAt", "status")
    VALUES (${rowId(now.getTime())}, ${r.shopDomain}, ${r.topic}, ${r.webhookId}, ${r.eventId}, ${r.bodyHash}, ${r.orderId}, ${payload}, ${timestamp(now)}, 'received')
    ON CONFLICT DO NOTHING
    RETURNING "id"`;
  return rows.length === 1;
}
