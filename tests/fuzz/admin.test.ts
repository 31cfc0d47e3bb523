// Standing fuzz suite (issue 8): hostile, validly signed input to the rating admin's loaders and actions. Invariants: harness.ts.
import { ADMIN_ENTRY_POINTS } from "./entry-points";
import { fuzzSuite } from "./suite";

fuzzSuite("the rating admin's loaders and actions", ADMIN_ENTRY_POINTS);
