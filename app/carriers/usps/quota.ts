// The USPS call budget. USPS grants an app about 60 calls an hour across the v3 APIs, token calls included,
// and answers 429 + Retry-After beyond it. We never want that 429: it means a checkout already waited for
// nothing. So every call takes a permit from this model first, and a refused permit means "answer from what
// we know, and say it is not live".
//
// Two rules, both must allow a call:
//   1. Ledger over a sliding hour: calls in the last 60 minutes + this call ≤ limit. This is the hard cap that
//      keeps us under USPS's count whatever the traffic shape.
//   2. Token bucket for pacing: `burst` permits, refilled at limit/hour. Without it a morning rush spends the
//      whole hour's budget in minutes and the rest of the hour is all estimates; with it live answers are spread.
// A slice of the budget (`reserve`) is kept for token calls, so price calls can never starve the token refresh
// that every later price call needs. A 429 from USPS (our count drifted, or another app shares the key) blocks
// everything until its Retry-After.
//
// Pure: the clock is an argument, state is a value. A QuotaStore applies `update` atomically (a row lock in the
// database, a Lua script or WATCH in Redis) so several instances share one budget.

export interface QuotaPolicy {
  /** Calls per hour USPS allows this app. */
  limit: number;
  /** Bucket size: the most live calls allowed back to back. */
  burst: number;
  /** Permits held back for token calls. */
  reserve: number;
  /** Permits label purchases never take, so checkout rating keeps live prices while a batch runs. */
  ratingReserve: number;
}

export const HOUR_MS = 3_600_000;

export function defaultQuotaPolicy(limit = 60): QuotaPolicy {
  const reserve = limit >= 10 ? 2 : limit > 2 ? 1 : 0;
  // A quarter of the hour stays with rating: a batch of labels may not starve checkout of live prices.
  const ratingReserve = limit >= 4 ? Math.ceil(limit / 4) : 0;
  return { limit, burst: Math.max(1, Math.min(limit, Math.ceil(limit / 4))), reserve, ratingReserve };
}

export interface QuotaState {
  /** Epoch ms of each call in the last hour, oldest first. */
  calls: number[];
  bucket: number;
  bucketAt: number;
  /** Epoch ms before which no call may be made (USPS said Retry-After). */
  blockedUntil: number;
}

export const emptyQuota = (now: number, policy: QuotaPolicy): QuotaState => ({ calls: [], bucket: policy.burst, bucketAt: now, blockedUntil: 0 });

/** "label": label, payment, address and void calls of the label service (background work). "tracking": the
 * label tracking poller, the least urgent of all: it stops a quarter of the hour before labels do. */
export type CallKind = "token" | "price" | "label" | "tracking";

/** Calls in the last hour (this one included) a call of `kind` may bring the ledger up to. */
export function capFor(kind: CallKind, policy: QuotaPolicy): number {
  if (kind === "token") return policy.limit;
  if (kind === "price") return policy.limit - policy.reserve;
  const labelCap = policy.limit - policy.reserve - policy.ratingReserve;
  // Polling a parcel can wait an hour; a merchant's batch of labels cannot: a quarter more is left for labels.
  return kind === "label" ? labelCap : Math.max(0, labelCap - Math.ceil(policy.limit / 4));
}

export type QuotaDecision =
  | { allowed: true; state: QuotaState }
  | { allowed: false; reason: "backoff" | "hourly_limit" | "paced"; retryAt: number; state: QuotaState };

function settle(state: QuotaState, now: number, policy: QuotaPolicy): QuotaState {
  const refill = ((now - state.bucketAt) / HOUR_MS) * policy.limit;
  return {
    calls: state.calls.filter((t) => t > now - HOUR_MS),
    bucket: Math.min(policy.burst, state.bucket + Math.max(0, refill)),
    bucketAt: Math.max(now, state.bucketAt),
    blockedUntil: state.blockedUntil,
  };
}

