// What one rate request may ask for, shared by the checkout callback and "Test your shipping" so both refuse
// the same carts. Shopify carts hold at most 500 lines; quantities past 100,000 are typos or attacks. Beyond
// these, packing's own caps (PACKING_LIMITS in packing.ts) decide between parcels and freight.
export const RATE_REQUEST_LIMITS = {
  maxLines: 500,
  maxQuantity: 100_000,
  /** Per unit: 1,000 t. Only keeps weight × quantity a safe integer; packing turns anything past 1 t into freight. */
  maxUnitGrams: 1_000_000_000,
  /** Per unit price in minor units (10 million in major units): keeps price × quantity a safe integer. */
  maxUnitPrice: 1_000_000_000,
} as const;
