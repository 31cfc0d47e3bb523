// The label side of the USPS fake: Payments authorization, Labels (multipart answer: JSON metadata + a real 4×6
// PDF made with pdf-lib), cancel (CANCELED, or DISPUTED once the label is in a Shipping Services File), Addresses
// and Tracking with a deterministic timeline. Request bodies are validated against the official OpenAPI files
// (app/carriers/usps/vendor/). Idempotency like USPS: the same X-Idempotency-Key with the same body returns the
// label already bought and charges nothing; the same key with another body is refused.
import fs from "node:fs";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { Ajv, type ValidateFunction } from "ajv";
import { parse } from "yaml";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import { json, type FakeRequest, type FakeResponse } from "./http-fake";
import { internationalLabelValidator, registerInternationalLabelRoutes } from "./usps-international-labels";

const SPEC_DIR = path.resolve(import.meta.dirname, "../../app/carriers/usps/vendor");

export interface FakeLabel {
  trackingNumber: string;
  idempotencyKey: string | null;
  bodyHash: string;
  mailClass: string;
  toZIP: string;
  postage: number;
  extraServices: { name: string; SKU: string; price: number }[];
  createdAt: number;
  status: "active" | "canceled" | "disputed";
  metadata: Record<string, unknown>;
  /** The label image as sent in the labelImage part (PDF bytes, or ZPL text). */
  pdf: Buffer;
  imageType: string;
  /** The customs form of an international label, as the request carried it. */
  customsForm?: Record<string, unknown>;
}

export interface UspsLabelState {
  /** EPS / permit accounts the fake knows; others get 100001. */
  accounts: Set<string>;
  paymentTokens: Set<string>;
  /** The payer's account number behind each payment token (contract prices are the account's). */
  tokenAccounts: Map<string, string>;
  /**
   * Misbehaviour on demand: dollars USPS charges above (negative: below) its own price answer for labels to this
   * destination (domestic ZIP Code, or country code abroad). Without an entry a label costs what prices said.
   */
  chargeDifferences: Map<string, number>;
  labels: Map<string, FakeLabel>;
  byKey: Map<string, string>;
  /** One entry per postage charge: count these to prove no label was bought twice. */
  charges: { trackingNumber: string; amount: number; idempotencyKey: string | null }[];
  refunds: { trackingNumber: string; amount: number }[];
  /** Labels already in a Shipping Services File: cancel becomes a refund request (DISPUTED). */
  manifested: Set<string>;
  /** Labels USPS has scanned: cancel is refused. */
  used: Set<string>;
  /** Tracking numbers whose timeline carries a "postage due" (counterfeit suspicion) event. */
  postageDue: Set<string>;
  /** Tracking numbers USPS flags as counterfeit postage (the item is held, never delivered). */
  counterfeit: Set<string>;
  /** Tracking numbers whose delivery fails once (a notice left) before it is delivered the next day. */
  deliveryExceptions: Set<string>;
  /** Street addresses (upper case) USPS cannot find, and ones it needs more information for (code 32). */
  unknownStreets: Set<string>;
  invalidBodies: { path: string; errors: string[] }[];
}

export function initialLabelState(): UspsLabelState {
  return {
    accounts: new Set(["1000000001"]),
    paymentTokens: new Set(),
    tokenAccounts: new Map(),
    chargeDifferences: new Map(),
    labels: new Map(),
    byKey: new Map(),
    charges: [],
    refunds: [],
    manifested: new Set(),
    used: new Set(),
    postageDue: new Set(),
    counterfeit: new Set(),
    deliveryExceptions: new Set(),
    unknownStreets: new Set(),
    invalidBodies: [],
  };
}

/** OpenAPI 3.0 boolean exclusiveMinimum → draft 7 (the same dialect translation as usps.ts). */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = toJsonSchema(v);
  for (const [flag, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
    if (typeof out[flag] !== "boolean") continue;
    if (out[flag] === true && typeof out[bound] === "number") {
      out[flag] = out[bound];
      delete out[bound];
    } else delete out[flag];
  }
  return out;
}

