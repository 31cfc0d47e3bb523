import { describe, expect, it } from "vitest";
import { rowId } from "./row-id";

describe("rowId", () => {
  it("makes cuid-shaped ids that sort in the order they were made, even within one millisecond", () => {
    const ids = Array.from({ length: 500 }, () => rowId(1_900_000_000_000));
    expect(new Set(ids).size).toBe(500);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
  });

  it("never goes backwards when the clock does", () => {
    const a = rowId(1_900_000_000_500);
    const b = rowId(1_900_000_000_100);
    expect(b > a).toBe(true);
  });
});
