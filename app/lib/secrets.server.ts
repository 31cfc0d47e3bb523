// The process-wide keyring for sealing secrets at rest (session tokens, channel and carrier credentials).
import { env } from "~/env.server";
import { keyringFromEnv, openSecret, sealSecret } from "./crypto.server";

let keyring: ReturnType<typeof keyringFromEnv> | undefined;

/** The keyring of this process (also seals OAuth `state`). */
export function currentKeyring() {
  if (!keyring) {
    const { WAYPOST_ENCRYPTION_KEY, WAYPOST_ENCRYPTION_KEYS_OLD } = env();
    keyring = keyringFromEnv({ WAYPOST_ENCRYPTION_KEY, WAYPOST_ENCRYPTION_KEYS_OLD });
  }
  return keyring;
}

/** `context` binds the sealed value to its owner (see sealSecret): it will not open under another context. */
export function seal(plaintext: string, context = ""): string {
  return sealSecret(plaintext, currentKeyring(), context);
}

export function unseal(sealed: string, context = ""): string {
  return openSecret(sealed, currentKeyring(), context);
}

export function sealJson(value: Record<string, string>): string {
  return seal(JSON.stringify(value));
}

export function unsealJson(sealed: string): Record<string, string> {
  return JSON.parse(unseal(sealed)) as Record<string, string>;
}
