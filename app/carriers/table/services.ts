// The table carrier has no fixed catalogue: every service is one the merchant names and prices with its own rate
// table in the shipping configuration. Live carriers list their service codes here instead (see ups/services.ts).
import type { CarrierService } from "../connector";

export const TABLE_SERVICES: readonly CarrierService[] = [];
