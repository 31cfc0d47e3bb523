// Standing fuzz suite (issue 8): hostile, validly signed input to every webhook route. Invariants: harness.ts.
import { WEBHOOK_ENTRY_POINTS } from "./entry-points";
import { fuzzSuite } from "./suite";

fuzzSuite("every webhook route", WEBHOOK_ENTRY_POINTS);
