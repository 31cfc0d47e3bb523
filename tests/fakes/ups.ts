// Loopback fake of UPS OAuth (client credentials, authorize + sign-in page, code exchange with PKCE, refresh
// with rotation) and Rating, following notes/contracts.md §C. Every request body is validated against the
// official OpenAPI files in shared/specs/ups/ in closed mode; violations answer 400 and are kept in
// `state.violations`, so a test can assert that we never sent UPS something it would reject or ignore.
import { createHash, randomUUID } from "node:crypto";
import path from "node:path";
import { json, startHttpFake, type FakeRequest, type FakeResponse, type LoggedRequest } from "./http-fake";
import type { Faults } from "./misbehave";
import { loadOpenApi, openApiValidator } from "./openapi";
import { rateAnswer, type FakeAccount } from "./ups-rating";
import { landedCostAnswer } from "./ups-landed-cost";
import { transitAnswer } from "./ups-transit";

export const UPS_SPEC_DIR = path.resolve(import.meta.dirname, "../../app/carriers/ups/vendor");

const ratingDoc = loadOpenApi(path.join(UPS_SPEC_DIR, "Rating.yaml"));
const authCodeDoc = loadOpenApi(path.join(UPS_SPEC_DIR, "OAuthAuthCode.yaml"));
const clientCredDoc = loadOpenApi(path.join(UPS_SPEC_DIR, "OAuthClientCredentials.yaml"));
const transitDoc = loadOpenApi(path.join(UPS_SPEC_DIR, "TimeInTransit.yaml"));
const landedCostDoc = loadOpenApi(path.join(UPS_SPEC_DIR, "LandedCost.yaml"));
const FORM = "application/x-www-form-urlencoded";

/**
 * UPS's specs put `maximum` on objects, arrays, strings and numbers alike: it is their "max occurrences"
 * annotation, not a numeric bound (TimeInTransit would otherwise cap weight at 1 and shipmentContentsValue at 3).
 * None of the UPS schemas we validate carries a real numeric maximum, so all of them go; on arrays the
 * annotation is kept as maxItems (at most 3 address lines, 200 packages).
 */
function occurrencesAreNotBounds(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(occurrencesAreNotBounds);
  if (!node || typeof node !== "object") return;
  const s = node as Record<string, unknown>;
  if (typeof s.maximum === "number") {
    if (s.type === "array") s.maxItems = s.maximum;
    delete s.maximum;
  }
  Object.values(s).forEach(occurrencesAreNotBounds);
}
const ups = { closed: true, patch: occurrencesAreNotBounds };

export const validateRateRequest = openApiValidator(ratingDoc, "RATERequestWrapper", {
  closed: true,
  patch: (s) => {
    occurrencesAreNotBounds(s);
    // The schema says three characters, yet every example (and karrio) sends "03"; UPS accepts both.
    (s.Shipment_Service as any).properties.Code.minLength = 2;
  },
});
export const validateRateResponse = openApiValidator(ratingDoc, "RATEResponseWrapper", ups);
export const validateTransitRequest = openApiValidator(transitDoc, "TimeInTransitRequest", ups);
export const validateTransitResponse = openApiValidator(transitDoc, "TimeInTransitResponse", {
  closed: true,
  patch: (s) => {
    occurrencesAreNotBounds(s);
    // maxLength 2, yet the same description lists "GND", "3DS" and "1DMS" as valid domestic codes.
    (s.services as any).properties.serviceLevel.maxLength = 4;
  },
});
export const validateLandedCostRequest = openApiValidator(landedCostDoc, "LandedCostRequest", ups);
const validateCodeExchange = openApiValidator(authCodeDoc, { path: "/v1/oauth/token", method: "post", contentType: FORM }, { closed: true });
const validateRefresh = openApiValidator(authCodeDoc, { path: "/v1/oauth/refresh", method: "post", contentType: FORM }, { closed: true });
const validateClientCredentials = openApiValidator(clientCredDoc, { path: "/security/v1/oauth/token", method: "post", contentType: FORM }, { closed: true });

