import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cacheStatements } from "./sqlite-statement-cache.server";

// The adapter's way of driving its connection: prepare(sql).bind(args), then reader / columns() / raw().all() / run().
type AdapterView = { reader: boolean; bind(args: unknown[]): AdapterView; columns(): { name: string }[]; run(): { changes: number }; raw(): { all(): unknown[][] } };
const prepare = (db: Database.Database, sql: string) => db.prepare(sql) as unknown as AdapterView;

function database() {
  const db = new Database(":memory:");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
  return db;
}

describe("the SQLite statement cache", () => {
  it("prepares each distinct SQL text once and runs it with each call's own arguments", () => {
    const db = database();
    const cache = cacheStatements(db);
    for (const [id, name] of [[1, "a"], [2, "b"], [3, "c"]] as const) prepare(db, "INSERT INTO t (id, name) VALUES (?, ?)").bind([id, name]).run();
    const select = (min: number) => prepare(db, "SELECT id, name FROM t WHERE id >= ? ORDER BY id").bind([min]);
    expect(select(2).reader).toBe(true);
    expect(select(2).columns().map((c) => c.name)).toEqual(["id", "name"]);
    expect(select(2).raw().all()).toEqual([[2, "b"], [3, "c"]]);
    expect(select(1).raw().all()).toEqual([[1, "a"], [2, "b"], [3, "c"]]);
    expect(prepare(db, "BEGIN").reader).toBe(false);
    prepare(db, "BEGIN").run();
    prepare(db, "COMMIT").run();
    expect(cache.size).toBe(4); // INSERT, SELECT, BEGIN, COMMIT
  });

  it("keeps at most its capacity, dropping the least recently used text", () => {
    const db = database();
    const cache = cacheStatements(db, 2);
    prepare(db, "SELECT 1");
    prepare(db, "SELECT 2");
    prepare(db, "SELECT 1");
    prepare(db, "SELECT 3");
    expect([...cache.keys()]).toEqual(["SELECT 1", "SELECT 3"]);
  });

  it("refuses a second bind on one call instead of mixing two calls' arguments", () => {
    const db = database();
    cacheStatements(db);
    const bound = prepare(db, "SELECT ? AS x").bind([1]);
    expect(() => bound.bind([2])).toThrow(/already bound/);
  });
});
