import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyringFromEnv } from "./crypto.server";
import { createOAuthState, OAUTH_STATE_TTL_MS, readOAuthState } from "./oauth-state.server";

const keyring = keyringFromEnv({ WAYPOST_ENCRYPTION_KEY: randomBytes(32).toString("base64") });
const otherKeyring = keyringFromEnv({ WAYPOST_ENCRYPTION_KEY: randomBytes(32).toString("base64") });
const verifier = "v".repeat(64);
const input = { shop: "a.myshopify.com", carrierId: "ups", verifier, draft: { accountNumber: "A1B2C3", country: "US" } };
const at = (now: number) => ({ keyring, now: () => now });

describe("carrier OAuth state", () => {
  it("round-trips the shop, the carrier, the draft and the PKCE verifier", () => {
    const state = createOAuthState(input, at(1_000));
    const read = readOAuthState(state, { carrierId: "ups" }, at(2_000));
    expect(read).toMatchObject({ ok: true, payload: { shop: "a.myshopify.com", verifier, draft: { accountNumber: "A1B2C3" } } });
  });

  it("does not show the verifier or the shop in the URL-visible state", () => {
    const state = createOAuthState(input, at(1_000));
    expect(state).not.toContain("a.myshopify.com");
    expect(Buffer.from(state, "base64url").toString()).not.toContain(verifier);
  });

  it("refuses a state after its lifetime", () => {
    const state = createOAuthState(input, at(1_000));
    expect(readOAuthState(state, { carrierId: "ups" }, at(1_000 + OAUTH_STATE_TTL_MS))).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a state sealed with another key or altered by one character", () => {
    const forged = createOAuthState(input, { keyring: otherKeyring, now: () => 1_000 });
    expect(readOAuthState(forged, { carrierId: "ups" }, at(1_000))).toEqual({ ok: false, reason: "tampered" });
    const state = createOAuthState(input, at(1_000));
    const flipped = state.slice(0, 40) + (state[40] === "A" ? "B" : "A") + state.slice(41);
    expect(readOAuthState(flipped, { carrierId: "ups" }, at(1_000)).ok).toBe(false);
  });

  it("refuses a state made for another carrier, and empty or oversized input", () => {
    const state = createOAuthState(input, at(1_000));
    expect(readOAuthState(state, { carrierId: "usps" }, at(1_000))).toEqual({ ok: false, reason: "wrong_carrier" });
    expect(readOAuthState("", { carrierId: "ups" }, at(1_000))).toEqual({ ok: false, reason: "malformed" });
    expect(readOAuthState("x".repeat(5_000), { carrierId: "ups" }, at(1_000))).toEqual({ ok: false, reason: "malformed" });
    expect(readOAuthState("not base64!", { carrierId: "ups" }, at(1_000))).toEqual({ ok: false, reason: "malformed" });
  });
});