const REQUEST_OPTIONS = ["rate", "shop", "ratetimeintransit", "shoptimeintransit"];

export interface UpsFakeState {
  clients: Map<string, string>;
  accounts: Map<string, FakeAccount>;
  accessTokens: Map<string, { expired: boolean; clientId: string }>;
  refreshTokens: Map<string, { clientId: string }>;
  codes: Map<string, { clientId: string; redirectUri: string; challenge?: string }>;
  /** Spec violations in requests we received, newest last. */
  violations: string[];
  tokenLifetimeS: number;
  /** Peak season: Time in Transit answers with guaranteeSuspended. */
  peak: boolean;
  /** Landed Cost quotes answered (after validation). */
  landedCostCalls: number;
  expireAccessTokens(): void;
  revokeRefreshTokens(): void;
  issueTokens(clientId: string, withRefresh: boolean): Record<string, string>;
  issueCode(a: { clientId: string; redirectUri: string; codeChallenge?: string }): string;
}

export interface UpsFake {
  url: string;
  requests: LoggedRequest[];
  faults: Faults;
  state: UpsFakeState;
  /** The next rating call answers 429 with code 10429 and Retry-After. */
  rateLimitNext(retryAfterS?: number): void;
  close(): Promise<void>;
}

export const upsError = (status: number, code: string, message: string, headers: Record<string, string> = {}): FakeResponse =>
  json(status, { response: { errors: [{ code, message }] } }, headers);