/** Takes `cost` permits for a call of `kind` if both rules allow it. */
export function takePermit(prev: QuotaState | null, opts: { now: number; policy: QuotaPolicy; kind: CallKind; cost?: number }): QuotaDecision {
  const { now, policy, kind } = opts;
  const cost = opts.cost ?? 1;
  const state = settle(prev ?? emptyQuota(now, policy), now, policy);
  if (now < state.blockedUntil) return { allowed: false, reason: "backoff", retryAt: state.blockedUntil, state };
  const cap = capFor(kind, policy);
  if (state.calls.length + cost > cap) {
    // The ledger frees a permit when its oldest call leaves the hour.
    const freeing = state.calls[state.calls.length + cost - cap - 1] ?? now;
    return { allowed: false, reason: "hourly_limit", retryAt: freeing + HOUR_MS, state };
  }
  // Token calls skip pacing: a refused token call would refuse every price call behind it. Label and tracking
  // calls skip it too: they are background work, capped by the ledger alone (below the rating reserve).
  if (kind === "price" && state.bucket < cost) {
    const wait = ((cost - state.bucket) / policy.limit) * HOUR_MS;
    return { allowed: false, reason: "paced", retryAt: now + Math.ceil(wait), state };
  }
  return {
    allowed: true,
    state: { ...state, calls: [...state.calls, ...Array.from({ length: cost }, () => now)], bucket: kind === "price" ? state.bucket - cost : state.bucket },
  };
}

/** USPS answered 429: stop until Retry-After (or a minute when it gave none), and treat the hour as spent. */
export function recordRateLimited(prev: QuotaState | null, opts: { now: number; policy: QuotaPolicy; retryAfterSeconds?: number }): QuotaState {
  const state = settle(prev ?? emptyQuota(opts.now, opts.policy), opts.now, opts.policy);
  const until = opts.now + (opts.retryAfterSeconds ?? 60) * 1000;
  return { ...state, bucket: 0, blockedUntil: Math.max(state.blockedUntil, until) };
}

export interface QuotaSnapshot {
  limit: number;
  usedLastHour: number;
  remaining: number;
  blockedUntil: number | null;
  /** When the oldest call in the hour leaves it and frees a permit; null when no call was made this hour. */
  nextFreeAt: number | null;
}

export function quotaSnapshot(prev: QuotaState | null, now: number, policy: QuotaPolicy): QuotaSnapshot {
  const state = settle(prev ?? emptyQuota(now, policy), now, policy);
  return {
    limit: policy.limit,
    usedLastHour: state.calls.length,
    remaining: Math.max(0, policy.limit - state.calls.length),
    blockedUntil: state.blockedUntil > now ? state.blockedUntil : null,
    nextFreeAt: state.calls.length > 0 ? state.calls[0] + HOUR_MS : null,
  };
}

/** Shared budget storage; `update` must run `fn` atomically against the stored value for `key`. */
export interface QuotaStore {
  update<T>(key: string, fn: (state: QuotaState | null) => { state: QuotaState; result: T }): Promise<T>;
  read(key: string): Promise<QuotaState | null>;
}

/** For one process (the embedded default) and tests. */
export function memoryQuotaStore(): QuotaStore {
  const rows = new Map<string, QuotaState>();
  return {
    async update(key, fn) {
      const { state, result } = fn(rows.get(key) ?? null);
      rows.set(key, state);
      return result;
    },
    async read(key) {
      return rows.get(key) ?? null;
    },
  };
}

// ── What to answer when no live call is allowed ──────────────────────────────────────────────────────────

export type PriceSource = "live" | "cached" | "learned" | "fallback";

export interface NonLiveCandidate {
  source: Exclude<PriceSource, "live">;
  cents: number;
  /** When the price was last seen live (cached / learned). */
  observedAt?: number;
}

/**
 * Best non-live price, in the order: the same key cached, then a price learned for the same zone and
 * weight, then the service's fallback. The message says which and why, so checkout traces never pass an
 * estimate off as a USPS quote.
 */
export function chooseNonLive(candidates: NonLiveCandidate[], why: string): { pick: NonLiveCandidate; note: string } | null {
  const order: NonLiveCandidate["source"][] = ["cached", "learned", "fallback"];
  for (const source of order) {
    const pick = candidates.find((c) => c.source === source);
    if (!pick) continue;
    const seen = pick.observedAt !== undefined ? ` (USPS price seen ${new Date(pick.observedAt).toISOString()})` : "";
    const what = { cached: "a cached USPS price", learned: "a price learned for the same zone and weight", fallback: "the fallback price" }[source];
    return { pick, note: `not live: ${why}; answered with ${what}${seen}` };
  }
  return null;
}

export const describeRefusal = (d: Extract<QuotaDecision, { allowed: false }>): string =>
  ({
    backoff: `USPS asked us to wait until ${new Date(d.retryAt).toISOString()}`,
    hourly_limit: `the hourly USPS quota is used up until ${new Date(d.retryAt).toISOString()}`,
    paced: "live USPS calls are being paced to last the hour",
  })[d.reason];