let validators: { label: ValidateFunction; parties: ValidateFunction; international: ValidateFunction } | null = null;
function loadValidators() {
  if (validators) return validators;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T/);
  for (const f of ["double", "float", "int32", "int64", "uuid", "email", "uri"]) ajv.addFormat(f, true);
  for (const [id, file] of [["dl", "domestic-labels.yaml"], ["pay", "payments.yaml"]] as const) {
    const spec = parse(fs.readFileSync(path.join(SPEC_DIR, file), "utf8")) as { components: unknown };
    ajv.addSchema({ $id: id, components: toJsonSchema(spec.components) }, id);
  }
  validators = { label: ajv.getSchema("dl#/components/schemas/LabelRequest")!, parties: ajv.getSchema("pay#/components/schemas/Parties")!, international: internationalLabelValidator(SPEC_DIR) };
  return validators;
}

export const labelErrorBody = (status: number, message: string, code?: string, detail?: string) => ({
  apiVersion: "3.9.13",
  error: { code: String(status), message, errors: [{ status: String(status), code, title: message, detail: detail ?? message }] },
});

const EXTRA: Record<number, { name: string; SKU: string; price: number }> = {
  920: { name: "USPS Tracking", SKU: "DXTX0XXXXXR0000", price: 0 },
  921: { name: "Signature Confirmation", SKU: "DXSX0XXXXXR0000", price: 4.4 },
  930: { name: "Insurance <= $500", SKU: "DXIX0XXXXXR0000", price: 2.8 },
  931: { name: "Insurance > $500", SKU: "DXIX1XXXXXR0000", price: 9.5 },
};

export async function labelPdf(trackingNumber: string, mailClass: string, to: Record<string, unknown>): Promise<Buffer> {
  const doc = await PDFDocument.create();
  // A fixed date keeps the bytes deterministic for the same label.
  doc.setCreationDate(new Date("2026-01-01T00:00:00Z"));
  doc.setModificationDate(new Date("2026-01-01T00:00:00Z"));
  const page = doc.addPage([288, 432]); // 4×6 in at 72 pt/in
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  // A frame only: pdf-lib fills a rectangle black unless it is given a borderColor and no fill color.
  page.drawRectangle({ x: 8, y: 8, width: 272, height: 416, borderWidth: 2, borderColor: rgb(0, 0, 0) });
  page.drawText(mailClass.replace(/_/g, " "), { x: 20, y: 390, size: 14, font: bold });
  page.drawText("USPS TEST LABEL - FAKE", { x: 20, y: 370, size: 9, font });
  const lines = [`${to.firstName ?? ""} ${to.lastName ?? ""}`.trim(), String(to.streetAddress ?? ""), `${to.city ?? ""} ${to.state ?? ""} ${to.ZIPCode ?? ""}`];
  lines.forEach((l, i) => page.drawText(l, { x: 40, y: 300 - i * 16, size: 12, font }));
  page.drawText("USPS TRACKING #", { x: 20, y: 120, size: 10, font: bold });
  page.drawText(trackingNumber.replace(/(.{4})/g, "$1 ").trim(), { x: 20, y: 100, size: 13, font });
  return Buffer.from(await doc.save());
}

