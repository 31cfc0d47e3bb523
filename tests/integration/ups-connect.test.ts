// Connecting UPS end to end against the loopback UPS: the sign-in round trip (sealed state + PKCE), denied consent,
// state tampering and expiry, the code exchange, the first-call diagnosis, disconnect, and token renewal across
// two instances (one refresh, by compare-and-swap on the row) and a revoked sign-in (needs reconnecting).
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { startUpsFake, type UpsFake } from "../fakes/ups";
import { RateRequestSchema, type RateRequest } from "~/carriers/carrier";
import { createClientState } from "~/carriers/ups/client.server";
import { createUpsConnector } from "~/carriers/ups/index.server";
import { createCarrierRegistry } from "~/carriers/registry.server";
import { currentKeyring } from "~/lib/secrets.server";
import { activeCarrierConnections, getCarrierConnection, readCarrierSecrets } from "~/services/carrier-connections.server";
import {
  completeCarrierAuthorization,
  connectCarrier,
  disconnectCarrier,
  shopifyAdminUrl,
  type CarrierConnectDeps,
} from "~/services/carrier-connect.server";
import { connectionsNeedingReconnect } from "~/services/carriers-page.server";
import { sayIn } from "../helpers/said";

const db = useTestDatabase();
const SHOP = "ups-connect.myshopify.com";
const APP = { clientId: "waypost-app", clientSecret: "waypost-app-secret" };
let fake: UpsFake;
let shop: { id: string; domain: string };
let clock = Date.now();

const deps = (over: Partial<CarrierConnectDeps> = {}): CarrierConnectDeps => ({
  db: db.prisma,
  fetch,
  now: () => clock,
  keyring: currentKeyring(),
  carriers: createCarrierRegistry([createUpsConnector()]),
  appUrl: "https://waypost.test",
  appCredentials: { ups: APP },
  baseUrls: { ups: fake.url },
  adminUrl: shopifyAdminUrl("api-key"),
  ...over,
});

/** The authorize URL the page sends the merchant to (the UPS sign-in method of the generic connect service). */
async function startUpsAuthorization(d: CarrierConnectDeps, draft: Record<string, string>): Promise<{ ok: true; url: string } | { ok: false; message: string }> {
  const started = await connectCarrier(d, shop, "ups", "authorization_code", draft);
  return started.ok && started.authorizeUrl ? { ok: true, url: started.authorizeUrl } : { ok: false, message: started.message };
}
const completeUpsAuthorization = (d: CarrierConnectDeps, params: URLSearchParams) => completeCarrierAuthorization(d, "ups", params);
const draft = (accountNumber = "A1B2C3") => ({ accountNumber, accountPostalCode: "30005", accountCountry: "US", mode: "test" });

/** Follows the authorize URL to the fake's sign-in page and clicks Allow or Deny; returns the callback's query. */
async function signIn(authorizeUrl: string, decision: "allow" | "deny"): Promise<URLSearchParams> {
  const toLogin = await fetch(authorizeUrl, { redirect: "manual" });
  expect(toLogin.status).toBe(302);
  const login = new URL(toLogin.headers.get("location")!);
  const form = new URLSearchParams([...login.searchParams, ["decision", decision]]);
  const back = await fetch(new URL("/fake-ups/login", fake.url), { method: "POST", body: form, redirect: "manual" });
  const callback = new URL(back.headers.get("location")!);
  expect(callback.pathname).toBe("/carriers/ups/callback");
  return callback.searchParams;
}

async function connect(accountNumber = "A1B2C3") {
  const started = await startUpsAuthorization(deps(), draft(accountNumber));
  if (!started.ok) throw new Error(started.message);
  return completeUpsAuthorization(deps(), await signIn(started.url, "allow"));
}

