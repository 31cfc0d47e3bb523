// AES-256-GCM sealing for secrets at rest. Format: "v1:<keyId>:<iv b64>:<tag b64>:<ciphertext b64>".
// The key id lets old rows open after a rotation; the version and key id are bound as AAD so a sealed value
// cannot be relabelled to another key or format without failing authentication.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

export interface Keyring {
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

class KeyringConfigError extends Error {
  override name = "KeyringConfigError";
}

type SecretDecryptReason = "malformed" | "unknown_key" | "tampered";

/** Never carries the sealed value or plaintext, so it is safe to log. */
export class SecretDecryptError extends Error {
  override name = "SecretDecryptError";
  constructor(
    readonly reason: SecretDecryptReason,
    message: string,
  ) {
    super(message);
  }
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function keyIdFor(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

function decodeKey(value: string, what: string): Buffer {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw new KeyringConfigError(`${what} must be base64`);
  const key = Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new KeyringConfigError(`${what} must be 32 bytes base64, got ${key.length} bytes`);
  return key;
}

export function keyringFromEnv(env: Record<string, string | undefined>): Keyring {
  const current = env.WAYPOST_ENCRYPTION_KEY;
  if (!current || current.trim() === "") {
    throw new KeyringConfigError(
      "WAYPOST_ENCRYPTION_KEY is not set; generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"",
    );
  }
  const currentKey = decodeKey(current, "WAYPOST_ENCRYPTION_KEY");
  const currentId = keyIdFor(currentKey);
  const keys = new Map<string, Buffer>([[currentId, currentKey]]);

  const old = env.WAYPOST_ENCRYPTION_KEYS_OLD?.trim();
  if (old) {
    old.split(",").forEach((entry, i) => {
      const what = `WAYPOST_ENCRYPTION_KEYS_OLD entry ${i + 1}`;
      const sep = entry.indexOf(":");
      if (sep <= 0) throw new KeyringConfigError(`${what} must look like <keyId>:<base64 key>`);
      const id = entry.slice(0, sep).trim();
      const key = decodeKey(entry.slice(sep + 1), what);
      // A mislabelled key would only surface when an old row fails to open, long after deploy.
      if (keyIdFor(key) !== id) {
        throw new KeyringConfigError(`${what}: id ${id} does not match its key (expected ${keyIdFor(key)})`);
      }
      if (!keys.has(id)) keys.set(id, key);
    });
  }
  return { currentId, keys };
}

function aad(keyId: string, context: string): Buffer {
  return Buffer.from(`${VERSION}:${keyId}:${context}`, "utf8");
}

/**
 * `context` (e.g. the owning row id) is optional AAD: when used, a sealed value copied to another row will not
 * open there. The same context must be passed to openSecret.
 */
export function sealSecret(plaintext: string, keyring: Keyring, context = ""): string {
  const key = keyring.keys.get(keyring.currentId);
  if (!key) throw new KeyringConfigError("keyring has no current key");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(keyring.currentId, context));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, keyring.currentId, iv.toString("base64"), tag.toString("base64"), ct.toString("base64")].join(":");
}

interface Parsed {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ct: Buffer;
}

function parse(sealed: string): Parsed {
  const parts = sealed.split(":");
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw new SecretDecryptError("malformed", `sealed secret is not in ${VERSION} format`);
  }
  const [, keyId, iv, tag, ct] = parts;
  const ivBuf = Buffer.from(iv, "base64");
  const tagBuf = Buffer.from(tag, "base64");
  if (!/^[0-9a-f]{8}$/.test(keyId) || ivBuf.length !== IV_BYTES || tagBuf.length !== TAG_BYTES) {
    throw new SecretDecryptError("malformed", "sealed secret has a malformed header");
  }
  return { keyId, iv: ivBuf, tag: tagBuf, ct: Buffer.from(ct, "base64") };
}

export function openSecret(sealed: string, keyring: Keyring, context = ""): string {
  const p = parse(sealed);
  const key = keyring.keys.get(p.keyId);
  if (!key) {
    throw new SecretDecryptError(
      "unknown_key",
      `sealed secret uses key ${p.keyId}, which is not in the keyring; add it to WAYPOST_ENCRYPTION_KEYS_OLD`,
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, p.iv);
    decipher.setAAD(aad(p.keyId, context));
    decipher.setAuthTag(p.tag);
    return Buffer.concat([decipher.update(p.ct), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptError("tampered", "sealed secret failed authentication (tampered or wrong context)");
  }
}

/** True when the value was sealed with an older key and should be re-sealed with `rotateSecret`. */
export function needsRotation(sealed: string, keyring: Keyring): boolean {
  return parse(sealed).keyId !== keyring.currentId;
}

export function rotateSecret(sealed: string, keyring: Keyring, context = ""): string {
  return sealSecret(openSecret(sealed, keyring, context), keyring, context);
}

/**
 * "••••last4" for display. Values shorter than 12 characters show no characters at all: four of eight would
 * reveal half the secret.
 */
export function redact(value: string | null | undefined): string {
  if (!value) return "";
  return value.length < 12 ? "••••" : `••••${value.slice(-4)}`;
}
