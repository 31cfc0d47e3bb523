// Carrier alerts on the shop's labels (USPS "counterfeit postage", "postage due"), raised by the tracking poller
// and shown on the home page. Every label Waypost bought came from the official Labels API with the merchant's
// own account, so such an alert is USPS misjudging a genuine label: the merchant needs to see it at once, with the
// order and tracking number to quote to USPS. An alert stays listed for 30 days or until the label is voided.
import type { Db } from "~/db.server";

const SHOWN_DAYS = 30;
const SHOWN_MAX = 5;

export interface LabelAlert {
  labelId: string;
  orderName: string;
  trackingNumber: string;
  message: string;
  /** ISO time of the carrier's event. */
  at: string;
}

export async function labelAlerts(db: Db, shopId: string, now = new Date()): Promise<{ count: number; latest: LabelAlert[] }> {
  const where = { shopId, status: { in: ["fulfilled", "bought"] }, trackingAlertAt: { gte: new Date(now.getTime() - SHOWN_DAYS * 86_400_000) } };
  const [count, rows] = await Promise.all([
    db.label.count({ where }),
    db.label.findMany({ where, orderBy: { trackingAlertAt: "desc" }, take: SHOWN_MAX, select: { id: true, orderName: true, trackingNumber: true, trackingAlert: true, trackingAlertAt: true } }),
  ]);
  return {
    count,
    latest: rows.map((r) => ({ labelId: r.id, orderName: r.orderName, trackingNumber: r.trackingNumber ?? "", message: r.trackingAlert ?? "", at: r.trackingAlertAt!.toISOString() })),
  };
}
