// International labels end to end: the customs form is built from the merchant's product data and sent through
// USPS's international labels API (the fake validates it against the OpenAPI file); an order whose product lacks an
// HS code is refused with the product and field named, and the rest of the batch is bought.
import { inflateSync } from "node:zlib";
import { PDFArray, PDFDocument, type PDFRawStream } from "pdf-lib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { batchProgress, createLabelBatch } from "~/services/labels/batches.server";
import { runLabelJobsOnce } from "~/services/labels/jobs.server";
import { labelsPage, mergedLabelPdf } from "~/services/labels/page.server";
import { joinedZpl, packingSlips } from "~/services/labels/print.server";
import { useTestDatabase } from "../helpers/db";
import { startShopifyAdminFake, type ShopifyAdminFake } from "../fakes/shopify-admin";
import { startUspsFake, type UspsFake } from "../fakes/usps";
import { addOpenOrders, abroadOrder, fulfillmentOrder, labelTestContext, memoryCarrierState, seedLabelShop } from "../helpers/labels";

useTestDatabase();

let usps: UspsFake;
let admin: ShopifyAdminFake;
beforeAll(async () => {
  admin = await startShopifyAdminFake();
});
afterAll(() => admin.close());
beforeEach(async () => {
  usps = await startUspsFake();
  admin.state.fulfillmentOrders.length = 0;
  admin.state.fulfillments.length = 0;
});
afterEach(() => usps.close());

const ctx = () => labelTestContext({ adminUrl: admin.url, uspsUrl: usps.url, sharedState: memoryCarrierState() });
async function drain() {
  const c = ctx();
  for (let i = 0; i < 10; i++) if ((await runLabelJobsOnce(c, { owner: "intl-worker", retryDelayMs: () => 0 })).claimed === 0) break;
}

const MUG = "gid://shopify/ProductVariant/7001";
const TOTE = "gid://shopify/ProductVariant/7002";

async function productData(shopId: string) {
  await getDb().productShippingData.createMany({
    data: [
      { shopId, productId: "gid://shopify/Product/71", variantId: MUG, title: "Ceramic mug", hsCode: "6912.00.4400", countryOfOrigin: "PT" },
      // The tote bag has an origin but no HS code: its order must be refused, naming it and the field.
      { shopId, productId: "gid://shopify/Product/72", variantId: TOTE, title: "Tote bag", countryOfOrigin: "IN" },
    ],
  });
}

