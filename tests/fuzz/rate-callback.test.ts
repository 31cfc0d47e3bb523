// Standing fuzz suite (issue 8): hostile, validly signed input to the rate callback. Invariants: harness.ts.
import { RATE_CALLBACK } from "./entry-points";
import { fuzzSuite } from "./suite";

fuzzSuite("the rate callback", [RATE_CALLBACK]);
