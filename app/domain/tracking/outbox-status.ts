// The lifecycle of one tracking push (an OutboxMessage row). Shared by the worker and the delivery log UI.
export const OUTBOX_STATUSES = ["pending", "in_flight", "delivered", "retrying", "dead", "needs_attention", "superseded", "resolved"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** What the merchant reads for each status (the delivery log's badges and filter). */
export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: "Waiting to send",
  in_flight: "Sending",
  delivered: "Delivered",
  retrying: "Failed, will retry",
  dead: "Failed permanently",
  needs_attention: "Needs your attention",
  superseded: "Replaced by a newer tracking number",
  resolved: "Marked resolved",
};
