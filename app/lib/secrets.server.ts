// The process-wide keyring for sealing secrets at rest (session tokens, channel and carrier credentials).
import { keyringFromEnv, openSecret, sealSecret } from "./crypto.server";

let keyring: ReturnType<typeof keyringFromEnv> | undefined;

function currentKeyring() {
  keyring ??= keyringFromEnv(process.env);
  return keyring;
}

export function seal(plaintext: string): string {
  return sealSecret(plaintext, currentKeyring());
}

export function unseal(sealed: string): string {
  return openSecret(sealed, currentKeyring());
}

export function sealJson(value: Record<string, string>): string {
  return seal(JSON.stringify(value));
}

export function unsealJson(sealed: string): Record<string, string> {
  return JSON.parse(unseal(sealed)) as Record<string, string>;
}