const rateRequest = (): RateRequest =>
  RateRequestSchema.parse({
    shop: SHOP,
    origin: { country: "US", postalCode: "30005" },
    destination: { country: "US", postalCode: "10001", province: "NY" },
    packages: [{ grams: 454, billableGrams: 454, dimensionsMm: { l: 254, w: 203.2, h: 101.6 } }],
    services: ["03"],
    currency: "USD",
    subtotal: { amount: 5000, currency: "USD" },
  });

/** One Waypost instance: its own connector (own token cache and breaker), reading the shared database. */
async function instance() {
  const connector = createUpsConnector({ cache: createClientState(), timeoutMs: 5_000 });
  const active = await activeCarrierConnections(db.prisma, shop, createCarrierRegistry([connector]));
  const ctx = active.get("ups") as Parameters<typeof connector.createSource>[0];
  if (!ctx) throw new Error("no active UPS connection");
  return connector.createSource(ctx, { fetch, now: Date.now, baseUrl: fake.url, appCredentials: APP }, { services: [] });
}

beforeAll(() => {
  clock = Date.now();
});
beforeEach(async () => {
  await db.reset();
  fake = await startUpsFake({ clients: { [APP.clientId]: APP.clientSecret, "merchant-app": "merchant-secret" } });
  const row = await db.prisma.shop.create({ data: { domain: SHOP } });
  shop = { id: row.id, domain: SHOP };
  clock = Date.now();
});
afterEach(async () => {
  expect(fake.state.violations).toEqual([]);
  await fake.close();
});

