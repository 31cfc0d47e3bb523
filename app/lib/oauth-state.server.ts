// The `state` of a carrier's OAuth authorization-code flow. The merchant leaves the embedded admin for the
// carrier's sign-in, and the carrier's redirect back carries no Shopify session: the state is the only thing that
// says which shop and which connection the code belongs to. So it is sealed (AES-256-GCM with its own AAD
// context), carries the PKCE verifier (which must never reach the browser in clear), and expires in minutes.
// Replaying a state within its lifetime gains nothing: the authorization code it must travel with is single-use.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { openSecret, sealSecret, type Keyring } from "./crypto.server";

const CONTEXT = "waypost/oauth-state/v1";
export const OAUTH_STATE_TTL_MS = 10 * 60_000;
const MAX_STATE_LENGTH = 4_096;

const PayloadSchema = z.object({
  shop: z.string().min(1).max(255),
  carrierId: z.string().min(1).max(40),
  verifier: z.string().min(43).max(128),
  /** What the merchant typed before leaving (account number, postal code, country, mode). */
  draft: z.record(z.string().max(40), z.string().max(200)),
  exp: z.number().int(),
  nonce: z.string().min(8),
});
type OAuthStatePayload = z.output<typeof PayloadSchema>;

type OAuthStateRejection = "malformed" | "tampered" | "expired" | "wrong_carrier";

export function createOAuthState(
  input: Pick<OAuthStatePayload, "shop" | "carrierId" | "verifier" | "draft">,
  deps: { keyring: Keyring; now: () => number; ttlMs?: number },
): string {
  const payload: OAuthStatePayload = {
    ...input,
    exp: deps.now() + (deps.ttlMs ?? OAUTH_STATE_TTL_MS),
    nonce: randomBytes(12).toString("base64url"),
  };
  return Buffer.from(sealSecret(JSON.stringify(PayloadSchema.parse(payload)), deps.keyring, CONTEXT)).toString("base64url");
}

export function readOAuthState(
  state: string | null | undefined,
  expected: { carrierId: string },
  deps: { keyring: Keyring; now: () => number },
): { ok: true; payload: OAuthStatePayload } | { ok: false; reason: OAuthStateRejection } {
  if (!state || state.length > MAX_STATE_LENGTH || !/^[A-Za-z0-9_-]+$/.test(state)) return { ok: false, reason: "malformed" };
  let json: string;
  try {
    json = openSecret(Buffer.from(state, "base64url").toString("utf8"), deps.keyring, CONTEXT);
  } catch {
    return { ok: false, reason: "tampered" };
  }
  let parsed: ReturnType<typeof PayloadSchema.safeParse>;
  try {
    parsed = PayloadSchema.safeParse(JSON.parse(json));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!parsed.success) return { ok: false, reason: "malformed" };
  if (parsed.data.carrierId !== expected.carrierId) return { ok: false, reason: "wrong_carrier" };
  if (parsed.data.exp <= deps.now()) return { ok: false, reason: "expired" };
  return { ok: true, payload: parsed.data };
}
