// The international side of the USPS labels fake: POST /international-labels/v3/international-label, validated
// against the official OpenAPI file (vendor/international-labels.yaml), with the customs checks USPS makes on top
// of the schema (a value and a weight per content line, no vague descriptions, contents no heavier than the
// package). Same payment token, idempotency and charge bookkeeping as domestic labels; 201 with a multipart answer
// whose image part is Base64, as the spec says.
import fs from "node:fs";
import path from "node:path";
import { Ajv2019 } from "ajv/dist/2019";
import type { ValidateFunction } from "ajv";
import { parse } from "yaml";
import { json, type FakeRequest, type FakeResponse } from "./http-fake";
import { chargedPrice, checkPurchase, labelErrorBody, labelImage, multipart, toJsonSchema, type FakeLabel, type LabelRouteContext } from "./usps-labels";

/**
 * The spec pairs `allOf` with `additionalProperties: false`, which OpenAPI tools read as "no properties beyond the
 * merged ones" but JSON Schema reads as "no properties at all". Draft 2019-09's `unevaluatedProperties` says what
 * the spec means, so the fake refuses unknown fields without refusing every field.
 */
export function mergeAllOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(mergeAllOf);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = mergeAllOf(v);
  if (Array.isArray(out.allOf)) {
    const members = out.allOf as Record<string, unknown>[];
    const closed = out.additionalProperties === false || members.some((m) => m && typeof m === "object" && m.additionalProperties === false);
    if (closed) {
      out.allOf = members.map((m) => {
        if (!m || typeof m !== "object" || m.additionalProperties !== false) return m;
        const { additionalProperties: _closed, ...open } = m;
        return open;
      });
      delete out.additionalProperties;
      out.unevaluatedProperties = false;
    }
  }
  return out;
}

export function internationalLabelValidator(specDir: string): ValidateFunction {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T/);
  for (const f of ["double", "float", "int32", "int64", "uuid", "email", "uri", "byte"]) ajv.addFormat(f, true);
  const spec = parse(fs.readFileSync(path.join(specDir, "international-labels.yaml"), "utf8")) as { components: unknown };
  ajv.addSchema({ $id: "il", components: mergeAllOf(toJsonSchema(spec.components)) }, "il");
  return ajv.getSchema("il#/components/schemas/InternationalLabelRequest")!;
}

/** The S10 prefix of each class's tracking numbers. */
const PREFIX: Record<string, string> = {
  "FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE": "LZ",
  PRIORITY_MAIL_INTERNATIONAL: "CP",
  PRIORITY_MAIL_EXPRESS_INTERNATIONAL: "EC",
};

const INSURANCE: Record<number, { name: string; SKU: string; price: number }> = {
  930: { name: "Insurance <= $500", SKU: "IXIX0XXXXXR0000", price: 3.25 },
  931: { name: "Insurance > $500", SKU: "IXIX1XXXXXR0000", price: 11.8 },
};

type Contents = { itemDescription: string; itemQuantity: number; itemValue?: number; itemTotalValue?: number; itemWeight?: number; itemTotalWeight?: number }[];
type Body = {
  imageInfo?: { imageType?: string };
  toAddress: Record<string, unknown>;
  fromAddress: Record<string, unknown>;
  packageDescription: { mailClass: string; weight: number; length: number; width: number; height: number; mailingDate: string; extraServices?: number[] };
  customsForm: { contents: Contents } & Record<string, unknown>;
};

const VAGUE = /^(none|not applicable|n\/a|null|gift|merchandise)$/i;

/** USPS's checks beyond the schema; null when the customs form passes. */
function customsProblem(b: Body): string | null {
  let weight = 0;
  for (const [i, c] of b.customsForm.contents.entries()) {
    if (VAGUE.test(c.itemDescription.trim())) return `customsForm.contents[${i}].itemDescription "${c.itemDescription}" is not a valid description.`;
    if (c.itemTotalValue === undefined && c.itemValue === undefined) return `customsForm.contents[${i}] needs itemTotalValue.`;
    const w = c.itemTotalWeight ?? (c.itemWeight ?? 0) * c.itemQuantity;
    if (!(w > 0)) return `customsForm.contents[${i}] needs itemTotalWeight.`;
    weight += w;
  }
  if (weight > b.packageDescription.weight + 0.01) return "The total weight of the customs contents exceeds the package weight.";
  return null;
}

export function registerInternationalLabelRoutes(ctx: LabelRouteContext, invalid: (req: FakeRequest) => FakeResponse | null): void {
  const { state } = ctx;
  let serial = 0;
  ctx.route("POST", "/international-labels/v3/international-label", async (req) => {
    const checked = checkPurchase(ctx, req, invalid, 201);
    if ("stop" in checked) return checked.stop;
    const { key, bodyHash } = checked;
    const b = req.json as Body;
    const problem = customsProblem(b);
    if (problem) return json(400, labelErrorBody(400, "Bad Request", "CUSTOMS", problem));
    const pkg = b.packageDescription;
    if (pkg.weight > 66) return json(400, labelErrorBody(400, "Bad Request", "WEIGHT", "The weight exceeds the maximum for the destination country."));
    const trackingNumber = `${PREFIX[pkg.mailClass] ?? "CP"}${String(100_000_000 + ((++serial * 7919 + Math.floor(ctx.now() % 1_000_000)) % 900_000_000)).slice(0, 9)}US`;
    const country = String(b.toAddress.countryISOAlpha2Code ?? "");
    const postage = chargedPrice(ctx, req, { mailClass: pkg.mailClass, fromZIP: String(b.fromAddress.ZIPCode), destination: country, domestic: false, pounds: pkg.weight, length: pkg.length, width: pkg.width, height: pkg.height }).postage;
    const extraServices = (pkg.extraServices ?? []).map((c) => INSURANCE[c]).filter(Boolean);
    const metadata = {
      labelAddress: b.toAddress,
      internationalTrackingNumber: trackingNumber,
      constructCode: "I01",
      SKU: "IPXX0XXXXB12230",
      postage,
      extraServices,
      internationalPriceGroup: "12",
      weightUOM: "lb",
      weight: pkg.weight,
      dimensionalWeight: "0.0",
      mailingDate: pkg.mailingDate,
      fees: [],
    };
    const image = await labelImage(b.imageInfo?.imageType, trackingNumber, pkg.mailClass, b.toAddress);
    const label: FakeLabel = {
      trackingNumber,
      idempotencyKey: key,
      bodyHash,
      mailClass: pkg.mailClass,
      toZIP: String(b.toAddress.postalCode ?? ""),
      postage,
      extraServices,
      createdAt: ctx.now(),
      status: "active",
      metadata,
      pdf: image.bytes,
      imageType: image.imageType,
      customsForm: b.customsForm,
    };
    state.labels.set(trackingNumber, label);
    if (key) state.byKey.set(key, trackingNumber);
    state.charges.push({ trackingNumber, amount: postage + extraServices.reduce((n, e) => n + e.price, 0), idempotencyKey: key });
    // Always Base64 here (status 201): multipart() encodes any non-200 or non-PDF image.
    return multipart(metadata, image.bytes, image.imageType, 201);
  });
}
