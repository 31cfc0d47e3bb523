// The results of many finished pushes written in one transaction, on both backends: one multi-row INSERT of the
// attempt log and one UPDATE … FROM a VALUES list for the rows' new states (instead of an interactive transaction
// with two Prisma statements per push). Every row's update names its id AND its shop, and is fenced by the lease:
// it applies only while the row is still in flight for this owner at the lease version the push's claim set, so
// the result of a push whose lease was taken over by another claim is refused.
import type { Db } from "~/db.server";
import { Prisma } from "~/generated/sqlite/client";
import { rowId } from "~/lib/row-id";
import { isPostgres, json, ROWS_PER_INSERT, timestamp } from "./tracking-sql.server";

type Tx = Pick<Db, "$queryRaw" | "$transaction">;

export interface PushResultRow {
  /** The outbox row, its shop, and the lease the push held. */
  id: string;
  shopId: string;
  owner: string;
  leaseVersion: number;
  status: string;
  attempts: number;
  lastError: string | null;
  /** Set for a retry; otherwise the row keeps its nextAttemptAt. */
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  updatedAt: Date;
  attempt: {
    startedAt: Date;
    outcome: string;
    request?: unknown;
    response?: unknown;
    error: string | null;
    latencyMs: number;
  };
}

const pg = (v: Prisma.Sql, type: string) => (isPostgres() ? Prisma.sql`CAST(${v} AS ${Prisma.raw(type)})` : v);
const text = (v: string | null) => pg(Prisma.sql`${v}`, "text");
const int = (v: number) => pg(Prisma.sql`${v}`, "integer");
const at = (d: Date | null) => (d ? timestamp(d) : pg(Prisma.sql`${null}`, "timestamp(3)"));
const jsonOrNull = (v: unknown) => (v === undefined || v === null ? pg(Prisma.sql`${null}`, "jsonb") : json(v));

function insertAttempts(tx: Tx, rows: readonly PushResultRow[]) {
  const values = rows.map(
    (r) =>
      Prisma.sql`(${rowId(r.attempt.startedAt.getTime())}, ${r.id}, ${timestamp(r.attempt.startedAt)}, ${r.attempt.outcome}, ${jsonOrNull(r.attempt.request)}, ${jsonOrNull(r.attempt.response)}, ${r.attempt.error}, ${r.attempt.latencyMs})`,
  );
  return tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "OutboxAttempt" ("id", "messageId", "startedAt", "outcome", "request", "response", "error", "latencyMs")
    VALUES ${Prisma.join(values)}
    RETURNING "id"`;
}

function updateMessages(tx: Tx, rows: readonly PushResultRow[]) {
  // Column names distinct from the table's, so SET and WHERE read unambiguously on both backends.
  const values = rows.map(
    (r) =>
      Prisma.sql`(${text(r.id)}, ${text(r.shopId)}, ${text(r.owner)}, ${int(r.leaseVersion)}, ${text(r.status)}, ${int(r.attempts)}, ${text(r.lastError)}, ${at(r.nextAttemptAt)}, ${at(r.deliveredAt)}, ${at(r.updatedAt)})`,
  );
  return tx.$queryRaw<Array<{ id: string }>>`
    WITH v ("vId", "vShop", "vOwner", "vVersion", "vStatus", "vAttempts", "vError", "vNext", "vDelivered", "vUpdated") AS (VALUES ${Prisma.join(values)})
    UPDATE "OutboxMessage" SET
      "status" = v."vStatus", "attempts" = v."vAttempts", "lastError" = v."vError",
      "leaseOwner" = NULL, "leaseUntil" = NULL,
      "nextAttemptAt" = COALESCE(v."vNext", "OutboxMessage"."nextAttemptAt"),
      "deliveredAt" = COALESCE(v."vDelivered", "OutboxMessage"."deliveredAt"),
      "updatedAt" = v."vUpdated"
    FROM v
    WHERE "OutboxMessage"."id" = v."vId" AND "OutboxMessage"."shopId" = v."vShop"
      AND "OutboxMessage"."leaseOwner" = v."vOwner" AND "OutboxMessage"."leaseVersion" = v."vVersion"
      AND "OutboxMessage"."status" = 'in_flight'
    RETURNING "OutboxMessage"."id"`;
}

/**
 * Writes the results of many pushes in one transaction (a statement per chunk of 200). The attempt log keeps every
 * push that happened, fenced or not (it did reach the channel); the row's state changes only where the lease still
 * holds. Returns the ids whose state was applied.
 */
export async function writePushResults(db: Tx, rows: readonly PushResultRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const statements = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) statements.push(insertAttempts(db, rows.slice(i, i + ROWS_PER_INSERT)));
  const firstUpdate = statements.length;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) statements.push(updateMessages(db, rows.slice(i, i + ROWS_PER_INSERT)));
  const results = await db.$transaction(statements);
  return new Set(results.slice(firstUpdate).flatMap((ids) => ids.map((r) => r.id)));
}
