// UPS OAuth: pure builders for the authorize URL and the three token calls, and the token-response parser.
// Contracts: OAuthAuthCode.yaml and OAuthClientCredentials.yaml (both under /security/v1/oauth/…).
import { createHash } from "node:crypto";
import { z } from "zod";

export const OAUTH_PATHS = {
  authorize: "/security/v1/oauth/authorize",
  token: "/security/v1/oauth/token",
  refresh: "/security/v1/oauth/refresh",
} as const;

export interface TokenCall {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const basic = (clientId: string, clientSecret: string) =>
  `Basic ${Buffer.from(`${clientId}:${clientSecret}`, "utf8").toString("base64")}`;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = "application/x-www-form-urlencoded";

/** PKCE S256 (RFC 7636): the only method the spec describes; it has no code_challenge_method parameter. */
export function pkceChallenge(codeVerifier: string): string {
  return createHash("sha256").update(codeVerifier, "ascii").digest("base64url");
}

/** 32 random bytes → a 43-character verifier, within RFC 7636's 43–128 characters. */
export function pkceVerifier(randomBytes: Uint8Array): string {
  if (randomBytes.length < 32) throw new RangeError("a PKCE verifier needs at least 32 random bytes");
  return Buffer.from(randomBytes).toString("base64url");
}

export function buildAuthorizeUrl(a: { baseUrl: string; clientId: string; redirectUri: string; state: string; codeChallenge?: string; scope?: string }): string {
  const url = new URL(OAUTH_PATHS.authorize, a.baseUrl);
  url.searchParams.set("client_id", a.clientId);
  url.searchParams.set("redirect_uri", a.redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("state", a.state);
  if (a.scope) url.searchParams.set("scope", a.scope);
  if (a.codeChallenge) url.searchParams.set("code_challenge", a.codeChallenge);
  return url.toString();
}

/** Client credentials; x-merchant-id names the shipper account the token acts for. */
export function buildClientCredentialsCall(a: { clientId: string; clientSecret: string; merchantId?: string }): TokenCall {
  return {
    path: OAUTH_PATHS.token,
    headers: { authorization: basic(a.clientId, a.clientSecret), "content-type": FORM, ...(a.merchantId ? { "x-merchant-id": a.merchantId } : {}) },
    body: form({ grant_type: "client_credentials" }),
  };
}

/**
 * Code exchange. With PKCE the spec says to send client_id and code_verifier and no Basic header; without it,
 * Basic client_id:client_secret.
 */
export function buildCodeExchangeCall(
  a: { code: string; redirectUri: string } & ({ clientId: string; codeVerifier: string } | { clientId: string; clientSecret: string }),
): TokenCall {
  const fields = { grant_type: "authorization_code", code: a.code, redirect_uri: a.redirectUri };
  if ("codeVerifier" in a) {
    return { path: OAUTH_PATHS.token, headers: { "content-type": FORM }, body: form({ ...fields, client_id: a.clientId, code_verifier: a.codeVerifier }) };
  }
  return { path: OAUTH_PATHS.token, headers: { authorization: basic(a.clientId, a.clientSecret), "content-type": FORM }, body: form(fields) };
}

/** Refresh always uses Basic auth; UPS returns a new pair and voids the refresh token sent. */
export function buildRefreshCall(a: { clientId: string; clientSecret: string; refreshToken: string }): TokenCall {
  return {
    path: OAUTH_PATHS.refresh,
    headers: { authorization: basic(a.clientId, a.clientSecret), "content-type": FORM },
    body: form({ grant_type: "refresh_token", refresh_token: a.refreshToken }),
  };
}

const seconds = z.coerce.number().int().nonnegative();
export const UpsTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: seconds,
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: seconds.optional(),
  status: z.string().optional(),
});

export interface UpsToken {
  accessToken: string;
  accessTokenExpiresAt: number;
  refreshToken?: string;
  refreshTokenExpiresAt?: number;
}

/**
 * Expiry is counted from our clock at receipt, not UPS's issued_at, so a skewed server clock cannot make a
 * token look fresh when it is not.
 */
export function parseTokenResponse(json: unknown, receivedAt: number): { ok: true; token: UpsToken } | { ok: false; reason: string } {
  const parsed = UpsTokenResponseSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => i.path.join(".") || "(root)").join(", ") + " invalid" };
  const t = parsed.data;
  return {
    ok: true,
    token: {
      accessToken: t.access_token,
      accessTokenExpiresAt: receivedAt + t.expires_in * 1000,
      ...(t.refresh_token ? { refreshToken: t.refresh_token } : {}),
      ...(t.refresh_token_expires_in !== undefined ? { refreshTokenExpiresAt: receivedAt + t.refresh_token_expires_in * 1000 } : {}),
    },
  };
}
