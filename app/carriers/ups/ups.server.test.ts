// The UPS connector against the loopback fake: OAuth, live rates, token renewal and every fault, as data.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RateRequestSchema, safeRate, type RateRequest } from "../carrier";
import { startUpsFake, type UpsFake } from "../../../tests/fakes/ups";
import { createClientState, exchangeAuthorizationCode } from "./client.server";
import { createUpsConnector } from "./index.server";
import { buildAuthorizeUrl, pkceChallenge, pkceVerifier } from "./oauth";
import type { UpsMessage } from "./errors";
import type { UpsSecrets, UpsSettings } from "./settings";
import input from "./__fixtures__/rate-request.input.json";

const APP = { clientId: "waypost-app", clientSecret: "waypost-app-secret" };
const request = (over: Partial<RateRequest> = {}): RateRequest => ({ ...RateRequestSchema.parse(input), ...over });
const signal = () => new AbortController().signal;

let fake: UpsFake;
beforeEach(async () => {
  fake = await startUpsFake({ clients: { [APP.clientId]: APP.clientSecret, "merchant-app": "merchant-secret" } });
});
afterEach(async () => {
  expect(fake.state.violations).toEqual([]);
  await fake.close();
});

function setup(o: { account?: string; secrets?: UpsSecrets; timeoutMs?: number; onSave?: (n: UpsSecrets) => void } = {}) {
  const settings: UpsSettings = { accountNumber: o.account ?? "A1B2C3", accountPostalCode: "30005", accountCountry: "US", mode: "test", authKind: "authorization_code" };
  const issued = fake.state.issueTokens(APP.clientId, true);
  const secrets: UpsSecrets = o.secrets ?? {
    kind: "authorization_code",
    accessToken: issued.access_token,
    accessTokenExpiresAt: Date.now() + 3_600_000,
    refreshToken: issued.refresh_token,
  };
  const saved: UpsSecrets[] = [];
  const connector = createUpsConnector({ app: () => APP, cache: createClientState(), timeoutMs: o.timeoutMs ?? 2_000 });
  const ctx = { id: "conn_1", shop: "demo.myshopify.com", mode: "test" as const, settings, secrets, saveSecrets: async (n: UpsSecrets) => {
    o.onSave?.(n);
    saved.push(n);
  } };
  const source = connector.createSource(ctx, { fetch, now: Date.now, baseUrl: fake.url }, { services: [] });
  return { source, saved, secrets, rate: (req = request(), s = signal()) => source.rate(req, { signal: s }) as Promise<{ quotes: any[]; messages: UpsMessage[]; details: any[] }> };
}

const ratingCalls = () => fake.requests.filter((r) => r.path.startsWith("/api/rating/"));
const refreshCalls = () => fake.requests.filter((r) => r.path === "/security/v1/oauth/refresh");
const codes = (messages: { code: string }[]) => messages.map((m) => m.code);

describe("UPS connector against the fake", () => {
  it("quotes live negotiated rates with transit days, delivery dates and UPS's billing weight", async () => {
    const { rate } = setup();
    const r = await rate();
    expect(r.quotes.map((q) => q.serviceCode)).toEqual(["03", "12", "02", "59", "13", "01", "14"]);
    const ground = r.details.find((d) => d.serviceCode === "03");
    expect(ground).toMatchObject({ negotiated: true, published: { amount: 1905, currency: "USD" }, billingWeight: { value: "9", unit: "LBS" } });
    expect(r.quotes[0]).toMatchObject({ price: { amount: 1524, currency: "USD" }, transitDays: { min: 3, max: 3 } });
    expect(ground.deliveryDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(ratingCalls()[0].path).toBe("/api/rating/v2409/Shoptimeintransit");
  });

  it("bills Shopify's 454 g pound as 1 lb at UPS", async () => {
    const { rate } = setup();
    const r = await rate(request({ packages: [{ grams: 454, billableGrams: 453, dimensionsMm: { l: 101.6, w: 101.6, h: 101.6 } }] }));
    expect(r.details[0].billingWeight).toEqual({ value: "1", unit: "LBS" });
  });

  it("passes safeRate's guard: valid data, quotes in the request's currency", async () => {
    const { source } = setup();
    const out = await safeRate(source, request({ services: ["03", "01"] }), { signal: signal(), timeoutMs: 3_000 });
    expect(out.outcome).toBe("ok");
    expect(out.quotes.map((q) => q.serviceCode)).toEqual(["03", "01"]);
  });

  it("returns published rates with a plain-language diagnosis for an account not qualified for negotiated rates", async () => {
    const { rate } = setup({ account: "N0NEG1" });
    const r = await rate();
    expect(r.details.every((d) => !d.negotiated)).toBe(true);
    expect(codes(r.messages)).toContain("fix_settings/negotiated_rates_not_authorised");
  });

  it("reports an account UPS does not know as a settings problem", async () => {
    const { rate } = setup({ account: "ZZZZZZ" });
    const r = await rate();
    expect(r.quotes).toEqual([]);
    expect(codes(r.messages)).toEqual(["fix_settings/invalid_account_number"]);
  });

  it("gets a client-credentials token with the shipper as x-merchant-id and reuses it until expiry", async () => {
    const { rate } = setup({ secrets: { kind: "client_credentials", clientId: "merchant-app", clientSecret: "merchant-secret" } });
    await rate();
    await rate();
    const tokenCalls = fake.requests.filter((r) => r.path === "/security/v1/oauth/token");
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0].headers["x-merchant-id"]).toBe("A1B2C3");
    expect(ratingCalls()).toHaveLength(2);
  });
});

