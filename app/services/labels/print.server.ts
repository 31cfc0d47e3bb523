// Printing a batch (or one label, a reprint): the stored ZPL labels joined for a thermal printer, and packing slips
// (one page per order: ship-to address, lines and quantities, tracking number) drawn with pdf-lib. The slips read
// only what the batch stored, so a reprint shows what was packed even after the order changed.
import { PDFDocument, StandardFonts, type PDFFont } from "pdf-lib";
import type { LabelAddress } from "~/carriers/labels";
import type { LabelContext } from "./context.server";
import type { SlipLine } from "./customs.server";

const PRINTABLE = ["bought", "fulfilled"];
const MAX = 500;

export interface PrintSelection {
  batchId?: string;
  labelId?: string;
}

const where = (shopId: string, which: PrintSelection) => ({ shopId, ...(which.batchId ? { batchId: which.batchId } : {}), ...(which.labelId ? { id: which.labelId } : {}), status: { in: PRINTABLE } });

/** Every ZPL label of the selection, one ^XA…^XZ block after another (what a thermal printer takes as one job). */
export async function joinedZpl(ctx: LabelContext, shopId: string, which: PrintSelection): Promise<Uint8Array | null> {
  if (!which.batchId && !which.labelId) return null;
  const rows = await ctx.db.label.findMany({ where: { ...where(shopId, which), labelZpl: { not: null } }, orderBy: { createdAt: "asc" }, take: MAX, select: { labelZpl: true } });
  if (rows.length === 0) return null;
  return Buffer.concat(rows.map((r) => Buffer.concat([Buffer.from(r.labelZpl!), Buffer.from("\n")])));
}

/** The slip's headings, in the merchant's language. */
export interface SlipText {
  title: (order: string) => string;
  shipTo: string;
  item: string;
  sku: string;
  quantity: string;
  tracking: string;
}

/** Helvetica covers Windows-1252 only: characters outside it print as "?" rather than failing the whole slip. */
function printable(font: PDFFont, text: string, fallback?: string): string {
  const known = new Set(font.getCharacterSet());
  const out = [...text].map((c) => (known.has(c.codePointAt(0)!) ? c : "?")).join("");
  // A heading with no printable letters at all (a CJK translation) falls back to the English heading.
  return fallback !== undefined && out.replace(/[?\s\d#:]/g, "") === "" && text.trim() !== "" ? fallback : out;
}

/** One US Letter page per order with its lines; null when the selection has no printable label. */
export async function packingSlips(ctx: LabelContext, shopId: string, which: PrintSelection, text: SlipText, english: SlipText): Promise<Uint8Array | null> {
  if (!which.batchId && !which.labelId) return null;
  const rows = await ctx.db.label.findMany({ where: where(shopId, which), orderBy: { createdAt: "asc" }, take: MAX, select: { orderName: true, toAddress: true, lines: true, trackingNumber: true } });
  if (rows.length === 0) return null;
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (const row of rows) {
    let page = doc.addPage([612, 792]);
    const firstPage = page;
    const draw = (s: string, x: number, y: number, size = 11, f = font) => page.drawText(printable(f, s), { x, y, size, font: f });
    const heading = (s: string, e: string, x: number, y: number, size = 11) => page.drawText(printable(bold, s, e), { x, y, size, font: bold });
    heading(text.title(row.orderName), english.title(row.orderName), 48, 730, 20);
    const to = row.toAddress as unknown as LabelAddress;
    heading(text.shipTo, english.shipTo, 48, 690);
    const address = [to.name, to.company, to.address1, to.address2, [to.zip, to.city, to.province].filter(Boolean).join(" "), to.country].filter((l): l is string => Boolean(l));
    address.forEach((l, i) => draw(l, 48, 672 - i * 15));
    let y = 672 - address.length * 15 - 30;
    heading(text.item, english.item, 48, y);
    heading(text.sku, english.sku, 380, y);
    heading(text.quantity, english.quantity, 500, y);
    page.drawLine({ start: { x: 48, y: y - 6 }, end: { x: 564, y: y - 6 }, thickness: 0.5 });
    const lines = (row.lines as unknown as SlipLine[] | null) ?? [];
    for (const l of lines) {
      y -= 20;
      if (y < 80) {
        // A long order continues on the next sheet; the tracking number stays on the first.
        page = doc.addPage([612, 792]);
        y = 730;
      }
      draw(l.title.slice(0, 60), 48, y);
      draw(l.sku ?? "", 380, y);
      draw(String(l.quantity), 500, y);
    }
    if (row.trackingNumber) {
      firstPage.drawText(printable(bold, text.tracking, english.tracking), { x: 48, y: 56, size: 11, font: bold });
      firstPage.drawText(printable(font, row.trackingNumber), { x: 160, y: 56, size: 11, font });
    }
  }
  return doc.save();
}
