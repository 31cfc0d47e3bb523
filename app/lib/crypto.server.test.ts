import { describe, expect, it } from "vitest";
import {
  keyIdFor,
  keyringFromEnv,
  needsRotation,
  openSecret,
  redact,
  rotateSecret,
  sealSecret,
  SecretDecryptError,
} from "./crypto.server";

const k1 = Buffer.alloc(32, 1);
const k2 = Buffer.alloc(32, 2);
const env1 = { WAYPOST_ENCRYPTION_KEY: k1.toString("base64") };

function flip(sealed: string, part: number): string {
  const parts = sealed.split(":");
  const buf = Buffer.from(parts[part], "base64");
  buf[0] ^= 1;
  parts[part] = buf.toString("base64");
  return parts.join(":");
}

describe("sealSecret and openSecret", () => {
  it("round-trips unicode plaintext in the v1 format", () => {
    const ring = keyringFromEnv(env1);
    const sealed = sealSecret("sk_live_ação✓", ring);
    expect(sealed).toMatch(/^v1:[0-9a-f]{8}:[^:]+:[^:]+:[^:]+$/);
    expect(sealed.split(":")[1]).toBe(keyIdFor(k1));
    expect(openSecret(sealed, ring)).toBe("sk_live_ação✓");
  });

  it("uses a fresh IV each time", () => {
    const ring = keyringFromEnv(env1);
    expect(sealSecret("x", ring)).not.toBe(sealSecret("x", ring));
  });

  it("throws SecretDecryptError for tampered ciphertext, tag or key id", () => {
    const ring = keyringFromEnv(env1);
    const sealed = sealSecret("secret", ring);
    for (const part of [2, 3, 4]) {
      expect(() => openSecret(flip(sealed, part), ring)).toThrow(SecretDecryptError);
    }
    try {
      openSecret(flip(sealed, 4), ring);
    } catch (e) {
      expect((e as SecretDecryptError).reason).toBe("tampered");
      expect(String(e)).not.toContain("secret\"");
    }
    expect(() => openSecret("v1:zz", ring)).toThrow(expect.objectContaining({ reason: "malformed" }));
  });

  it("binds an optional context so a value cannot be moved to another row", () => {
    const ring = keyringFromEnv(env1);
    const sealed = sealSecret("secret", ring, "channel:1");
    expect(openSecret(sealed, ring, "channel:1")).toBe("secret");
    expect(() => openSecret(sealed, ring, "channel:2")).toThrow(SecretDecryptError);
  });
});

describe("rotation", () => {
  it("opens values sealed with an old key and reports that they need rotation", () => {
    const oldRing = keyringFromEnv(env1);
    const sealed = sealSecret("token", oldRing);
    const ring = keyringFromEnv({
      WAYPOST_ENCRYPTION_KEY: k2.toString("base64"),
      WAYPOST_ENCRYPTION_KEYS_OLD: `${keyIdFor(k1)}:${k1.toString("base64")}`,
    });
    expect(openSecret(sealed, ring)).toBe("token");
    expect(needsRotation(sealed, ring)).toBe(true);
    const rotated = rotateSecret(sealed, ring);
    expect(needsRotation(rotated, ring)).toBe(false);
    expect(openSecret(rotated, ring)).toBe("token");
  });

  it("names the missing key when an old key was dropped", () => {
    const sealed = sealSecret("token", keyringFromEnv(env1));
    const ring = keyringFromEnv({ WAYPOST_ENCRYPTION_KEY: k2.toString("base64") });
    expect(() => openSecret(sealed, ring)).toThrow(expect.objectContaining({ reason: "unknown_key" }));
  });
});

describe("keyringFromEnv", () => {
  it("reports the wrong key length", () => {
    expect(() => keyringFromEnv({ WAYPOST_ENCRYPTION_KEY: Buffer.alloc(12).toString("base64") })).toThrow(
      "WAYPOST_ENCRYPTION_KEY must be 32 bytes base64, got 12 bytes",
    );
  });

  it("reports a missing key and mislabelled old keys", () => {
    expect(() => keyringFromEnv({})).toThrow(/WAYPOST_ENCRYPTION_KEY is not set/);
    expect(() =>
      keyringFromEnv({ ...env1, WAYPOST_ENCRYPTION_KEYS_OLD: `deadbeef:${k2.toString("base64")}` }),
    ).toThrow(`WAYPOST_ENCRYPTION_KEYS_OLD entry 1: id deadbeef does not match its key (expected ${keyIdFor(k2)})`);
    expect(() => keyringFromEnv({ ...env1, WAYPOST_ENCRYPTION_KEYS_OLD: "nocolon" })).toThrow(/entry 1 must look like/);
  });
});

describe("redact", () => {
  it("shows only the last four characters of long values", () => {
    expect(redact("sk_live_1234567890abcd")).toBe("••••abcd");
    expect(redact("short")).toBe("••••");
    expect(redact(undefined)).toBe("");
  });
});