describe("UPS tokens", () => {
  it("refreshes an expired token once for many concurrent rates, and stores the new pair before using it", async () => {
    const issued = fake.state.issueTokens(APP.clientId, true);
    const stale: UpsSecrets = { kind: "authorization_code", accessToken: issued.access_token, accessTokenExpiresAt: Date.now() - 1, refreshToken: issued.refresh_token };
    const ratingCallsAtSave: number[] = [];
    const { rate, saved } = setup({ secrets: stale, onSave: () => ratingCallsAtSave.push(ratingCalls().length) });
    const results = await Promise.all(Array.from({ length: 5 }, () => rate()));
    expect(refreshCalls()).toHaveLength(1);
    expect(saved).toHaveLength(1);
    expect(ratingCallsAtSave).toEqual([0]);
    const next = saved[0] as Extract<UpsSecrets, { kind: "authorization_code" }>;
    expect(next.refreshToken).not.toBe(issued.refresh_token);
    expect(ratingCalls().every((r) => r.headers.authorization === `Bearer ${next.accessToken}`)).toBe(true);
    expect(results.every((r) => r.quotes.length === 7)).toBe(true);
    // Rotation: the refresh token we sent is dead now.
    expect(fake.state.refreshTokens.has(issued.refresh_token)).toBe(false);
    await rate();
    expect(refreshCalls()).toHaveLength(1);
  });

  it("renews a token UPS rejects before its expiry and retries the rate once", async () => {
    const { rate, saved } = setup();
    fake.state.expireAccessTokens();
    const r = await rate();
    expect(r.quotes.length).toBeGreaterThan(0);
    expect(ratingCalls().map((c) => c.headers.authorization === ratingCalls()[0].headers.authorization)).toEqual([true, false]);
    expect(refreshCalls()).toHaveLength(1);
    expect(saved).toHaveLength(1);
  });

  it("asks the merchant to reconnect when the refresh token was revoked, without throwing", async () => {
    const { rate } = setup();
    fake.state.expireAccessTokens();
    fake.state.revokeRefreshTokens();
    const r = await rate();
    expect(r.quotes).toEqual([]);
    expect(r.messages[0]).toMatchObject({ level: "error", action: "reconnect", code: "reconnect/refresh_token_rejected" });
    // Later checkouts answer at once instead of asking UPS to refresh a dead grant again.
    expect(codes((await rate()).messages)).toEqual(["reconnect/refresh_token_rejected"]);
    expect(refreshCalls()).toHaveLength(1);
  });

  it("keeps the connection when the refresh endpoint is only rate limited or down", async () => {
    const { rate } = setup();
    fake.state.expireAccessTokens();
    const refresh = { path: "/security/v1/oauth/refresh" };
    fake.faults.next({ kind: "status", status: 429, headers: { "retry-after": "3" }, body: { response: { errors: [{ code: "10429", message: "Too Many Requests" }] } } }, refresh);
    expect(codes((await rate()).messages)).toEqual(["retry_later/rate_limited"]);
    fake.faults.next({ kind: "status", status: 502 }, refresh);
    // The breaker opened on the 429; a fresh connector state shows the 502 on its own.
    const second = setup();
    fake.state.expireAccessTokens();
    expect(codes((await second.rate()).messages)).toEqual(["retry_later/server_error"]);
  });

  it("reports client credentials UPS refuses as a settings problem", async () => {
    const { rate } = setup({ secrets: { kind: "client_credentials", clientId: "merchant-app", clientSecret: "wrong" } });
    const r = await rate();
    expect(r.messages[0]).toMatchObject({ action: "fix_settings", code: "fix_settings/client_id_invalid", upsCode: "10401" });
  });

  it("never puts a secret or token in a message", async () => {
    const { rate, secrets } = setup();
    fake.state.expireAccessTokens();
    fake.state.revokeRefreshTokens();
    const text = JSON.stringify(await rate());
    const s = secrets as Extract<UpsSecrets, { kind: "authorization_code" }>;
    for (const secret of [APP.clientSecret, s.accessToken, s.refreshToken]) expect(text).not.toContain(secret);
  });
});