/** A ZPL II label for 203 dpi printers (4×6 in = 812×1218 dots) with the tracking number as a Code 128 barcode. */
export function labelZpl(trackingNumber: string, mailClass: string, to: Record<string, unknown>): Buffer {
  const field = (v: unknown) => String(v ?? "").replace(/[\^~]/g, " ");
  const lines = [`${to.firstName ?? ""} ${to.lastName ?? ""}`.trim(), field(to.streetAddress), `${field(to.city)} ${field(to.state ?? to.province ?? "")} ${field(to.ZIPCode ?? to.postalCode ?? "")}`, field(to.country ?? "")].filter((l) => l.trim());
  return Buffer.from(
    [
      "^XA",
      "^CI28",
      `^FO40,40^A0N,44,44^FD${field(mailClass).replace(/_/g, " ")}^FS`,
      "^FO40,100^A0N,26,26^FDUSPS TEST LABEL - FAKE^FS",
      ...lines.map((l, i) => `^FO80,${300 + i * 40}^A0N,32,32^FD${field(l)}^FS`),
      "^FO40,800^A0N,26,26^FDUSPS TRACKING #^FS",
      `^FO60,850^BY3^BCN,200,Y,N,N^FD${trackingNumber}^FS`,
      "^XZ",
      "",
    ].join("\n"),
  );
}

/** The image USPS returns for `imageInfo.imageType` (PDF unless a ZPL type is asked for). */
export async function labelImage(imageType: string | undefined, trackingNumber: string, mailClass: string, to: Record<string, unknown>): Promise<{ bytes: Buffer; imageType: string }> {
  if (imageType === "ZPL203DPI" || imageType === "ZPL300DPI") return { bytes: labelZpl(trackingNumber, mailClass, to), imageType };
  return { bytes: await labelPdf(trackingNumber, mailClass, to), imageType: "PDF" };
}

/**
 * The multipart label answer. The spec says the image part is always Base64 encoded; the domestic PDF is sent raw
 * (as some USPS answers are) and everything else Base64, so the client is held to both.
 */
