// Standing fuzz suite (issue 8): hostile, validly signed input to the inbound tracking routes. Invariants: harness.ts.
import { INBOUND_ENTRY_POINTS } from "./entry-points";
import { fuzzSuite } from "./suite";

fuzzSuite("the inbound tracking routes", INBOUND_ENTRY_POINTS);
