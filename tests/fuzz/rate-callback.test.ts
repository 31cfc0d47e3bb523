// Standing fuzz suite (issue 8): hostile, validly signed input to the rate callback. See harness.ts for the invariants.
import { describe, it } from "vitest";
import { RATE_CALLBACK } from "./entry-points";
import { fuzzEntryPoint } from "./harness";
import { useFuzzWorld } from "./world";

const world = useFuzzWorld();

describe("fuzzing the rate callback", () => {
  for (const entry of [RATE_CALLBACK].flat()) {
    it(`${entry.name} never answers 5xx or late, changes no other shop's rows, and keeps the heap bounded`, async () => {
      await fuzzEntryPoint(world, entry, world.rows);
    }, 60_000);
  }
});
