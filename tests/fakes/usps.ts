// Loopback fake of USPS: OAuth (client credentials), Domestic Prices v3 and International Prices v3
// total-rates / base-rates search. Following contracts.md §D and the official OpenAPI files:
// - request bodies are validated against the official OpenAPI files (app/carriers/usps/vendor/, ajv; 400 + USPS envelope);
// - every accepted request counts against a sliding-hour quota (token calls too, as reported for USPS);
//   beyond it: 429 with Retry-After, like USPS;
// - prices come from zone × weight tables (priceFor), so tests can compute the expected answer;
// - misbehaviour on demand through `faults` (slow, status, bad_json, reset, hang) plus expired/revoked credentials.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Ajv, type ValidateFunction } from "ajv";
import { parse } from "yaml";
import { json, startHttpFake, type FakeRequest, type FakeResponse, type LoggedRequest } from "./http-fake";
import type { Faults } from "./misbehave";
import { initialLabelState, registerLabelRoutes, type UspsLabelState } from "./usps-labels";

// The official files live beside the connector (vendor/, unchanged), so CI validates without shared/.
const SPEC_DIR = path.resolve(import.meta.dirname, "../../app/carriers/usps/vendor");

/**
 * OpenAPI 3.0 writes `exclusiveMinimum: true` beside `minimum` (JSON Schema draft 4); ajv speaks draft 7, where
 * exclusiveMinimum is the bound itself. A dialect translation, not an edit: the constraint is unchanged.
 */
function toJsonSchema(node: unknown): unknown {
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

let validators: Record<string, ValidateFunction> | null = null;
function loadValidators(): Record<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
  // Needed, not cosmetic: Shipping Options' mailingDate is oneOf date | date-time, which only discriminates
  // when both formats are enforced.
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/);
  for (const f of ["double", "float", "int32", "int64"]) ajv.addFormat(f, true);
  for (const [id, file] of [["dp", "domestic-prices.yaml"], ["ip", "international-prices.yaml"], ["so", "shipping-options.yaml"]] as const) {
    const spec = parse(fs.readFileSync(path.join(SPEC_DIR, file), "utf8")) as { components: unknown };
    ajv.addSchema({ $id: id, components: toJsonSchema(spec.components) }, id);
  }
  const get = (ref: string) => ajv.getSchema(ref)!;
  validators = {
    domesticTotal: get("dp#/components/schemas/TotalRatesQuery"),
    domesticBase: get("dp#/components/schemas/BaseRatesQuery"),
    internationalTotal: get("ip#/components/schemas/TotalRatesQuery"),
    internationalBase: get("ip#/components/schemas/BaseRatesQuery"),
    shippingOptions: get("so#/components/schemas/OptionsRequest"),
  };
  return validators;
}

