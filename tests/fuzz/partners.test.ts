// Standing fuzz suite for the 3PL partner surface (portal, provider API, fulfillment-service callback).
import { PARTNER_ENTRY_POINTS } from "./partner-entry-points";
import { fuzzSuite } from "./suite";

fuzzSuite("the partner portal, provider API and fulfillment-service callback", PARTNER_ENTRY_POINTS);
