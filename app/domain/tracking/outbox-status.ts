// The lifecycle of one tracking push (an OutboxMessage row). Shared by the worker and the delivery log UI.
export const OUTBOX_STATUSES = ["pending", "in_flight", "delivered", "retrying", "dead", "needs_attention", "superseded", "resolved"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

// What the merchant reads for each status is in app/locales/<lng>/deliveries.json under `status.<status>`.
