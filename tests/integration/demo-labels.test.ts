// The demo's printed label walk-through, done by the services the Labels page calls: the demo shop's three
// unfulfilled Wish orders get a batch of USPS labels, one PDF prints them, each order is fulfilled in (fake)
// Shopify, and Shopify's fulfillment webhook (played by the demo) brings each USPS number to Wish.
import { describe, expect, it } from "vitest";
import { PDFDocument } from "pdf-lib";
import { useDemo } from "../helpers/demo";
import { DEMO_LABEL_ORDERS } from "../../scripts/dev/demo-labels";

const demo = useDemo("labels");

async function until<T>(what: string, read: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("the demo's labels", () => {
  it("buys, prints and fulfils a batch for the unfulfilled orders, and Wish receives each USPS number", async () => {
    // Loaded after startDemo: it set DATABASE_URL and the fakes' URLs.
    const { getDb } = await import("~/db.server");
    const { labelContext } = await import("~/services/labels/context.server");
    const { createLabelBatch } = await import("~/services/labels/batches.server");
    const { labelsPage, mergedLabelPdf } = await import("~/services/labels/page.server");
    const db = getDb();
    const shop = await db.shop.findUniqueOrThrow({ where: { domain: demo().shop }, select: { id: true, domain: true } });
    const ctx = labelContext();

    const page = await labelsPage(ctx, shop, { report: "batch" });
    const open = page.orders.filter((o) => DEMO_LABEL_ORDERS.includes(o.orderName));
    expect(open.map((o) => o.orderName).sort()).toEqual(DEMO_LABEL_ORDERS);

    const created = await createLabelBatch(ctx, shop, { fulfillmentOrderIds: open.map((o) => o.id), notifyCustomer: false });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    // The demo server's own label worker buys them.
    const labels = await until("three fulfilled labels", async () => {
      const rows = await db.label.findMany({ where: { shopId: shop.id, batchId: created.batchId, status: "fulfilled" } });
      return rows.length === 3 ? rows : undefined;
    });

    const pdf = await mergedLabelPdf(ctx, shop.id, { batchId: created.batchId });
    expect((await PDFDocument.load(pdf!)).getPageCount()).toBe(3);
    expect(demo().admin.state.fulfillments.filter((f) => labels.some((l) => l.fulfillmentId === f.id)).map((f) => f.trackingInfo[0].company)).toEqual(["USPS", "USPS", "USPS"]);

    for (const l of labels) {
      const wishOrder = `wish-demo-${l.orderName.slice(1)}`;
      const pushed = await until(`Wish tracking for ${l.orderName}`, () => demo().wish.state.orders.get(wishOrder)?.tracking ?? undefined);
      expect(pushed).toMatchObject({ tracking_number: l.trackingNumber, shipping_provider: "USPS" });
    }
  }, 120_000);
});
