// SQLite runs on the event loop (better-sqlite3 is synchronous), so every fsync stalls the rate callbacks
// waiting behind it. WAL with synchronous=NORMAL commits without an fsync per transaction (durable across a
// process crash; the last commits may be lost on power loss, which the quote log and receipts tolerate), and
// lets readers proceed while a write is in progress.
//
// Erasure (issue 8, defect 6): a DELETE only marks pages free, so after shop/redact the file still held the
// shop's domain and tracking numbers. secure_delete=ON zeroes freed pages and cells as they are freed (a few
// percent more writes, no pause), and after an erasure a TRUNCATE checkpoint moves the zeroed pages into the
// main file and empties the WAL, which still held the rows' earlier versions.
import { type Db, getDb, getDbBackend } from "~/db.server";
import { databaseBackend } from "./url";

export async function tuneSqlite(db: Db, url: string) {
  if (databaseBackend(url) !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await db.$queryRawUnsafe("PRAGMA secure_delete = ON");
}

/** After an erasure: no earlier page versions left in the WAL (SQLite only; PostgreSQL: see docs/security.md). */
export async function flushErasure(db: Db = getDb()) {
  if (getDbBackend() !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
}
