// The SQL that differs between the two backends, in one place. PostgreSQL runs several workers side by side:
// the outbox claim uses FOR UPDATE SKIP LOCKED and planning takes an advisory lock per fulfillment. SQLite has one
// writer: the claim is one atomic UPDATE … RETURNING, and plans commit one at a time.
import { getDbBackend, type Db } from "~/db.server";
import { Prisma } from "~/generated/sqlite/client";

type Tx = Pick<Db, "$queryRaw">;

const isPostgres = () => getDbBackend() === "postgresql";

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
}

/**
 * Claims up to `limit` due rows (and rows whose lease expired) for `owner`. Rows of one (fulfillment, channel)
 * go out strictly in order: a row is claimable only when no older row of its pair is pending, retrying or in flight.
 */
export async function claimOutboxRows(db: Tx, c: ClaimInput): Promise<ClaimedRow[]> {
  const pg = isPostgres();
  // SQLite stores DateTime as unix epoch milliseconds (see db.server.ts); PostgreSQL as timestamp(3).
  const at = (d: Date) => (pg ? Prisma.sql`CAST(${d.toISOString()} AS timestamp(3))` : Prisma.sql`${d.getTime()}`);
  const now = at(c.now);
  const exclude = c.excludeChannelIds?.length ? Prisma.sql`AND m."channelId" NOT IN (${Prisma.join([...c.excludeChannelIds])})` : Prisma.empty;
  const rows = await db.$queryRaw<ClaimedRow[]>`
    UPDATE "OutboxMessage" SET "lastError" = CASE WHEN "status" = 'in_flight' THEN ${c.resumedNote} ELSE "lastError" END,
      "status" = 'in_flight', "leaseOwner" = ${c.owner},
      "leaseUntil" = ${at(c.leaseUntil)}, "updatedAt" = ${now}
    WHERE "id" IN (
      SELECT m."id" FROM "OutboxMessage" m
      WHERE ((m."status" IN ('pending', 'retrying') AND m."nextAttemptAt" <= ${now})
          OR (m."status" = 'in_flight' AND m."leaseUntil" < ${now}))
        ${exclude}
        AND NOT EXISTS (
          SELECT 1 FROM "OutboxMessage" o
          WHERE o."channelId" = m."channelId" AND o."fulfillmentId" = m."fulfillmentId"
            AND o."status" IN ('pending', 'retrying', 'in_flight')
            AND (o."createdAt" < m."createdAt" OR (o."createdAt" = m."createdAt" AND o."id" < m."id")))
      ORDER BY m."nextAttemptAt", m."createdAt"
      LIMIT ${c.limit}
      ${pg ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty})
    RETURNING "id", "channelId"`;
  return rows;
}

/** Extends the lease of a row this worker still owns (the heartbeat while a push runs); false when it lost it. */
export async function renewLease(db: Pick<Db, "outboxMessage">, id: string, owner: string, leaseUntil: Date): Promise<boolean> {
  const res = await db.outboxMessage.updateMany({ where: { id, leaseOwner: owner, status: "in_flight" }, data: { leaseUntil } });
  return res.count > 0;
}

/** Serialises planning of one fulfillment across PostgreSQL workers; SQLite needs nothing (one writer). */
export async function lockFulfillment(tx: Tx, key: string): Promise<void> {
  if (isPostgres()) await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))::text AS locked`;
}

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
