// Shopify's reasons for rejecting a fulfillment request (FulfillmentOrderRejectionReason). Kept apart from the
// operations so the portal's form can list them without pulling server-only code into the browser bundle.
export const REJECTION_REASONS = ["INCORRECT_ADDRESS", "INELIGIBLE_PRODUCT", "INVENTORY_OUT_OF_STOCK", "UNDELIVERABLE_DESTINATION", "OTHER"] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