describe("UPS faults are messages", () => {
  it("429 with Retry-After asks to retry later after that long", async () => {
    const { rate } = setup();
    fake.rateLimitNext(7);
    const r = await rate();
    expect(r.messages[0]).toMatchObject({ code: "retry_later/rate_limited", upsCode: "10429", retryAfterMs: 7000 });
  });

  it("a 429 opens the connection's breaker: the next checkout does not wait on UPS", async () => {
    const { rate } = setup();
    fake.rateLimitNext(30);
    await rate();
    const r = await rate();
    expect(codes(r.messages)).toEqual(["retry_later/circuit_open"]);
    expect(ratingCalls()).toHaveLength(1);
  });

  it("5xx, malformed JSON and a dropped connection each become a retry-later message", async () => {
    const { rate } = setup();
    const rating = { path: /^\/api\/rating\// };
    fake.faults.next({ kind: "status", status: 503, body: "<html>down</html>" }, rating);
    fake.faults.next({ kind: "bad_json" }, rating);
    fake.faults.next({ kind: "reset" }, rating);
    expect(codes((await rate()).messages)).toEqual(["retry_later/server_error"]);
    expect(codes((await rate()).messages)).toEqual(["retry_later/malformed_response"]);
    expect(codes((await rate()).messages)).toEqual(["retry_later/network"]);
  });

  it("times out a slow UPS on its own clock", async () => {
    const { rate } = setup({ timeoutMs: 200 });
    fake.faults.next({ kind: "slow", ms: 2_000 }, { path: /^\/api\/rating\// });
    const started = Date.now();
    const r = await rate();
    expect(codes(r.messages)).toEqual(["retry_later/timeout"]);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("stops as soon as the caller aborts", async () => {
    const { rate } = setup();
    fake.faults.next({ kind: "hang" }, { path: /^\/api\/rating\// });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const r = await rate(request(), controller.signal);
    expect(codes(r.messages)).toEqual(["retry_later/aborted"]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("stops as soon as the caller aborts even while a token refresh hangs", async () => {
    const { rate } = setup({ timeoutMs: 1_000 });
    fake.state.expireAccessTokens();
    fake.faults.next({ kind: "hang" }, { path: "/security/v1/oauth/refresh" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    expect(codes((await rate(request(), controller.signal)).messages)).toEqual(["retry_later/aborted"]);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("a source without a connection says to connect UPS", async () => {
    const source = createUpsConnector({ app: () => APP }).createSource(null, { fetch, now: Date.now, baseUrl: fake.url }, { services: [] });
    expect(codes((await source.rate(request(), { signal: signal() })).messages)).toEqual(["reconnect/not_connected"]);
  });
});

describe("UPS connect flow against the fake", () => {
  const redirectUri = "https://waypost.test/app/carriers/ups/callback";

  async function signIn(decision: "allow" | "deny", codeChallenge?: string) {
    const authorize = buildAuthorizeUrl({ baseUrl: fake.url, clientId: APP.clientId, redirectUri, state: "st-1", codeChallenge });
    const first = await fetch(authorize, { redirect: "manual" });
    expect(first.status).toBe(302);
    const login = new URL(first.headers.get("location")!);
    expect(login.searchParams.get("type")).toBe("ups_com_api");
    expect(await (await fetch(login)).text()).toContain("Sign in to UPS");
    const form = new URLSearchParams([...login.searchParams, ["decision", decision]]);
    const back = await fetch(new URL("/fake-ups/login", fake.url), { method: "POST", body: form, redirect: "manual" });
    return new URL(back.headers.get("location")!);
  }

  it("exchanges the code with PKCE and rates with the new tokens", async () => {
    const verifier = pkceVerifier(crypto.getRandomValues(new Uint8Array(32)));
    const back = await signIn("allow", pkceChallenge(verifier));
    expect(back.searchParams.get("state")).toBe("st-1");
    const http = { baseUrl: fake.url, fetch, now: Date.now };
    const got = await exchangeAuthorizationCode(http, { code: back.searchParams.get("code")!, redirectUri, clientId: APP.clientId, codeVerifier: verifier });
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(fake.requests.find((r) => r.path === "/security/v1/oauth/token")?.headers.authorization).toBeUndefined();
    const { rate } = setup({ secrets: got.value });
    expect((await rate()).quotes.length).toBeGreaterThan(0);
    // The code is single-use.
    const again = await exchangeAuthorizationCode(http, { code: back.searchParams.get("code")!, redirectUri, clientId: APP.clientId, codeVerifier: verifier });
    expect(again.ok).toBe(false);
  });

  it("refuses a wrong code verifier and reports a denied consent", async () => {
    const back = await signIn("allow", pkceChallenge(pkceVerifier(new Uint8Array(32).fill(1))));
    const bad = await exchangeAuthorizationCode({ baseUrl: fake.url, fetch, now: Date.now }, { code: back.searchParams.get("code")!, redirectUri, clientId: APP.clientId, codeVerifier: pkceVerifier(new Uint8Array(32).fill(2)) });
    expect(bad.ok).toBe(false);
    const denied = await signIn("deny");
    expect(denied.searchParams.get("error")).toBe("access_denied");
    expect(denied.searchParams.get("code")).toBeNull();
  });
});