/** Errors (empty = valid) for a body checked against one of the request schemas the fake enforces. */
export function uspsSchemaErrors(kind: "domesticTotal" | "domesticBase" | "internationalTotal" | "internationalBase" | "shippingOptions", body: unknown): string[] {
  const validate = loadValidators()[kind];
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message}`);
}

// ── Price tables (invented numbers with USPS's shape: base + per-pound × zone) ──────────────────────────────
const TABLE: Record<string, { base: number; perLbZone: number; indicator: string; days?: string }> = {
  USPS_GROUND_ADVANTAGE: { base: 5.0, perLbZone: 0.45, indicator: "SP", days: "2-5 business days" },
  PRIORITY_MAIL: { base: 8.5, perLbZone: 0.9, indicator: "SP", days: "1-3 day specific delivery to all U.S. states" },
  PRIORITY_MAIL_EXPRESS: { base: 28.0, perLbZone: 2.1, indicator: "PA", days: "1-2 day guaranteed delivery" },
  MEDIA_MAIL: { base: 4.13, perLbZone: 0.1, indicator: "SP" },
  LIBRARY_MAIL: { base: 3.94, perLbZone: 0.09, indicator: "SP" },
  "FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE": { base: 16.0, perLbZone: 1.2, indicator: "SP" },
  PRIORITY_MAIL_INTERNATIONAL: { base: 45.0, perLbZone: 2.5, indicator: "SP", days: "6-10 business days" },
  PRIORITY_MAIL_EXPRESS_INTERNATIONAL: { base: 60.0, perLbZone: 3.0, indicator: "PA", days: "3-5 business days" },
};
const INTL_ZONES: Record<string, string> = { CA: "01", MX: "02", GB: "04", DE: "04", FR: "04", JP: "05", AU: "06", BR: "07" };
const DIM_DIVISOR = 166;

/** Domestic zone from ZIP3 distance (deterministic stand-in for USPS's zone chart). */
export function fakeDomesticZone(origin: string, destination: string): string {
  const d = Math.abs(Number(origin.slice(0, 3)) - Number(destination.slice(0, 3)));
  return String(Math.min(9, 1 + Math.floor(d / 110))).padStart(2, "0");
}
export const fakeInternationalZone = (country: string) => INTL_ZONES[country] ?? "05";

/** dimWeight as USPS describes it: nearest inch, over 1,728 in³ divide by 166 and round up. */
export function fakeDimWeight(l: number, w: number, h: number): number {
  const cube = Math.round(l) * Math.round(w) * Math.round(h);
  return cube > 1728 ? Math.ceil(cube / DIM_DIVISOR) : 0;
}

/** Dollars for one package: up to 1 lb by 4-oz tiers, above by whole pound. */
export function fakePrice(mailClass: string, zone: string, pounds: number, opts: { contract?: boolean; length?: number } = {}): number {
  const t = TABLE[mailClass];
  const z = Number(zone) || 1;
  const billed = pounds <= 1 ? Math.ceil(Math.max(pounds, 0.0001) * 4) / 4 : Math.ceil(pounds);
  let price = t.base + t.perLbZone * z * billed;
  if (opts.contract) price *= 0.9;
  return Math.round(price * 100) / 100;
}
export const nonstandardFee = (length: number) => (length > 30 ? 15 : length > 22 ? 4 : 0);

export interface UspsFakeOptions {
  clientId?: string;
  clientSecret?: string;
  /** Calls per sliding hour before 429; default 60. */
  quotaPerHour?: number;
  tokenTtlSeconds?: number;
  /** Accounts with a contract; others get published prices with warning 001. */
  contractAccounts?: string[];
  now?: () => number;
}

export interface UspsFakeState {
  clientId: string;
  clientSecret: string;
  quotaPerHour: number;
  /** Epoch ms of every counted call, for the sliding hour. */
  calls: number[];
  tokenCalls: number;
  priceCalls: number;
  rejected429: number;
  tokens: Map<string, { expiresAt: number; revoked: boolean }>;
  expireTokens(): void;
  /** The developer app's credentials were revoked: tokens die and new ones are refused. */
  revokeCredentials(): void;
  /** Bodies that failed the OpenAPI schema, with ajv's errors: tests assert this stays empty. */
  invalidBodies: { path: string; errors: string[] }[];
  /** Mail classes the fake leaves out of its answers, as USPS does where a class is not offered. */
  unavailable: Set<string>;
  /** Labels, payments, addresses, tracking (tests/fakes/usps-labels.ts). */
  labels: UspsLabelState;
}

export interface UspsFake {
  url: string;
  requests: LoggedRequest[];
  faults: Faults;
  state: UspsFakeState;
  close(): Promise<void>;
}

const errorBody = (status: number, message: string, errors: { code?: string; title?: string; detail?: string; parameter?: string }[] = []) => ({
  apiVersion: "3.4.30",
  error: {
    code: String(status),
    message,
    errors: errors.map((e) => ({ status: String(status), code: e.code, title: e.title ?? message, detail: e.detail, source: e.parameter ? { parameter: e.parameter } : undefined })),
  },
});

export async function startUspsFake(opts: UspsFakeOptions = {}): Promise<UspsFake> {
  const fake = await startHttpFake();
  const now = opts.now ?? Date.now;
  const v = loadValidators();
  let revoked = false;
  const state: UspsFakeState = {
    clientId: opts.clientId ?? "usps-consumer-key",
    clientSecret: opts.clientSecret ?? "usps-consumer-secret",
    quotaPerHour: opts.quotaPerHour ?? 60,
    calls: [],
    tokenCalls: 0,
    priceCalls: 0,
    rejected429: 0,
    tokens: new Map(),
    expireTokens() {
      for (const t of state.tokens.values()) t.expiresAt = 0;
    },
    revokeCredentials() {
      revoked = true;
      for (const t of state.tokens.values()) t.revoked = true;
    },
    invalidBodies: [],
    unavailable: new Set(),
    labels: initialLabelState(),
  };
  const contracts = new Set(opts.contractAccounts ?? []);

  /** The quota gate every route passes first; null = counted and allowed. */
  function overQuota(): FakeResponse | null {
    const t = now();
    state.calls = state.calls.filter((c) => c > t - 3_600_000);
    if (state.calls.length >= state.quotaPerHour) {
      state.rejected429++;
      const retryAfter = Math.max(1, Math.ceil((state.calls[0] + 3_600_000 - t) / 1000));
      return json(429, errorBody(429, "Too Many Requests"), { "retry-after": String(retryAfter) });
    }
    state.calls.push(t);
    return null;
  }

  function unauthorized(req: FakeRequest): FakeResponse | null {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "");
    const tok = m ? state.tokens.get(m[1]) : undefined;
    if (!tok || tok.revoked || tok.expiresAt <= now()) {
      return json(401, errorBody(401, "Unauthorized", [{ title: "Invalid or expired access token" }]), { "www-authenticate": 'Bearer realm="https://apis.usps.com"' });
    }
    return null;
  }

  fake.route("POST", "/oauth2/v3/token", (req) => {
    const limited = overQuota();
    if (limited) return limited;
    state.tokenCalls++;
    const ct = req.headers["content-type"] ?? "";
    const body: Record<string, unknown> = ct.includes("x-www-form-urlencoded")
      ? Object.fromEntries(new URLSearchParams(req.bodyText))
      : ((req.json as Record<string, unknown>) ?? {});
    if (body.grant_type !== "client_credentials") return json(400, { error: "unsupported_grant_type" });
    if (revoked || body.client_id !== state.clientId || body.client_secret !== state.clientSecret) {
      return json(401, { error: "invalid_client", error_description: "Client authentication failed" });
    }
    const ttl = opts.tokenTtlSeconds ?? 28_800;
    const token = `usps_at_${randomUUID().replace(/-/g, "")}`;
    state.tokens.set(token, { expiresAt: now() + ttl * 1000, revoked: false });
    return json(200, {
      access_token: token,
      token_type: "Bearer",
      issued_at: String(now()),
      expires_in: String(ttl),
      status: "approved",
      scope: "prices international-prices",
      issuer: "api.usps.com",
      client_id: state.clientId,
      application_name: "Waypost test app",
      api_products: "[Prices, International Prices]",
      public_key: "LS0tLS1CRUdJTi...",
    });
  });

  function priceRoute(kind: "domesticTotal" | "domesticBase" | "internationalTotal" | "internationalBase" | "shippingOptions") {
    return (req: FakeRequest): FakeResponse => {
      const limited = overQuota();
      if (limited) return limited;
      const denied = unauthorized(req);
      if (denied) return denied;
      state.priceCalls++;
      const validate = v[kind];
      if (req.json === undefined || !validate(req.json)) {
        const errors = (validate.errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message}`);
        state.invalidBodies.push({ path: req.path, errors });
        return json(400, errorBody(400, "Bad Request", errors.map((detail) => ({ code: "030010", detail }))));
      }
      return kind === "shippingOptions" ? shippingOptions(req.json as Record<string, unknown>) : answer(kind, req.json as Record<string, unknown>);
    };
  }

  /** Shipping Options: the total-rates answer regrouped by class, each option with a commitment. */
  function shippingOptions(b: Record<string, unknown>): FakeResponse {
    const pkg = b.packageDescription as Record<string, unknown>;
    const pricing = (b.pricingOptions as Record<string, unknown>[])[0];
    const account = pricing.paymentAccount as { accountNumber?: string } | undefined;
    const mailClass = String(pkg.mailClass);
    const flat = {
      originZIPCode: b.originZIPCode,
      destinationZIPCode: b.destinationZIPCode,
      weight: pkg.weight,
      length: pkg.length,
      width: pkg.width,
      height: pkg.height,
      priceType: pricing.priceType,
      ...(account?.accountNumber ? { accountNumber: account.accountNumber } : {}),
      ...(mailClass.startsWith("ALL") ? {} : { mailClasses: [mailClass] }),
    };
    const res = answer("domesticTotal", flat);
    if (res.status !== 200) return res;
    const mailed = Date.parse(`${String(pkg.mailingDate ?? new Date(now()).toISOString().slice(0, 10))}T00:00:00Z`);
    const byClass = new Map<string, unknown[]>();
    for (const o of (res.body as { rateOptions: { rates: { mailClass: string; zone: string }[] }[] }).rateOptions) {
      const m = o.rates[0].mailClass;
      // Commitment grows with zone; Express is a day faster: deterministic so tests can predict it.
      const days = Math.max(1, Math.ceil(Number(o.rates[0].zone) / 2) + (m === "USPS_GROUND_ADVANTAGE" ? 2 : 0) - (m === "PRIORITY_MAIL_EXPRESS" ? 1 : 0));
      const expected = new Date(mailed + days * 86_400_000).toISOString().slice(0, 10);
      byClass.set(m, [...(byClass.get(m) ?? []), { commitment: { name: `${days} Days`, expectedDeliveryDate: expected, guaranteedDelivery: m === "PRIORITY_MAIL_EXPRESS" }, ...o }]);
    }
    return json(200, {
      originZIPCode: b.originZIPCode,
      destinationZIPCode: b.destinationZIPCode,
      pricingOptions: [{ shippingOptions: [...byClass].map(([m, rateOptions]) => ({ mailClass: m, rateOptions })), priceType: pricing.priceType }],
    });
  }

  function answer(kind: string, b: Record<string, unknown>): FakeResponse {
    const domestic = kind.startsWith("domestic");
    const pounds = Number(b.weight);
    const [length, width, height] = [Number(b.length), Number(b.width), Number(b.height)];
    if (pounds > 70) return json(400, errorBody(400, "Bad Request", [{ code: "030004", detail: "Weight exceeds 70 lbs" }]));
    if (length + 2 * (width + height) > 130) return json(400, errorBody(400, "Bad Request", [{ code: "030008", detail: "Size exceeds the maximum" }]));
    const zone = domestic ? fakeDomesticZone(String(b.originZIPCode), String(b.destinationZIPCode)) : fakeInternationalZone(String(b.destinationCountryCode));
    if (domestic && String(b.destinationZIPCode).startsWith("000")) {
      return json(400, errorBody(400, "Bad Request", [{ code: "030001", detail: "No zone found for the ZIP Codes" }]));
    }
    const contract = typeof b.accountNumber === "string" && contracts.has(b.accountNumber);
    const classes: string[] = Array.isArray(b.mailClasses)
      ? (b.mailClasses as string[])
      : b.mailClass && b.mailClass !== "ALL"
        ? [String(b.mailClass)]
        : Object.keys(TABLE).filter((m) => domestic === !m.includes("INTERNATIONAL"));
    const dimWeight = fakeDimWeight(length, width, height);
    const billed = Math.max(pounds, dimWeight);
    const warnings = b.accountNumber && !contract ? [{ warningCode: "001", warningDescription: "Contract rate not found for request. Published rate returned." }] : [];
    // Without a contract for the account USPS falls back to published (commercial) prices and says so (001).
    const priceType = contract ? "CONTRACT" : b.priceType === "CONTRACT" ? "COMMERCIAL" : String(b.priceType ?? "RETAIL");
    const options = classes.filter((m) => TABLE[m] && !state.unavailable.has(m)).flatMap((mailClass) => {
      const t = TABLE[mailClass];
      const { postage: base, fee } = packagePrice({ mailClass, zone, domestic, pounds, length, width, height, contract });
      const rate = {
        SKU: `DPXX0XXXXX${zone}${Math.ceil(billed)}`,
        description: `${mailClass} ${dimWeight ? "Dimensional Rectangular" : "Single-piece"}`,
        priceType,
        price: base,
        weight: pounds,
        dimWeight,
        fees: fee ? [{ name: `Nonstandard Length > ${length > 30 ? 30 : 22}`, SKU: "D811XUXXXXX0000", price: fee }] : [],
        startDate: "2026-07-12",
        endDate: "",
        mailClass,
        zone,
        productName: mailClass,
        productDefinition: t.days ?? "",
        processingCategory: fee ? "NONSTANDARD" : "MACHINABLE",
        rateIndicator: dimWeight && t.indicator === "SP" ? "DR" : t.indicator,
        destinationEntryFacilityType: domestic ? "NONE" : "INTERNATIONAL_SERVICE_CENTER",
        warnings,
      };
      const option = { totalBasePrice: Math.round((base + fee) * 100) / 100, rates: [rate] };
      // A flat-rate option beside the parcel price, cheaper on purpose: a client must not quote it for a parcel.
      const flat =
        mailClass === "PRIORITY_MAIL" || mailClass === "PRIORITY_MAIL_INTERNATIONAL"
          ? [{ totalBasePrice: 3.05, rates: [{ ...rate, price: 3.05, fees: [], rateIndicator: "FE", description: `${mailClass} Flat Rate Envelope` }] }]
          : [];
      return [...flat, option];
    });
    if (kind.endsWith("Base")) {
      const o = options.find((x) => !["FE"].includes(x.rates[0].rateIndicator));
      if (!o) return json(400, errorBody(400, "Bad Request", [{ code: "030020", detail: "No valid rates" }]));
      return json(200, o);
    }
    return json(200, { rateOptions: options });
  }

  /** Dollars for one package of one class: the price answer's base price and nonstandard fee (labels charge the same). */
  function packagePrice(p: { mailClass: string; zone: string; domestic: boolean; pounds: number; length: number; width: number; height: number; contract: boolean }): { postage: number; fee: number } {
    const billed = Math.max(p.pounds, fakeDimWeight(p.length, p.width, p.height));
    return { postage: fakePrice(p.mailClass, p.zone, billed, { contract: p.contract }), fee: p.domestic ? nonstandardFee(p.length) : 0 };
  }

  fake.route("POST", "/prices/v3/total-rates/search", priceRoute("domesticTotal"));
  fake.route("POST", "/prices/v3/base-rates/search", priceRoute("domesticBase"));
  fake.route("POST", "/international-prices/v3/total-rates/search", priceRoute("internationalTotal"));
  fake.route("POST", "/international-prices/v3/base-rates/search", priceRoute("internationalBase"));
  fake.route("POST", "/shipments/v3/options/search", priceRoute("shippingOptions"));

  registerLabelRoutes({
    route: (m, p, h) => fake.route(m, p, h),
    gate: (req) => overQuota() ?? unauthorized(req),
    now,
    state: state.labels,
    price: (q) =>
      packagePrice({
        ...q,
        zone: q.domestic ? fakeDomesticZone(q.fromZIP, q.destination) : fakeInternationalZone(q.destination),
        contract: Boolean(q.account && contracts.has(q.account)),
      }),
  });

  return { url: fake.url, requests: fake.requests, faults: fake.faults, state, close: () => fake.close() };
}