export async function startUpsFake(opts: { clients?: Record<string, string>; accounts?: Record<string, FakeAccount> } = {}): Promise<UpsFake> {
  const fake = await startHttpFake();
  const token = () => randomUUID().replace(/-/g, "") + randomUUID().replace(/-/g, "");
  const state: UpsFakeState = {
    clients: new Map(Object.entries(opts.clients ?? { "waypost-app": "waypost-app-secret" })),
    accounts: new Map(Object.entries(opts.accounts ?? { A1B2C3: { negotiated: true }, N0NEG1: { negotiated: false } })),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    codes: new Map(),
    violations: [],
    tokenLifetimeS: 14399,
    peak: false,
    landedCostCalls: 0,
    expireAccessTokens: () => state.accessTokens.forEach((t) => (t.expired = true)),
    revokeRefreshTokens: () => state.refreshTokens.clear(),
    issueTokens(clientId, withRefresh) {
      const access = token();
      state.accessTokens.set(access, { expired: false, clientId });
      const now = String(Date.now());
      const base = { token_type: "Bearer", issued_at: now, client_id: clientId, access_token: access, scope: "", expires_in: String(state.tokenLifetimeS), refresh_count: "0", status: "approved" };
      if (!withRefresh) return base;
      const refresh = token();
      state.refreshTokens.set(refresh, { clientId });
      return { ...base, refresh_token: refresh, refresh_token_expires_in: "5183999", refresh_token_status: "approved", refresh_token_issued_at: now };
    },
    issueCode(a) {
      const code = `code_${randomUUID()}`;
      state.codes.set(code, { clientId: a.clientId, redirectUri: a.redirectUri, challenge: a.codeChallenge });
      return code;
    },
  };

  const reject = (where: string, errors: string[]): FakeResponse | null => {
    if (errors.length === 0) return null;
    state.violations.push(...errors.map((e) => `${where}: ${e}`));
    return upsError(400, "FAKE-SCHEMA", `${where} does not match the UPS OpenAPI: ${errors.slice(0, 5).join("; ")}`);
  };
  const formOf = (req: FakeRequest) => Object.fromEntries(new URLSearchParams(req.bodyText));
  const basicClient = (req: FakeRequest): { id: string } | FakeResponse => {
    const m = /^Basic (\S+)$/.exec(req.headers.authorization ?? "");
    if (!m) return upsError(401, "10400", "Invalid/Missing Authorization Header");
    const [id, secret] = Buffer.from(m[1], "base64").toString("utf8").split(":");
    return state.clients.get(id) === secret ? { id } : upsError(401, "10401", "ClientId is Invalid");
  };
  const isResponse = (x: unknown): x is FakeResponse => typeof x === "object" && x !== null && "status" in x;

  fake.route("POST", "/security/v1/oauth/token", (req) => {
    const form = formOf(req);
    if (!req.headers["content-type"]?.startsWith(FORM)) return upsError(400, "10400", "Content-Type must be form-urlencoded");
    if (form.grant_type === "client_credentials") {
      const bad = reject("client credentials body", validateClientCredentials(form));
      if (bad) return bad;
      const client = basicClient(req);
      if (isResponse(client)) return client;
      const merchant = req.headers["x-merchant-id"];
      if (merchant !== undefined && !/^[A-Z0-9]{6}$/i.test(merchant)) return upsError(400, "10400", "x-merchant-id must be a 6-character account number");
      return json(200, state.issueTokens(client.id, false));
    }
    const bad = reject("code exchange body", validateCodeExchange(form));
    if (bad) return bad;
    if (form.grant_type !== "authorization_code") return upsError(400, "10400", "Unsupported grant_type");
    const grant = state.codes.get(form.code);
    if (!grant || grant.redirectUri !== form.redirect_uri) return upsError(401, "10402", "Invalid authorization code");
    let clientId: string;
    if (form.code_verifier !== undefined) {
      // PKCE: the spec says no Basic header, client_id in the body.
      if (req.headers.authorization) return upsError(400, "10400", "PKCE exchange must not send an Authorization header");
      const challenge = createHash("sha256").update(form.code_verifier, "ascii").digest("base64url");
      if (grant.challenge !== challenge || form.client_id !== grant.clientId) return upsError(401, "10402", "Invalid code_verifier");
      clientId = form.client_id;
    } else {
      const client = basicClient(req);
      if (isResponse(client)) return client;
      if (grant.challenge) return upsError(400, "10400", "code_verifier required");
      clientId = client.id;
    }
    state.codes.delete(form.code);
    return json(200, state.issueTokens(clientId, true));
  });

  fake.route("POST", "/security/v1/oauth/refresh", (req) => {
    const form = formOf(req);
    const bad = reject("refresh body", validateRefresh(form));
    if (bad) return bad;
    const client = basicClient(req);
    if (isResponse(client)) return client;
    const grant = state.refreshTokens.get(form.refresh_token);
    // UNVERIFIED code: UPS's answer to a used or revoked refresh token is not in the spec.
    if (form.grant_type !== "refresh_token" || !grant || grant.clientId !== client.id) return upsError(401, "250002", "Invalid Authentication Information.");
    state.refreshTokens.delete(form.refresh_token); // single use: the old token dies with this answer
    return json(200, state.issueTokens(client.id, true));
  });

  fake.route("GET", "/security/v1/oauth/authorize", (req) => {
    const q = Object.fromEntries(req.query);
    if (!q.client_id || !q.redirect_uri || q.response_type !== "code") return upsError(400, "10400", "client_id, redirect_uri and response_type=code are required");
    if (!state.clients.has(q.client_id)) return upsError(401, "10401", "ClientId is Invalid");
    const login = new URL("/fake-ups/login", fake.url);
    for (const k of ["client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge"]) if (q[k] !== undefined) login.searchParams.set(k, q[k]);
    login.searchParams.set("type", "ups_com_api");
    return { status: 302, headers: { location: login.toString() } };
  });

  fake.route("GET", "/fake-ups/login", (req) => {
    const hidden = [...req.query].map(([k, v]) => `<input type="hidden" name="${k}" value="${v.replace(/"/g, "&quot;")}">`).join("");
    const html = `<!doctype html><title>UPS sign-in (fake)</title><h1>Sign in to UPS (fake)</h1><form method="post" action="/fake-ups/login">${hidden}<button name="decision" value="allow">Allow</button><button name="decision" value="deny">Deny</button></form>`;
    return { status: 200, headers: { "content-type": "text/html" }, body: html };
  });

  fake.route("POST", "/fake-ups/login", (req) => {
    const f = formOf(req);
    const back = new URL(f.redirect_uri);
    if (f.decision === "allow") back.searchParams.set("code", state.issueCode({ clientId: f.client_id, redirectUri: f.redirect_uri, codeChallenge: f.code_challenge }));
    else back.searchParams.set("error", "access_denied");
    if (f.state) back.searchParams.set("state", f.state);
    return { status: 302, headers: { location: back.toString() } };
  });

  /** Bearer token and the transId/transactionSrc headers every UPS JSON API shares. */
  const apiGate = (req: FakeRequest, what: string): FakeResponse | null => {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "");
    const access = m ? state.accessTokens.get(m[1]) : undefined;
    if (!access || access.expired) return upsError(401, "250002", "Invalid Authentication Information.");
    const headerErrors = [
      ...((req.headers.transid?.length ?? 0) > 32 ? ["transId longer than 32"] : []),
      ...((req.headers.transactionsrc?.length ?? 0) > 512 ? ["transactionSrc longer than 512"] : []),
      ...(req.json === undefined ? ["body is not JSON"] : []),
    ];
    return reject(what, headerErrors);
  };

  fake.route("POST", "/api/shipments/:version/transittimes", (req) => {
    const bad = apiGate(req, "time in transit") ?? reject("time in transit body", validateTransitRequest(req.json));
    if (bad) return bad;
    if (req.params.version !== "v1") return upsError(400, "FAKE-SCHEMA", `version ${req.params.version} is not v1`);
    return json(200, transitAnswer(req.json as any, { peak: state.peak }));
  });

  fake.route("POST", "/api/landedcost/:version/quotes", (req) => {
    const bad = apiGate(req, "landed cost") ?? reject("landed cost body", validateLandedCostRequest(req.json));
    if (bad) return bad;
    if (req.params.version !== "v1") return upsError(400, "FAKE-SCHEMA", `version ${req.params.version} is not v1`);
    const account = req.headers.accountnumber;
    if (account !== undefined && !state.accounts.has(account)) return upsError(400, "111580", "Missing or Invalid account number");
    state.landedCostCalls++;
    return json(200, landedCostAnswer(req.json));
  });

  fake.route("POST", "/api/rating/:version/:requestoption", (req) => {
    const { version, requestoption } = req.params;
    if (version !== "v2409") return upsError(400, "FAKE-SCHEMA", `version ${version} is not v2409`);
    if (!REQUEST_OPTIONS.includes(requestoption.toLowerCase())) return upsError(400, "FAKE-SCHEMA", `unknown requestoption ${requestoption}`);
    const bad = apiGate(req, "rating") ?? reject("rating body", validateRateRequest(req.json));
    if (bad) return bad;
    const body = req.json as any;
    const shipment = body.RateRequest.Shipment;
    const intl = shipment.ShipTo.Address.CountryCode !== (shipment.ShipFrom ?? shipment.Shipper).Address.CountryCode;
    if (requestoption.toLowerCase().endsWith("timeintransit") && intl && !shipment.InvoiceLineTotal) {
      return upsError(400, "111500", "InvoiceLineTotal is required for international time in transit");
    }
    const number = shipment.Shipper.ShipperNumber as string | undefined;
    const account = number ? state.accounts.get(number) : undefined;
    const billed = shipment.PaymentDetails?.ShipmentCharge?.[0]?.BillShipper?.AccountNumber;
    if ((number && !account) || (billed !== undefined && billed !== number)) {
      return upsError(400, "111580", "Missing or Invalid account number for Payment Details");
    }
    return json(200, rateAnswer(body, requestoption, account ?? null));
  });

  return {
    url: fake.url,
    requests: fake.requests,
    faults: fake.faults,
    state,
    rateLimitNext(retryAfterS = 2) {
      fake.faults.next(
        { kind: "status", status: 429, headers: { "retry-after": String(retryAfterS) }, body: { response: { errors: [{ code: "10429", message: "Too Many Requests" }] } } },
        { path: /^\/api\/rating\// },
      );
    },
    close: fake.close,
  };
}
