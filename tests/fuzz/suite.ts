// One fuzz test file = one call: a private two-shop world and one test per entry point.
import { describe, it } from "vitest";
import { fuzzEntryPoint, type EntryPoint } from "./harness";
import { useFuzzWorld, type FuzzWorld } from "./world";

export function fuzzSuite(title: string, entries: EntryPoint<FuzzWorld, any>[]) {
  const world = useFuzzWorld();
  describe(`fuzzing ${title}`, () => {
    for (const entry of entries) {
      it(`${entry.name} never answers 5xx or late, changes no other shop's rows, and keeps the heap bounded`, async () => {
        await fuzzEntryPoint(world, entry, world.rows);
      }, 60_000);
    }
  });
}
