// Admin → Labels in a real browser: the demo's three unfulfilled Wish orders get one batch of USPS labels (the
// loopback USPS), the page shows the batch's progress until all three are bought, its Print button opens the batch's
// PDF (fetched by the page itself, so App Bridge's session token goes with it, and shown as a blob in a new tab) with
// three 4×6 pages, page 1 renders to a PNG, and a label voided from the page shows as voided.
import fs from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { expect, it } from "vitest";
import { DEMO_LABEL_ORDERS } from "../../scripts/dev/demo-labels";
import { describeBrowser, SCREENSHOT_DIR, useBrowser } from "./helpers";
import { PDFTOPPM_MISSING_NOTICE, pageInkShare, pdfPageText, pdftoppmAvailable, pdftoppmRequired, renderPdfPage } from "./poppler";

// Without pdftoppm the page 1 render cannot be checked: skip with the notice, unless the run requires it.
const canRender = pdftoppmAvailable() || pdftoppmRequired();
const itRenders = canRender ? it : it.skip;
if (!canRender) process.stdout.write(`\n  ⚠  Labels browser test SKIPPED. ${PDFTOPPM_MISSING_NOTICE}\n\n`);

/** PNG width and height from its IHDR chunk. */
function pngSize(file: string) {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describeBrowser(`Admin → Labels buys, prints and voids a batch${canRender ? "" : ` [${PDFTOPPM_MISSING_NOTICE}]`}`, () => {
  const browser = useBrowser();

  itRenders("a merchant buys labels for the three open orders, prints the batch as one three-page PDF and voids one label", async () => {
    if (!pdftoppmAvailable()) throw new Error(`WAYPOST_BROWSER_TESTS=required but ${PDFTOPPM_MISSING_NOTICE}`);
    const app = await browser.openAdmin("/app/labels");
    await app.getByRole("heading", { name: "Open orders" }).waitFor();
    for (const order of DEMO_LABEL_ORDERS) await app.getByRole("checkbox", { name: new RegExp(`^${order} — `) }).check();
    await browser.shot("labels-picked");

    await app.getByRole("button", { name: `Buy ${DEMO_LABEL_ORDERS.length} labels` }).click();
    await app.getByText(`${DEMO_LABEL_ORDERS.length} labels queued.`).waitFor({ timeout: 15_000 });
    // The demo's label worker buys them; the page polls the batch's progress until it reads "3 of 3 bought".
    const done = app.getByText(new RegExp(`: ${DEMO_LABEL_ORDERS.length} of ${DEMO_LABEL_ORDERS.length} bought`));
    await done.waitFor({ timeout: 45_000 });
    await expect.poll(() => app.getByText(/to go/).count()).toBe(0);
    const labelsCard = app.locator(".Polaris-ShadowBevel", { has: app.getByRole("heading", { name: "Labels", level: 2 }) });
    for (const order of DEMO_LABEL_ORDERS) await labelsCard.getByText(new RegExp(`^${order} `)).first().waitFor();
    const trackingNumbers = ((await labelsCard.textContent()) ?? "").match(/9400\d{18}/g) ?? [];
    expect(new Set(trackingNumbers).size).toBe(3);
    // The bought orders left the open list; nothing stays ticked behind them.
    expect(await app.getByRole("button", { name: /^Buy \d+ labels?$/ }).isDisabled()).toBe(true);
    await browser.shot("labels-batch-bought");

    // The batch's Print button, clicked as the merchant would: the page fetches the PDF itself (the App Bridge
    // stand-in adds the Bearer session token, as App Bridge does in the admin, where a new tab on the URL would have
    // none) and opens it as a blob in a new tab. The blob the page made is recorded to read the PDF back.
    await app.evaluate(() => {
      const w = window as unknown as { __printed: Blob[] };
      w.__printed = [];
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (b: Blob | MediaSource) => {
        if (b instanceof Blob) w.__printed.push(b);
        return create(b);
      };
    });
    const batchRow = app.locator("div", { has: done }).last();
    const opened = browser.context.waitForEvent("page");
    await batchRow.getByRole("button", { name: "Print labels (PDF)" }).click();
    const tab = await opened;
    await expect.poll(() => tab.url()).toMatch(/^blob:/);
    const fetched = await app.evaluate(async () => {
      const blob = (window as unknown as { __printed: Blob[] }).__printed[0];
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = "";
      for (const b of bytes) binary += String.fromCharCode(b);
      return { type: blob.type, base64: btoa(binary) };
    });
    expect(fetched.type).toBe("application/pdf");
    await tab.close();
    const pdf = Buffer.from(fetched.base64, "base64");
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(3);
    // 4×6 in labels: 288 × 432 pt.
    for (const p of doc.getPages()) expect([Math.round(p.getWidth()), Math.round(p.getHeight())]).toEqual([288, 432]);

    const pdfFile = path.join(SCREENSHOT_DIR, "labels-batch.pdf");
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    fs.writeFileSync(pdfFile, pdf);
    const png = renderPdfPage(pdfFile, 1, path.join(SCREENSHOT_DIR, "labels-batch-page-1"));
    // 4×6 in at 100 dpi, and a real label: poppler reads one of this batch's tracking numbers on it (printed in 4s).
    expect(pngSize(png)).toEqual({ width: 400, height: 600 });
    const printed = pdfPageText(pdfFile, 1).replace(/\s+/g, "");
    expect(trackingNumbers.filter((n) => printed.includes(n))).toHaveLength(1);
    // Text poppler can extract may still print invisibly (black on a black fill): the page must be mostly paper.
    const ink = pageInkShare(pdfFile, 1);
    expect(ink).toBeGreaterThan(0.01);
    expect(ink).toBeLessThan(0.25);

    // Void the first label from the page: USPS refunds it and the row says so.
    const firstOrder = DEMO_LABEL_ORDERS[0];
    const labelRow = labelsCard.locator("div", { has: app.getByText(new RegExp(`^${firstOrder} `)) }).filter({ has: app.getByRole("button", { name: "Void", exact: true }) }).last();
    const tracking = (await labelRow.getByText(new RegExp(`^${firstOrder} `)).textContent())?.match(/9400\d{18}/)?.[0];
    expect(tracking).toBeTruthy();
    await labelRow.getByRole("button", { name: "Void", exact: true }).click();
    await app.getByText(/Voided and refunded\./).waitFor({ timeout: 15_000 });
    const voidedRow = labelsCard.locator("div", { has: app.getByText(tracking!) }).filter({ has: app.getByText("voided", { exact: true }) }).last();
    await voidedRow.waitFor();
    await expect.poll(() => voidedRow.getByRole("button", { name: "Void", exact: true }).count()).toBe(0);
    // The voided order's fulfillment was cancelled, so it is open again: back in the list, unticked, nothing to buy.
    await app.getByRole("checkbox", { name: new RegExp(`^${firstOrder} — `) }).waitFor();
    expect(await app.getByRole("checkbox", { name: new RegExp(`^${firstOrder} — `) }).isChecked()).toBe(false);
    expect(await app.getByRole("button", { name: /^Buy \d+ labels?$/ }).isDisabled()).toBe(true);
    await browser.shot("labels-voided");
    // The day's costs count the void (the refund is in the ledger), and no label was charged off its quote.
    const costs = app.getByText(/: 3 labels, 1 voided, 0 flagged, postage \$[\d.]+, refunded \$[1-9][\d.]*,/);
    await costs.waitFor();
    await costs.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await browser.shot("labels-costs");
    browser.expectNoErrors();
  });
});
