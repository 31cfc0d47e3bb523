// The USPS quota ledger and OAuth token on a CarrierStateStore, so every instance spends one budget and one token.
// Stored values are untrusted JSON: each read is parsed, and anything unreadable counts as absent.
import { z } from "zod";
import type { CarrierStateStore } from "../connector";
import type { QuotaState, QuotaStore } from "./quota";

const QuotaStateSchema = z.object({
  calls: z.array(z.number()),
  bucket: z.number(),
  bucketAt: z.number(),
  blockedUntil: z.number(),
});

const parseQuota = (v: unknown): QuotaState | null => QuotaStateSchema.safeParse(v).data ?? null;

/** One ledger row per key, updated atomically by the store. */
export function sharedQuotaStore(state: CarrierStateStore): QuotaStore {
  return {
    update: (key, fn) =>
      state.update(key, (value) => {
        const { state: next, result } = fn(parseQuota(value));
        return { value: next, result };
      }),
    read: async (key) => parseQuota(await state.read(key)),
  };
}

const TokenRowSchema = z.object({
  accessToken: z.string().min(1).optional(),
  expiresAt: z.number().optional(),
  /** An instance is exchanging credentials for a token until then; others wait for its result. */
  leaseUntil: z.number().optional(),
});
type TokenRow = z.output<typeof TokenRowSchema>;
const parseToken = (v: unknown): TokenRow => TokenRowSchema.safeParse(v).data ?? {};

export type TokenClaim = { kind: "token"; accessToken: string; expiresAt: number } | { kind: "refresh" } | { kind: "wait" };

/** How long a claimed refresh may take before another instance may try (longer than the client's HTTP timeout). */
export const TOKEN_LEASE_MS = 10_000;

/**
 * The token row of one connection. `claim` hands out the stored token while it is usable; otherwise exactly one
 * caller at a time gets "refresh" (a lease) and the others "wait" until it stores the token or the lease lapses.
 */
export interface SharedToken {
  claim(now: number, usableUntil: (expiresAt: number) => boolean): Promise<TokenClaim>;
  store(accessToken: string, expiresAt: number): Promise<void>;
  release(): Promise<void>;
  /** USPS refused this token (401): forget it, unless another instance has already replaced it. */
  invalidate(accessToken: string): Promise<void>;
}

export function sharedToken(state: CarrierStateStore, key: string): SharedToken {
  return {
    claim: (now, usable) =>
      state.update(key, (value) => {
        const row = parseToken(value);
        if (row.accessToken && row.expiresAt !== undefined && usable(row.expiresAt)) {
          return { value: row, result: { kind: "token", accessToken: row.accessToken, expiresAt: row.expiresAt } as TokenClaim };
        }
        if (row.leaseUntil !== undefined && row.leaseUntil > now) return { value: row, result: { kind: "wait" } as TokenClaim };
        return { value: { ...row, leaseUntil: now + TOKEN_LEASE_MS }, result: { kind: "refresh" } as TokenClaim };
      }),
    store: (accessToken, expiresAt) => state.update(key, () => ({ value: { accessToken, expiresAt }, result: undefined })),
    release: () => state.update(key, (value) => ({ value: { ...parseToken(value), leaseUntil: undefined }, result: undefined })),
    invalidate: (accessToken) =>
      state.update(key, (value) => {
        const row = parseToken(value);
        return { value: row.accessToken === accessToken ? { leaseUntil: row.leaseUntil } : row, result: undefined };
      }),
  };
}
