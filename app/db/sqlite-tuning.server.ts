// SQLite runs on the event loop (better-sqlite3 is synchronous), so every fsync stalls the rate callbacks
// waiting behind it. WAL with synchronous=NORMAL commits without an fsync per transaction (durable across a
// process crash; the last commits may be lost on power loss, which the quote log and receipts tolerate), and
// lets readers proceed while a write is in progress.
import type { Db } from "~/db.server";
import { databaseBackend } from "./url";

export async function tuneSqlite(db: Db, url: string) {
  if (databaseBackend(url) !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
}
