// Pure: what kind of USPS answer one source trace was, from its outcome and message codes (index.server.ts
// names the weakest price it used in a message code). Counts the live / cached / learned / fallback shares.
import type { CarrierMessage } from "../carrier";

export type UspsAnswerKind = "live" | "cached" | "learned" | "fallback";

/** Message codes that mean USPS gave no live price for this request. */
const NOT_LIVE = /^(retry_later|reconnect|fix_settings)\//;

export function uspsAnswerKind(trace: { outcome: string; cached?: boolean; messages?: readonly Pick<CarrierMessage, "code">[] }): UspsAnswerKind {
  const codes = (trace.messages ?? []).map((m) => m.code);
  if (codes.includes("usps_not_live_learned")) return "learned";
  if (trace.cached || codes.includes("usps_not_live_cached") || codes.includes("usps_cached")) return "cached";
  if (trace.outcome === "ok" && !codes.some((c) => NOT_LIVE.test(c))) return "live";
  return "fallback";
}

export function uspsAnswerShares(traces: Iterable<Parameters<typeof uspsAnswerKind>[0]>): { total: number } & Record<UspsAnswerKind, number> {
  const shares = { total: 0, live: 0, cached: 0, learned: 0, fallback: 0 };
  for (const t of traces) {
    shares[uspsAnswerKind(t)] += 1;
    shares.total += 1;
  }
  return shares;
}
