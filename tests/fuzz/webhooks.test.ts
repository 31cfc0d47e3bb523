// Standing fuzz suite (issue 8): hostile, validly signed input to every webhook route. See harness.ts for the invariants.
import { describe, it } from "vitest";
import { WEBHOOK_ENTRY_POINTS } from "./entry-points";
import { fuzzEntryPoint } from "./harness";
import { useFuzzWorld } from "./world";

const world = useFuzzWorld();

describe("fuzzing every webhook route", () => {
  for (const entry of [WEBHOOK_ENTRY_POINTS].flat()) {
    it(`${entry.name} never answers 5xx or late, changes no other shop's rows, and keeps the heap bounded`, async () => {
      await fuzzEntryPoint(world, entry, world.rows);
    }, 60_000);
  }
});
