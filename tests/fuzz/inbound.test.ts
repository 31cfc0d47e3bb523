// Standing fuzz suite (issue 8): hostile, validly signed input to the inbound tracking routes. See harness.ts for the invariants.
import { describe, it } from "vitest";
import { INBOUND_ENTRY_POINTS } from "./entry-points";
import { fuzzEntryPoint } from "./harness";
import { useFuzzWorld } from "./world";

const world = useFuzzWorld();

describe("fuzzing the inbound tracking routes", () => {
  for (const entry of [INBOUND_ENTRY_POINTS].flat()) {
    it(`${entry.name} never answers 5xx or late, changes no other shop's rows, and keeps the heap bounded`, async () => {
      await fuzzEntryPoint(world, entry, world.rows);
    }, 60_000);
  }
});