describe("international labels", () => {
  it("sends the customs form from product data and refuses the order whose product has no HS code, buying the rest", async () => {
    const shop = await seedLabelShop("intl.myshopify.com", usps.state);
    await productData(shop.id);
    const [toFrance, toCanada, domestic] = addOpenOrders(admin, [
      abroadOrder({ country: "FR", city: "Paris", zip: "75005", lines: [{ variantId: MUG, title: "Ceramic mug", sku: "MUG", quantity: 2, price: "15.00", pounds: 0.5 }] }),
      abroadOrder({ country: "CA", city: "Toronto", province: "ON", zip: "M5V 2T6", lines: [{ variantId: TOTE, title: "Tote bag", sku: "TOTE", quantity: 1, price: "22.00", pounds: 0.4 }] }),
      fulfillmentOrder(),
    ]);
    const created = await createLabelBatch(ctx(), shop, { fulfillmentOrderIds: [toFrance.id, toCanada.id, domestic.id], notifyCustomer: false });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    expect(created).toMatchObject({ queued: 2, refused: 1 });

    await drain();
    const db = getDb();
    const labels = await db.label.findMany({ where: { shopId: shop.id } });
    const france = labels.find((l) => l.fulfillmentOrderId === toFrance.id)!;
    const canada = labels.find((l) => l.fulfillmentOrderId === toCanada.id)!;
    expect(france).toMatchObject({ status: "fulfilled", serviceCode: "PRIORITY_MAIL_INTERNATIONAL", trackingNumber: expect.stringMatching(/^CP\d{9}US$/) });
    expect(labels.find((l) => l.fulfillmentOrderId === domestic.id)?.status).toBe("fulfilled");

    // The customs form USPS received: HS code and origin from Waypost's product data, value from the order line.
    expect(usps.state.labels.invalidBodies).toEqual([]);
    const sent = usps.state.labels.labels.get(france.trackingNumber!)!;
    expect(sent.customsForm).toEqual({
      customsContentType: "MERCHANDISE",
      AESITN: "NO EEI 30.37(a)",
      invoiceNumber: expect.any(String),
      contents: [{ itemDescription: "Ceramic mug", itemQuantity: 2, itemTotalValue: 30, weightUOM: "lb", itemTotalWeight: 1, HSTariffNumber: "6912004400", countryofOrigin: "PT" }],
    });
    expect(sent.metadata.labelAddress).toMatchObject({ countryISOAlpha2Code: "FR", country: "France", postalCode: "75005" });
    expect(admin.state.fulfillments.find((f) => f.fulfillmentOrderId === toFrance.id)?.trackingInfo[0]).toMatchObject({ company: "USPS", number: france.trackingNumber });

    // The refused order: the product and the field, as a translatable key and in English; never sent to USPS.
    expect(canada).toMatchObject({ status: "failed", refusalKey: "customs", trackingNumber: null });
    expect(canada.refusalParams).toEqual({ problems: [{ key: "missingHsCode", product: "Tote bag (TOTE)" }] });
    expect(canada.lastError).toBe("Tote bag (TOTE) has no HS code: add one under Product data");
    expect(usps.state.labels.charges).toHaveLength(2);
    expect(await batchProgress(ctx(), shop.id, created.batchId)).toMatchObject({ total: 3, bought: 2, failed: 1, pending: 0 });

    // Once the merchant adds the HS code, a new batch buys the refused order.
    await db.productShippingData.updateMany({ where: { shopId: shop.id, variantId: TOTE }, data: { hsCode: "420292" } });
    const again = await createLabelBatch(ctx(), shop, { fulfillmentOrderIds: [toCanada.id], notifyCustomer: false });
    expect(again).toMatchObject({ ok: true, queued: 1, refused: 0 });
    await drain();
    expect((await db.label.findFirst({ where: { shopId: shop.id, fulfillmentOrderId: toCanada.id, status: "fulfilled" } }))?.trackingNumber).toMatch(/US$/);
  });

  it("buys ZPL labels for thermal printers when the batch asks for them", async () => {
    const shop = await seedLabelShop("zpl.myshopify.com", usps.state);
    await productData(shop.id);
    const orders = addOpenOrders(admin, [fulfillmentOrder(), abroadOrder({ country: "FR", city: "Lyon", zip: "69001", lines: [{ variantId: MUG, title: "Ceramic mug", sku: "MUG", quantity: 1, price: "15.00", pounds: 0.5 }] })]);
    const created = await createLabelBatch(ctx(), shop, { fulfillmentOrderIds: orders.map((o) => o.id), labelFormat: "ZPL", notifyCustomer: false });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    await drain();
    const labels = await getDb().label.findMany({ where: { shopId: shop.id } });
    expect(labels.map((l) => l.status)).toEqual(["fulfilled", "fulfilled"]);
    for (const l of labels) {
      expect(l.labelPdf).toBeNull();
      const zpl = Buffer.from(l.labelZpl!).toString("utf8");
      expect(zpl.startsWith("^XA")).toBe(true);
      expect(zpl).toContain(l.trackingNumber!);
    }
    // The batch prints as one ZPL job; a reprint gives one label; a PDF-only selection has no ZPL.
    const job = Buffer.from((await joinedZpl(ctx(), shop.id, { batchId: created.batchId }))!).toString("utf8");
    expect(job.match(/\^XA/g)).toHaveLength(2);
    expect(Buffer.from((await joinedZpl(ctx(), shop.id, { labelId: labels[1].id }))!).toString("utf8")).toContain(labels[1].trackingNumber!);
    expect(await mergedLabelPdf(ctx(), shop.id, { batchId: created.batchId })).toBeNull();
  });

  it("prints one packing slip page per order with its lines, quantities, address and tracking number", async () => {
    const shop = await seedLabelShop("slips.myshopify.com", usps.state);
    await productData(shop.id);
    const orders = addOpenOrders(admin, [
      fulfillmentOrder(),
      abroadOrder({ country: "FR", city: "Paris", zip: "75005", lines: [{ variantId: MUG, title: "Ceramic mug", sku: "MUG", quantity: 3, price: "15.00", pounds: 0.5 }, { variantId: MUG, title: "Café crème", sku: "MUG-2", quantity: 1, price: "9.00", pounds: 0.5 }] }),
    ]);
    const created = await createLabelBatch(ctx(), shop, { fulfillmentOrderIds: orders.map((o) => o.id), notifyCustomer: false });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    await drain();
    const labels = await getDb().label.findMany({ where: { shopId: shop.id }, orderBy: { createdAt: "asc" } });
    const english = { title: (o: string) => `Packing slip - ${o}`, shipTo: "Ship to", item: "Item", sku: "SKU", quantity: "Qty", tracking: "Tracking" };
    const french = { ...english, title: (o: string) => `Bordereau de colisage — ${o}`, shipTo: "Livrer à", quantity: "Qté" };
    const pdf = await PDFDocument.load((await packingSlips(ctx(), shop.id, { batchId: created.batchId }, french, english))!);
    expect(pdf.getPageCount()).toBe(2);
    const page = pageText(pdf, 1);
    for (const expected of [`Bordereau de colisage — ${labels[1].orderName}`, "Livrer à", "Paris", "FR", "Ceramic mug", "MUG", "3", "Café crème", "Qté", labels[1].trackingNumber!]) expect(page).toContain(expected);
    // A reprint of one label's slip is one page.
    expect((await PDFDocument.load((await packingSlips(ctx(), shop.id, { labelId: labels[0].id }, english, english))!)).getPageCount()).toBe(1);
  });
});

