// Where the browser tests find pdftoppm (Debian's poppler-utils) to render a PDF page the way a printer would see
// it. A system package like Chromium: CI installs it (.ci/run); a machine without it skips the test with this notice,
// unless WAYPOST_BROWSER_TESTS=required, where a missing renderer is a failure, not a skip.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const PDFTOPPM_PATH = process.env.PDFTOPPM_PATH ?? "/usr/bin/pdftoppm";
export const PDFTOPPM_MISSING_NOTICE = "pdftoppm not installed: apt-get install -y poppler-utils";

export function pdftoppmAvailable(): boolean {
  return fs.existsSync(PDFTOPPM_PATH);
}

/** True when a test that renders PDFs must run (WAYPOST_BROWSER_TESTS=required): then a missing pdftoppm fails it. */
export function pdftoppmRequired(): boolean {
  return process.env.WAYPOST_BROWSER_TESTS === "required";
}

/** Renders one page (1-based) of `pdf` to `<outBase>.png` at `dpi`; returns the PNG's path. */
export function renderPdfPage(pdf: string, page: number, outBase: string, dpi = 100): string {
  fs.mkdirSync(path.dirname(outBase), { recursive: true });
  execFileSync(PDFTOPPM_PATH, ["-png", "-r", String(dpi), "-f", String(page), "-l", String(page), "-singlefile", pdf, outBase], { stdio: "pipe" });
  return `${outBase}.png`;
}

/** The text poppler finds on one page (1-based), laid out as printed: proof the rendered page is not blank. */
export function pdfPageText(pdf: string, page: number): string {
  return execFileSync(path.join(path.dirname(PDFTOPPM_PATH), "pdftotext"), ["-f", String(page), "-l", String(page), "-layout", pdf, "-"], { encoding: "utf8" });
}

/**
 * The share of a page's pixels that print dark (grey below 128), rendered in greyscale at `dpi`. A label is mostly
 * paper: a blank page is 0 and a page filled black (text drawn on it invisible) is near 1.
 */
export function pageInkShare(pdf: string, page: number, dpi = 50): number {
  // With no output name, pdftoppm -gray writes one binary PGM (P5) to stdout: "P5\n<w> <h>\n<max>\n" then the pixels.
  const out = execFileSync(PDFTOPPM_PATH, ["-gray", "-r", String(dpi), "-f", String(page), "-l", String(page), "-singlefile", pdf], { maxBuffer: 64 * 1024 * 1024 });
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(out.subarray(0, 40).toString("latin1"));
  if (!header) throw new Error("pdftoppm -gray did not answer a binary PGM");
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = out.subarray(header[0].length, header[0].length + width * height);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return dark / (width * height);
}
