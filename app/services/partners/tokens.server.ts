// Random single-use tokens (invitations, password reset, sessions, API keys): only their SHA-256 is stored, so a
// database leak does not hand out working tokens.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const newToken = (bytes = 32) => randomBytes(bytes).toString("base64url");
export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
