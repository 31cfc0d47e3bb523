// karrio's four tests for OAuth: request mapping, endpoint and auth, parse success, parse error.
import { describe, expect, it } from "vitest";
import { loadOpenApi, openApiValidator } from "../../../tests/fakes/openapi";
import { httpFailureMessages } from "./errors";
import { buildAuthorizeUrl, buildClientCredentialsCall, buildCodeExchangeCall, buildRefreshCall, parseTokenResponse, pkceChallenge, pkceVerifier } from "./oauth";
import tokenResponse from "./__fixtures__/oauth-token-response.json";
import ccResponse from "./__fixtures__/oauth-client-credentials-response.json";
import clientIdError from "./__fixtures__/oauth-error-client-id.json";
import refreshRejected from "./__fixtures__/oauth-error-refresh-rejected.json";

const authCode = loadOpenApi("app/carriers/ups/vendor/OAuthAuthCode.yaml");
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));
const basicOf = (h: Record<string, string>) => Buffer.from(h.authorization.replace(/^Basic /, ""), "base64").toString();

describe("UPS OAuth requests", () => {
  it("builds the authorize URL with state and a PKCE S256 challenge", () => {
    const url = new URL(buildAuthorizeUrl({ baseUrl: "https://wwwcie.ups.com", clientId: "app", redirectUri: "https://waypost.test/ups/callback", state: "s1", codeChallenge: "c1" }));
    expect(url.origin + url.pathname).toBe("https://wwwcie.ups.com/security/v1/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: "app", redirect_uri: "https://waypost.test/ups/callback", response_type: "code", state: "s1", code_challenge: "c1" });
  });

  it("derives the challenge as BASE64URL(SHA256(verifier)) without padding, as Web Crypto computes it", async () => {
    const verifier = pkceVerifier(new Uint8Array(32).map((_, i) => i * 7));
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
    const expected = btoa(String.fromCharCode(...digest)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    expect(pkceChallenge(verifier)).toBe(expected);
    expect(pkceVerifier(new Uint8Array(32))).toHaveLength(43);
  });

  it("maps the code exchange to the spec's form body, with and without PKCE", () => {
    const validate = openApiValidator(authCode, { path: "/v1/oauth/token", method: "post", contentType: "application/x-www-form-urlencoded" }, { closed: true });
    const pkce = buildCodeExchangeCall({ code: "c", redirectUri: "https://w/cb", clientId: "app", codeVerifier: "v" });
    expect(form(pkce.body)).toEqual({ grant_type: "authorization_code", code: "c", redirect_uri: "https://w/cb", client_id: "app", code_verifier: "v" });
    expect(validate(form(pkce.body))).toEqual([]);
    const plain = buildCodeExchangeCall({ code: "c", redirectUri: "https://w/cb", clientId: "app", clientSecret: "sec" });
    expect(form(plain.body)).toEqual({ grant_type: "authorization_code", code: "c", redirect_uri: "https://w/cb" });
  });

  it("maps refresh and client credentials to their grant types", () => {
    expect(form(buildRefreshCall({ clientId: "a", clientSecret: "s", refreshToken: "r" }).body)).toEqual({ grant_type: "refresh_token", refresh_token: "r" });
    expect(form(buildClientCredentialsCall({ clientId: "a", clientSecret: "s" }).body)).toEqual({ grant_type: "client_credentials" });
  });
});

describe("UPS OAuth endpoints and auth", () => {
  it("uses Basic client auth for refresh and client credentials, with the shipper as x-merchant-id", () => {
    const refresh = buildRefreshCall({ clientId: "a", clientSecret: "s:1", refreshToken: "r" });
    expect(refresh.path).toBe("/security/v1/oauth/refresh");
    expect(basicOf(refresh.headers)).toBe("a:s:1");
    const cc = buildClientCredentialsCall({ clientId: "a", clientSecret: "s", merchantId: "A1B2C3" });
    expect(cc.path).toBe("/security/v1/oauth/token");
    expect(cc.headers["x-merchant-id"]).toBe("A1B2C3");
    expect(cc.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  });

  it("sends no Authorization header in the PKCE exchange, and Basic otherwise", () => {
    expect(buildCodeExchangeCall({ code: "c", redirectUri: "r", clientId: "a", codeVerifier: "v" }).headers.authorization).toBeUndefined();
    expect(basicOf(buildCodeExchangeCall({ code: "c", redirectUri: "r", clientId: "a", clientSecret: "s" }).headers)).toBe("a:s");
  });
});

describe("UPS OAuth responses", () => {
  it("fixtures are valid UPS token responses", () => {
    expect(openApiValidator(authCode, "generateTokenSuccessResponse", { closed: true })(tokenResponse)).toEqual([]);
    expect(openApiValidator(authCode, "tokenErrorResponse", { closed: true })(refreshRejected)).toEqual([]);
  });

  it("reads string seconds and counts expiry from our clock at receipt", () => {
    const parsed = parseTokenResponse(tokenResponse, 1_000_000);
    expect(parsed).toEqual({
      ok: true,
      token: { accessToken: tokenResponse.access_token, accessTokenExpiresAt: 1_000_000 + 14_399_000, refreshToken: "fake-refresh-token-1", refreshTokenExpiresAt: 1_000_000 + 5_183_999_000 },
    });
    expect(parseTokenResponse(ccResponse, 0)).toMatchObject({ ok: true, token: { accessTokenExpiresAt: 14_399_000 } });
  });
});

describe("UPS OAuth errors", () => {
  it("a refused refresh asks the merchant to reconnect", () => {
    const [m] = httpFailureMessages({ phase: "refresh", status: 401, bodyText: JSON.stringify(refreshRejected), now: 0 });
    expect(m).toMatchObject({ level: "error", code: "reconnect/refresh_token_rejected", action: "reconnect", upsCode: "250002" });
  });

  it("an invalid client id is a settings problem, not a reconnect", () => {
    const [m] = httpFailureMessages({ phase: "token", status: 401, bodyText: JSON.stringify(clientIdError), now: 0 });
    expect(m).toMatchObject({ code: "fix_settings/client_id_invalid", action: "fix_settings" });
  });

  it("a token answer without an access token is malformed, and names no values", () => {
    const parsed = parseTokenResponse({ token_type: "Bearer", refresh_token: "secret-value" }, 0);
    expect(parsed).toEqual({ ok: false, reason: "access_token, expires_in invalid" });
  });
});