describe("connecting UPS with the UPS sign-in", () => {
  it("sends the merchant to UPS with a sealed state and a PKCE challenge, and back to the admin connected", async () => {
    const started = await startUpsAuthorization(deps(), draft());
    if (!started.ok) throw new Error(started.message);
    const url = new URL(started.url);
    expect(url.origin + url.pathname).toBe(`${fake.url}/security/v1/oauth/authorize`);
    expect(url.searchParams.get("redirect_uri")).toBe("https://waypost.test/carriers/ups/callback");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("state")).not.toContain(SHOP);

    const outcome = await completeUpsAuthorization(deps(), await signIn(started.url, "allow"));
    expect(outcome).toMatchObject({ kind: "connected", shop: SHOP, status: "connected" });
    const id = (outcome as { connectionId: string }).connectionId;
    const view = await getCarrierConnection(db.prisma, { shopId: shop.id, id });
    expect(view).toMatchObject({ accountNumber: "A1B2C3", mode: "test", status: "connected", hasCredentials: true, diagnosis: { outcome: "negotiated" } });
    const secrets = (await readCarrierSecrets(db.prisma, { shopId: shop.id, id })) as { kind: string; refreshToken: string };
    expect(secrets.kind).toBe("authorization_code");
    expect(fake.state.refreshTokens.has(secrets.refreshToken)).toBe(true);
    // The code went with the verifier, not a Basic header (PKCE), and the first rating call used the new token.
    const exchange = fake.requests.find((r) => r.path === "/security/v1/oauth/token")!;
    expect(exchange.headers.authorization).toBeUndefined();
    expect(fake.requests.some((r) => r.path.startsWith("/api/rating/"))).toBe(true);
  });

  it("offers no sign-in without Waypost's UPS app, and answers a bad form with errors beside its fields", async () => {
    const noApp = await connectCarrier(deps({ appCredentials: {} }), shop, "ups", "authorization_code", draft());
    expect(noApp).toMatchObject({ ok: false, httpStatus: 422, message: expect.stringMatching(/UPS_CLIENT_ID and UPS_CLIENT_SECRET/) });
    expect((await sayIn("de"))(noApp.said)).toBe("Die UPS-App von Waypost ist auf diesem Server nicht eingerichtet (UPS_CLIENT_ID und UPS_CLIENT_SECRET). Nutze eine andere Verbindungsart.");
    const bad = await connectCarrier(deps(), shop, "ups", "client_credentials", { ...draft("12"), accountCountry: "USA", clientId: "" });
    expect(bad).toMatchObject({ ok: false, httpStatus: 422 });
    expect((bad as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual(["accountCountry", "accountNumber", "clientId", "clientSecret"]);
    // Every message is a key of errors.json, which the page says in the merchant's language.
    expect((bad as { errors: { message: string }[] }).errors.every((e) => /^[a-z_]+$/.test(e.message))).toBe(true);
    expect(await connectCarrier(deps(), shop, "ups", "no-such-method", draft())).toMatchObject({ ok: false, errors: [{ path: "method", message: "connect_method", params: { carrier: "UPS" } }] });
    expect(await db.prisma.carrierConnection.count()).toBe(0);
    expect(fake.requests).toEqual([]);
  });

  it("connects nothing when the merchant denies consent at UPS", async () => {
    const started = await startUpsAuthorization(deps(), draft());
    if (!started.ok) throw new Error(started.message);
    const outcome = await completeUpsAuthorization(deps(), await signIn(started.url, "deny"));
    expect(outcome).toEqual({ kind: "denied", shop: SHOP });
    expect(await db.prisma.carrierConnection.count()).toBe(0);
  });

  it("refuses a state that was tampered with, or that belongs to no flow of ours", async () => {
    const started = await startUpsAuthorization(deps(), draft());
    if (!started.ok) throw new Error(started.message);
    const params = await signIn(started.url, "allow");
    const state = params.get("state")!;
    const flipped = new URLSearchParams(params);
    flipped.set("state", state.slice(0, 10) + (state[10] === "A" ? "B" : "A") + state.slice(11));
    expect(await completeUpsAuthorization(deps(), flipped)).toEqual({ kind: "invalid_state", reason: "tampered" });
    const missing = new URLSearchParams(params);
    missing.delete("state");
    expect(await completeUpsAuthorization(deps(), missing)).toEqual({ kind: "invalid_state", reason: "malformed" });
    expect(await db.prisma.carrierConnection.count()).toBe(0);
  });

  it("refuses an expired state even with a valid code", async () => {
    const started = await startUpsAuthorization(deps(), draft());
    if (!started.ok) throw new Error(started.message);
    const params = await signIn(started.url, "allow");
    clock += 11 * 60_000;
    expect(await completeUpsAuthorization(deps(), params)).toEqual({ kind: "invalid_state", reason: "expired" });
    expect(await db.prisma.carrierConnection.count()).toBe(0);
  });

  it("reports a code UPS no longer accepts (used twice) as a failed sign-in", async () => {
    const started = await startUpsAuthorization(deps(), draft());
    if (!started.ok) throw new Error(started.message);
    const params = await signIn(started.url, "allow");
    expect((await completeUpsAuthorization(deps(), params)).kind).toBe("connected");
    expect(await completeUpsAuthorization(deps(), params)).toMatchObject({ kind: "exchange_failed", shop: SHOP });
  });

  it("explains an account that is not qualified for negotiated rates (UPS 120900), Campus Ship included", async () => {
    const outcome = await connect("N0NEG1");
    expect(outcome).toMatchObject({ kind: "connected", status: "connected" });
    const view = await getCarrierConnection(db.prisma, { shopId: shop.id, id: (outcome as { connectionId: string }).connectionId });
    const diagnosis = view!.diagnosis as { outcome: string; messages: { code: string; message: string }[] };
    expect(diagnosis.outcome).toBe("published_only");
    expect(diagnosis.messages.map((m) => m.code)).toContain("fix_settings/negotiated_rates_not_authorised");
    expect(diagnosis.messages.map((m) => m.message).join(" ")).toMatch(/account executive.*Campus Ship/s);
  });

  it("leaves an account UPS refuses for payment (UPS 111580) unverified, with its diagnosis", async () => {
    const outcome = await connect("ZZZ999");
    expect(outcome).toMatchObject({ kind: "connected", status: "pending" });
    const view = await getCarrierConnection(db.prisma, { shopId: shop.id, id: (outcome as { connectionId: string }).connectionId });
    expect(view!.diagnosis).toMatchObject({ outcome: "failed", messages: [{ code: "fix_settings/invalid_account_number" }] });
    expect(view!.lastError).toMatch(/111580/);
    // Not connected, so rating leaves UPS out (its services answer fallbacks).
    expect((await activeCarrierConnections(db.prisma, shop, createCarrierRegistry([createUpsConnector()]))).size).toBe(0);
  });

  it("connects with the merchant's own UPS app (client credentials) and disconnect deletes the tokens", async () => {
    const result = await connectCarrier(deps(), shop, "ups", "client_credentials", { ...draft(), clientId: "merchant-app", clientSecret: "merchant-secret" });
    expect(result).toMatchObject({ ok: true, status: "connected", message: "UPS is connected" });
    expect((await sayIn("pt-BR"))(result.said)).toBe("A UPS está conectada");
    const cc = fake.requests.find((r) => r.path === "/security/v1/oauth/token")!;
    expect(cc.headers["x-merchant-id"]).toBe("A1B2C3");
    const connectionId = result.connectionId!;
    expect(await disconnectCarrier(deps(), { id: "some-other-shop-id" }, "ups", connectionId)).toMatchObject({ ok: false, httpStatus: 404 });
    expect(await disconnectCarrier(deps(), shop, "usps", connectionId)).toMatchObject({ ok: false, httpStatus: 404 });
    const gone = await disconnectCarrier(deps(), shop, "ups", connectionId);
    expect(gone).toMatchObject({ ok: true, message: "UPS disconnected; its credentials were deleted." });
    expect((await sayIn("zh-CN"))(gone.said)).toBe("UPS 已断开连接；其凭据已删除。");
    expect(await db.prisma.carrierConnection.count()).toBe(0);
  });
});

describe("UPS tokens across instances", () => {
  it("renews an expired sign-in once for two instances rating at the same time; both use the new token", async () => {
    await connect();
    const [a, b] = [await instance(), await instance()];
    fake.state.expireAccessTokens();
    const before = fake.requests.length;
    const [ra, rb] = await Promise.all([a.rate(rateRequest(), { signal: AbortSignal.timeout(10_000) }), b.rate(rateRequest(), { signal: AbortSignal.timeout(10_000) })]);
    expect(ra.quotes.map((q) => q.serviceCode)).toEqual(["03"]);
    expect(rb.quotes.map((q) => q.serviceCode)).toEqual(["03"]);
    expect(fake.requests.slice(before).filter((r) => r.path === "/security/v1/oauth/refresh")).toHaveLength(1);
    const stored = (await readCarrierSecrets(db.prisma, { shopId: shop.id, id: (await db.prisma.carrierConnection.findFirstOrThrow()).id })) as { refreshToken: string; refreshLeaseUntil?: number };
    expect(fake.state.refreshTokens.has(stored.refreshToken)).toBe(true);
    expect(stored.refreshLeaseUntil).toBeUndefined();
  });

  it("marks the connection as needing reconnection when UPS revoked the sign-in, and the home page says so", async () => {
    await connect();
    const source = await instance();
    fake.state.expireAccessTokens();
    fake.state.revokeRefreshTokens();
    const result = await source.rate(rateRequest(), { signal: AbortSignal.timeout(10_000) });
    expect(result.quotes).toEqual([]);
    expect(result.messages.map((m) => m.code)).toContain("reconnect/refresh_token_rejected");
    await expect.poll(async () => (await db.prisma.carrierConnection.findFirstOrThrow()).status).toBe("needs_reconnect");
    expect(await connectionsNeedingReconnect(SHOP, db.prisma)).toEqual([{ carrierId: "ups", displayName: "UPS", accountNumber: "A1B2C3", href: "/app/carriers/ups" }]);
  });
});
