// Pure: the client-credentials token exchange (contracts.md §D1). USPS's own README sends JSON; the fake
// accepts that and form encoding, as USPS does.
import { z } from "zod";
import type { UspsSecrets } from "./settings";

export const TOKEN_PATH = "/oauth2/v3/token";
/** Refresh this long before expiry, so a token never dies between our check and USPS's. */
export const TOKEN_SKEW_MS = 120_000;

export function tokenRequest(secrets: Pick<UspsSecrets, "consumerKey" | "consumerSecret">): { path: string; init: RequestInit } {
  return {
    path: TOKEN_PATH,
    init: {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: secrets.consumerKey, client_secret: secrets.consumerSecret }),
    },
  };
}

// issued_at / expires_in come as strings in USPS's sample and as numbers elsewhere.
const intish = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

export const TokenResponseSchema = z
  .object({
    access_token: z.string().min(1),
    token_type: z.string().optional(),
    expires_in: intish,
    status: z.string().optional(),
    scope: z.string().optional(),
  })
  .passthrough();

export const OAuthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() }).passthrough();

export type ParsedToken = { ok: true; accessToken: string; expiresAt: number; scope?: string } | { ok: false; detail: string };

export function parseTokenResponse(body: unknown, nowMs: number): ParsedToken {
  const r = TokenResponseSchema.safeParse(body);
  if (!r.success) return { ok: false, detail: r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ") };
  if (r.data.status && r.data.status !== "approved") return { ok: false, detail: `token status ${r.data.status}` };
  return { ok: true, accessToken: r.data.access_token, expiresAt: nowMs + r.data.expires_in * 1000, scope: r.data.scope };
}

export function usableToken(secrets: UspsSecrets, nowMs: number): string | null {
  if (!secrets.accessToken || secrets.accessTokenExpiresAt === undefined) return null;
  return secrets.accessTokenExpiresAt - TOKEN_SKEW_MS > nowMs ? secrets.accessToken : null;
}
