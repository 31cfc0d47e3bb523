// The four karrio-style tests for the OAuth client-credentials token.
import { describe, expect, it } from "vitest";
import tokenError from "./__fixtures__/token-error.json";
import tokenFixture from "./__fixtures__/token-response.json";
import { UspsClient } from "./client.server";
import { parseTokenResponse, TOKEN_PATH, tokenRequest, usableToken } from "./oauth";
import { USPS_HOSTS } from "./settings";
import { recordingFetch, secrets } from "./test-support";

const gate = { take: async () => null, rateLimited: async () => {} };

describe("USPS OAuth", () => {
  it("maps the credentials to a client-credentials token request", () => {
    const { path, init } = tokenRequest(secrets());
    expect(path).toBe("/oauth2/v3/token");
    expect(init.method).toBe("POST");
    expect(JSON.parse(String(init.body))).toEqual({ grant_type: "client_credentials", client_id: "usps-consumer-key", client_secret: "usps-consumer-secret" });
  });

  it("calls the token endpoint on the chosen host, saves the token and never logs a secret", async () => {
    const { fetch, calls } = recordingFetch([{ status: 200, body: tokenFixture }]);
    const saved: unknown[] = [];
    const logged: unknown[] = [];
    const client = new UspsClient({ baseUrl: USPS_HOSTS.production, fetch, now: () => 1_000, secrets: secrets(), saveSecrets: async (s) => void saved.push(s), quota: gate, log: (e) => void logged.push(e) });
    const t = await client.token(new AbortController().signal);
    expect(t).toEqual({ ok: true, token: tokenFixture.access_token });
    expect(calls[0].url).toBe(`https://apis.usps.com${TOKEN_PATH}`);
    expect(saved).toEqual([{ ...secrets(), accessToken: tokenFixture.access_token, accessTokenExpiresAt: 1_000 + 28_799_000 }]);
    const text = JSON.stringify(logged);
    for (const secret of ["usps-consumer-secret", tokenFixture.access_token]) expect(text).not.toContain(secret);
  });

  it("parses a token answer whose numbers are strings, and treats it as usable until shortly before expiry", () => {
    const parsed = parseTokenResponse(tokenFixture, 0);
    expect(parsed).toMatchObject({ ok: true, expiresAt: 28_799_000, scope: "prices international-prices" });
    const s = secrets({ accessToken: "t", accessTokenExpiresAt: 28_799_000 });
    expect(usableToken(s, 28_000_000)).toBe("t");
    expect(usableToken(s, 28_700_000)).toBeNull();
  });

  it("turns invalid_client into 'reconnect' and a tokenless body into a malformed answer", async () => {
    const { fetch } = recordingFetch([{ status: 401, body: tokenError }]);
    const client = new UspsClient({ baseUrl: USPS_HOSTS.test, fetch, now: () => 0, secrets: secrets(), saveSecrets: async () => {}, quota: gate });
    const t = await client.token(new AbortController().signal);
    expect(t.ok).toBe(false);
    expect(!t.ok && t.problem.action).toBe("reconnect");
    expect(parseTokenResponse({ token_type: "Bearer" }, 0).ok).toBe(false);
    expect(parseTokenResponse({ access_token: "x", expires_in: 10, status: "revoked" }, 0).ok).toBe(false);
  });
});
