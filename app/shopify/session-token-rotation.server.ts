// Session tokens during a secret rotation. The library verifies App Bridge session tokens with the current secret
// only, while webhooks and rate callbacks accept the old one until SHOPIFY_API_SECRET_OLD_EXPIRES_AT. To make all
// three behave the same, a token that fails the current secret but verifies with a still-valid old secret is
// re-signed with the current secret before the library sees it. Every claim (exp, nbf, aud, dest) is left to
// the library to check, so nothing but the signing key changes; a token no secret verifies is passed through
// untouched and refused by the library as before.
import crypto from "node:crypto";
import { shopifySecrets } from "./secrets.server";

const TOKEN_PARAM = "id_token";

function signature(headerAndPayload: string, secret: string): Buffer {
  return crypto.createHmac("sha256", secret).update(headerAndPayload).digest();
}

function verifies(token: string, secret: string): boolean {
  const parts = token.split(".");
  if (parts.length !== 3) return false;
  const given = Buffer.from(parts[2], "base64url");
  const expected = signature(`${parts[0]}.${parts[1]}`, secret);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** The token re-signed with the current secret when only a still-valid old secret verifies it; else null. */
function resignOldSessionToken(token: string, now = new Date()): string | null {
  const [current, ...old] = shopifySecrets(now);
  if (old.length === 0 || token.length > 8192 || verifies(token, current)) return null;
  if (!old.some((secret) => verifies(token, secret))) return null;
  const [header, payload] = token.split(".");
  try {
    if ((JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: string }).alg !== "HS256") return null;
  } catch {
    return null;
  }
  return `${header}.${payload}.${signature(`${header}.${payload}`, current).toString("base64url")}`;
}

/** The request with its session token (Authorization: Bearer or ?id_token=) re-signed if needed. */
export async function withRotatedSessionToken(request: Request): Promise<Request> {
  const url = new URL(request.url);
  const bearer = request.headers.get("authorization")?.replace(/^Bearer /, "");
  const param = url.searchParams.get(TOKEN_PARAM);
  const fromBearer = bearer ? resignOldSessionToken(bearer) : null;
  const fromParam = param ? resignOldSessionToken(param) : null;
  if (!fromBearer && !fromParam) return request;
  const headers = new Headers(request.headers);
  if (fromBearer) headers.set("authorization", `Bearer ${fromBearer}`);
  if (fromParam) url.searchParams.set(TOKEN_PARAM, fromParam);
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
  return new Request(url, { method: request.method, headers, body, signal: request.signal });
}