// Windows-1252 differs from Latin-1 in 0x80–0x9F (Node's decoder treats them alike); the punctuation slips use.
const CP1252: Record<number, string> = { 0x80: "€", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x96: "–", 0x97: "—" };
const winAnsi = (bytes: Buffer) => [...bytes].map((b) => CP1252[b] ?? String.fromCharCode(b)).join("");

describe("picking orders", () => {
  it("filters the open orders by destination, checkout service, channel and weight, and buys the package as edited", async () => {
    const shop = await seedLabelShop("pick.myshopify.com", usps.state);
    const light = fulfillmentOrder({ pounds: 1 });
    const wish = fulfillmentOrder({ shippingCode: "USPS_GROUND_ADVANTAGE" });
    wish.order.sourceName = "wish";
    const heavy = fulfillmentOrder();
    heavy.lineItems.nodes[0].weight = { unit: "POUNDS", value: 9 };
    addOpenOrders(admin, [light, wish, heavy]);
    const page = (f: Record<string, unknown>) => labelsPage(ctx(), shop, { report: "day", ...f }).then((p) => p.orders.map((o) => o.id));
    expect(await page({ channel: "wish" })).toEqual([wish.id]);
    expect(await page({ service: "USPS_GROUND_ADVANTAGE" })).toEqual([wish.id]);
    expect(await page({ minGrams: 2000 })).toEqual([heavy.id]);
    expect(await page({ country: "CA" })).toEqual([]);
    const all = await labelsPage(ctx(), shop, { report: "day" });
    expect(all.filterChoices.channels).toEqual(["web", "wish"]);

    // The merchant packs the heavy order in a bigger, lighter box than planned: USPS is asked for that package.
    const created = await createLabelBatch(ctx(), shop, { fulfillmentOrderIds: [heavy.id], notifyCustomer: false, packages: [{ fulfillmentOrderId: heavy.id, grams: 3629, dimensionsMm: { l: 508, w: 406.4, h: 304.8 } }] });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    await drain();
    const label = await getDb().label.findFirst({ where: { shopId: shop.id, fulfillmentOrderId: heavy.id } });
    expect(label?.parcel).toMatchObject({ grams: 3629, dimensionsMm: { l: 508, w: 406.4, h: 304.8 } });
    const sent = usps.requests.filter((r) => r.path === "/labels/v3/label").at(-1)?.json as { packageDescription: Record<string, number> };
    expect(sent.packageDescription).toMatchObject({ weight: 8, length: 20, width: 16, height: 12 });
    // Over USPS's 70 lb the edit is refused before anything is queued.
    expect(await createLabelBatch(ctx(), shop, { fulfillmentOrderIds: [light.id], packages: [{ fulfillmentOrderId: light.id, grams: 40_000, dimensionsMm: { l: 300, w: 200, h: 100 } }] })).toMatchObject({ ok: false, status: 400, error: { key: "labels:package.tooHeavy" } });
  });
});

/** The text a pdf-lib page draws: its content stream inflated, the hex strings of Tj operators decoded (WinAnsi). */
function pageText(pdf: PDFDocument, index: number): string {
  const contents = pdf.getPage(index).node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => pdf.context.lookup(r)) : [contents];
  return streams
    .map((st) => {
      const raw = Buffer.from((st as PDFRawStream).getContents());
      const text = (() => {
        try {
          return inflateSync(raw).toString("latin1");
        } catch {
          return raw.toString("latin1");
        }
      })();
      return [...text.matchAll(/<([0-9A-Fa-f]+)> Tj/g)].map((m) => winAnsi(Buffer.from(m[1], "hex"))).join("\n");
    })
    .join("\n");
}