export function multipart(meta: unknown, image: Buffer, imageType = "PDF", status = 200): FakeResponse {
  const boundary = `usps-${randomUUID()}`;
  const raw = imageType === "PDF" && status === 200;
  const [contentType, filename] = imageType === "PDF" ? ["application/pdf", "label.pdf"] : ["application/octet-stream", "label.zpl"];
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="labelMetadata"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(meta)}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="labelImage"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n${raw ? "" : "Content-Transfer-Encoding: base64\r\n"}\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { status, headers: { "content-type": `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat([head, raw ? image : Buffer.from(image.toString("base64")), tail]) };
}

/** A label's package as the fake prices it: what a total-rates search for the same package would ask. */
export interface LabelPriceQuery {
  mailClass: string;
  fromZIP: string;
  /** Domestic ZIP Code, or the country code abroad. */
  destination: string;
  domestic: boolean;
  pounds: number;
  length: number;
  width: number;
  height: number;
  /** The payer's account (contract prices). */
  account?: string;
}

export interface LabelRouteContext {
  /** Dollars: the fake's own price answer for this package (postage, and the nonstandard fee apart). */
  price(q: LabelPriceQuery): { postage: number; fee: number };
  route(method: string, pattern: string, handler: (req: FakeRequest) => FakeResponse | Promise<FakeResponse>): void;
  /** Quota gate then bearer check; null = go on. */
  gate(req: FakeRequest): FakeResponse | null;
  now(): number;
  state: UspsLabelState;
}

const HOUR = 3_600_000;

/**
 * What every label purchase goes through before anything is bought: quota and bearer (gate), the payment token,
 * the schema, then idempotency — the same key with the same body replays the label already bought and charges
 * nothing; the same key with another body is refused.
 */
export function checkPurchase(ctx: LabelRouteContext, req: FakeRequest, invalid: (req: FakeRequest) => FakeResponse | null, status: number): { stop: FakeResponse } | { key: string | null; bodyHash: string } {
  const stop = ctx.gate(req);
  if (stop) return { stop };
  if (!ctx.state.paymentTokens.has(req.headers["x-payment-authorization-token"] ?? "")) {
    return { stop: json(401, labelErrorBody(401, "Unauthorized", "160220", "The payment authorization token is missing or invalid.")) };
  }
  const bad = invalid(req);
  if (bad) return { stop: bad };
  const key = req.headers["x-idempotency-key"] ?? null;
  const bodyHash = createHash("sha256").update(req.bodyText).digest("hex");
  if (key && ctx.state.byKey.has(key)) {
    const existing = ctx.state.labels.get(ctx.state.byKey.get(key)!)!;
    if (existing.bodyHash !== bodyHash) return { stop: json(400, labelErrorBody(400, "Bad Request", "IDEMPOTENCY", "The X-Idempotency-Key was already used with a different request.")) };
    return { stop: multipart(existing.metadata, existing.pdf, existing.imageType, status) };
  }
  return { key, bodyHash };
}

/** What a label is charged: the fake's price answer for the package, moved by any chargeDifferences entry. */
export function chargedPrice(ctx: LabelRouteContext, req: FakeRequest, q: Omit<LabelPriceQuery, "account">): { postage: number; fee: number } {
  const account = ctx.state.tokenAccounts.get(req.headers["x-payment-authorization-token"] ?? "");
  const p = ctx.price({ ...q, ...(account ? { account } : {}) });
  const difference = ctx.state.chargeDifferences.get(q.destination) ?? 0;
  return { postage: Math.round((p.postage + difference) * 100) / 100, fee: p.fee };
}

export function registerLabelRoutes(ctx: LabelRouteContext): void {
  const { state } = ctx;
  const v = loadValidators();
  let serial = 0;

  const invalid = (req: FakeRequest, validate: ValidateFunction): FakeResponse | null => {
    if (req.json !== undefined && validate(req.json)) return null;
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message}`);
    state.invalidBodies.push({ path: req.path, errors });
    return json(400, labelErrorBody(400, "Bad Request", "OASValidation", errors.join("; ").slice(0, 500)));
  };

  ctx.route("POST", "/payments/v3/payment-authorization", (req) => {
    const stop = ctx.gate(req) ?? invalid(req, v.parties);
    if (stop) return stop;
    const roles = (req.json as { roles: { roleName?: string; accountNumber?: string }[] }).roles;
    const names = new Set(roles.map((r) => r.roleName));
    if (!names.has("PAYER") || !names.has("LABEL_OWNER")) return json(400, labelErrorBody(400, "Bad Request", "160218", "The PAYER and LABEL_OWNER roles are required."));
    const payer = roles.find((r) => r.roleName === "PAYER");
    if (!payer?.accountNumber || !state.accounts.has(payer.accountNumber)) {
      return json(400, labelErrorBody(400, "Bad Request", "100001", "The EPS account was not found or is not active."));
    }
    const token = `pat_${randomUUID().replace(/-/g, "")}`;
    state.paymentTokens.add(token);
    state.tokenAccounts.set(token, payer.accountNumber);
    return json(200, { paymentAuthorizationToken: token, roles });
  });

  ctx.route("POST", "/labels/v3/label", async (req) => {
    const checked = checkPurchase(ctx, req, (r) => invalid(r, v.label), 200);
    if ("stop" in checked) return checked.stop;
    const { key, bodyHash } = checked;
    const b = req.json as { imageInfo?: { imageType?: string }; toAddress: Record<string, unknown>; fromAddress: Record<string, unknown>; packageDescription: { mailClass: string; weight: number; length: number; width: number; height: number; extraServices?: number[]; mailingDate: string } };
    if (String(b.toAddress.streetAddress ?? "").toUpperCase().includes("UNDELIVERABLE")) {
      return json(400, labelErrorBody(400, "Bad Request", "ADDRESS", "Address Not Found: the destination address is not deliverable."));
    }
    const pkg = b.packageDescription;
    if (pkg.weight > 70) return json(400, labelErrorBody(400, "Bad Request", "WEIGHT", "The weight exceeds 70 lbs."));
    const trackingNumber = `9400${String(1_000_000_000_000_000 + ++serial * 7919 + Math.floor(ctx.now() % 1_000_000)).padStart(18, "0")}`;
    const priced = chargedPrice(ctx, req, { mailClass: pkg.mailClass, fromZIP: String(b.fromAddress.ZIPCode), destination: String(b.toAddress.ZIPCode), domestic: true, pounds: pkg.weight, length: pkg.length, width: pkg.width, height: pkg.height });
    const postage = priced.postage;
    const fees = priced.fee ? [{ name: "Nonstandard Length fee", SKU: "D811XUXXXXX0000", price: priced.fee }] : [];
    const extraServices = (pkg.extraServices ?? []).map((c) => EXTRA[c]).filter(Boolean);
    const metadata = {
      labelAddress: b.toAddress,
      routingInformation: `420${String(b.toAddress.ZIPCode)}`,
      trackingNumber,
      postage,
      extraServices,
      zone: "04",
      commitment: { name: "2 Days", scheduleDeliveryDate: pkg.mailingDate },
      weightUOM: "lb",
      weight: pkg.weight,
      dimensionalWeight: 0,
      fees,
      SKU: "DPXX0XXXXX04010",
      bannerText: "USPS TRACKING # EP",
      mailingDate: `${pkg.mailingDate}T00:00:00Z`,
      links: [{ rel: ["cancel"], href: `/labels/v3/label/${trackingNumber}`, method: "DELETE" }],
    };
    const image = await labelImage(b.imageInfo?.imageType, trackingNumber, pkg.mailClass, b.toAddress);
    const label: FakeLabel = { trackingNumber, idempotencyKey: key, bodyHash, mailClass: pkg.mailClass, toZIP: String(b.toAddress.ZIPCode), postage, extraServices, createdAt: ctx.now(), status: "active", metadata, pdf: image.bytes, imageType: image.imageType };
    state.labels.set(trackingNumber, label);
    if (key) state.byKey.set(key, trackingNumber);
    state.charges.push({ trackingNumber, amount: postage + priced.fee + extraServices.reduce((n, e) => n + e.price, 0), idempotencyKey: key });
    return multipart(metadata, image.bytes, image.imageType);
  });

  // International labels are cancelled the same way on their own path.
  const cancel = (req: FakeRequest): FakeResponse => {
    const stop = ctx.gate(req);
    if (stop) return stop;
    if (!state.paymentTokens.has(req.headers["x-payment-authorization-token"] ?? "")) {
      return json(401, labelErrorBody(401, "Unauthorized", "160220", "The payment authorization token is missing or invalid."));
    }
    const label = state.labels.get(req.params.trackingNumber);
    if (!label) return json(404, labelErrorBody(404, "Not Found", "LABEL", "No label with this tracking number."));
    if (state.used.has(label.trackingNumber)) return json(400, labelErrorBody(400, "Bad Request", "USED", "The label has already been used and cannot be refunded."));
    if (label.status !== "active") return json(400, labelErrorBody(400, "Bad Request", "CANCELED", "The label was already canceled."));
    const amount = state.charges.find((c) => c.trackingNumber === label.trackingNumber)?.amount ?? 0;
    if (state.manifested.has(label.trackingNumber)) {
      label.status = "disputed";
      return json(200, { trackingNumber: label.trackingNumber, status: "DISPUTED", disputeId: `D${new Date(ctx.now()).toISOString().slice(0, 10).replace(/-/g, "")}01` });
    }
    label.status = "canceled";
    state.refunds.push({ trackingNumber: label.trackingNumber, amount });
    return json(200, { trackingNumber: label.trackingNumber, status: "CANCELED" });
  };
  ctx.route("DELETE", "/labels/v3/label/:trackingNumber", cancel);
  ctx.route("DELETE", "/international-labels/v3/international-label/:trackingNumber", cancel);

  ctx.route("GET", "/addresses/v3/address", (req) => {
    const stop = ctx.gate(req);
    if (stop) return stop;
    const street = (req.query.get("streetAddress") ?? "").toUpperCase();
    const st = req.query.get("state") ?? "";
    if (!street || !/^[A-Z]{2}$/.test(st)) return json(400, labelErrorBody(400, "Bad Request", "ADDRESS", "streetAddress and state are required."));
    if (state.unknownStreets.has(street)) return json(404, labelErrorBody(404, "Not Found", "ADDRESS", "Address Not Found."));
    const zip = req.query.get("ZIPCode") ?? "00000";
    const needsUnit = street.includes(" APT") === false && street.includes("TOWER");
    return json(200, {
      firm: "",
      address: { streetAddress: street, secondaryAddress: req.query.get("secondaryAddress")?.toUpperCase() ?? "", city: (req.query.get("city") ?? "").toUpperCase(), state: st, ZIPCode: zip, ZIPPlus4: "1234" },
      additionalInfo: { deliveryPoint: "01", carrierRoute: "C001", DPVConfirmation: needsUnit ? "D" : "Y", business: "N", vacant: "N" },
      corrections: needsUnit ? [{ code: "32", text: "Default address: The address you entered was found but more information is needed (such as an apartment, suite, or box number) to match to a specific address." }] : [],
      matches: needsUnit ? [] : [{ code: "31", text: "Single Response - exact match" }],
      warnings: [],
    });
  });

  ctx.route("GET", "/tracking/v3/tracking/:trackingNumber", (req) => {
    const stop = ctx.gate(req);
    if (stop) return stop;
    const label = state.labels.get(req.params.trackingNumber);
    if (!label) return json(404, labelErrorBody(404, "Not Found", "150002", "The tracking number may be incorrect."));
    // Deterministic: events appear at fixed offsets from purchase, so a test moves the clock to see the next one.
    // Misbehaviour on demand: postageDue/counterfeit add USPS's alert (counterfeit stops the parcel there), and
    // deliveryExceptions a failed first delivery; faults (429, 5xx, resets) come from ctx.gate like every route.
    const tn = label.trackingNumber;
    const held = state.counterfeit.has(tn);
    const failedOnce = state.deliveryExceptions.has(tn);
    const timeline = [
      { at: 0, code: "GX", type: "Shipping Label Created, USPS Awaiting Item" },
      { at: 2 * HOUR, code: "03", type: "USPS picked up item" },
      { at: 12 * HOUR, code: "10", type: "In Transit to Next Facility" },
      ...(state.postageDue.has(tn) ? [{ at: 13 * HOUR, code: "PD", type: "Postage Due - Suspected Counterfeit Postage" }] : []),
      ...(held ? [{ at: 13 * HOUR, code: "CP", type: "Counterfeit Postage Detected - Item Held" }] : [
        { at: 30 * HOUR, code: "OF", type: "Out for Delivery" },
        ...(failedOnce ? [{ at: 33 * HOUR, code: "02", type: "Notice Left (No Authorized Recipient Available)" }, { at: 54 * HOUR, code: "OF", type: "Out for Delivery" }] : []),
        { at: (failedOnce ? 58 : 34) * HOUR, code: "01", type: "Delivered, In/At Mailbox" },
      ]),
    ].filter((e) => label.createdAt + e.at <= ctx.now());
    const last = timeline[timeline.length - 1];
    return json(200, {
      trackingNumber: label.trackingNumber,
      mailClass: label.mailClass,
      destinationZIP: label.toZIP,
      status: last.type,
      statusCategory: last.code === "01" ? "Delivered" : "In Transit",
      trackingEvents: timeline.reverse().map((e) => ({ eventType: e.type, eventTimestamp: new Date(label.createdAt + e.at).toISOString(), eventCity: "ST LOUIS", eventState: "MO", eventZIP: label.toZIP, eventCountry: "US", eventCode: e.code })),
    });
  });

  registerInternationalLabelRoutes(ctx, (req) => invalid(req, v.international));
}
