// The database CarrierStateStore: updates of one key never interleave (compare-and-set), values are sealed at
// rest, and a prefix delete forgets a disconnected account's rows.
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { databaseCarrierState, deleteCarrierState } from "~/services/carrier-state.server";
import { useTestDatabase } from "../helpers/db";

const db = useTestDatabase();

describe("the database carrier state store", () => {
  it("applies concurrent updates of one key one after another, from two store instances", async () => {
    const [a, b] = [databaseCarrierState(getDb()), databaseCarrierState(getDb())];
    const bump = (store: typeof a) => store.update("test:counter", (v) => ({ value: ((v as number | null) ?? 0) + 1, result: undefined }));
    await Promise.all(Array.from({ length: 20 }, (_, i) => bump(i % 2 ? a : b)));
    expect(await a.read("test:counter")).toBe(20);
  });

  it("seals values at rest and forgets a prefix on delete", async () => {
    const store = databaseCarrierState(getDb());
    await store.update("usps:token:c1:x", () => ({ value: { accessToken: "secret-token" }, result: null }));
    const row = await db.prisma.carrierState.findUnique({ where: { key: "usps:token:c1:x" } });
    expect(row?.value).not.toContain("secret-token");
    expect(await deleteCarrierState(getDb(), "usps:token:c1:")).toBe(1);
    expect(await store.read("usps:token:c1:x")).toBeNull();
  });
});
