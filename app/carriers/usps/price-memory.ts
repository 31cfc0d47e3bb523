// What we remember from live USPS answers, so a refused or failed call can still be answered honestly.
//   cached  — the same key (what USPS prices on) seen live; fresh until the price's endDate or the TTL.
//   learned — USPS prices depend on zone and weight, and every answer names the zone for an origin/destination
//             ZIP3 pair, so a new destination in a known ZIP3 pair is priced from another answer's zone + weight.
// The in-memory store serves one process; a shared store implements the same interface later.
import type { UspsPackageFacts } from "./package-facts";
import type { PriceTerms } from "./price-request";
import type { UspsPrice } from "./price-response";

export interface PriceKeyParts {
  origin: string;
  /** Domestic: 5-digit ZIP. International: country + postal code. */
  destination: string;
  mailClass: string;
  facts: UspsPackageFacts;
  terms: PriceTerms;
}

/** USPS bills up to a pound by the ounce and above by the pound: that is the weight step of the key. */
export const weightStep = (ounces: number): string => (ounces <= 16 ? `${Math.max(1, Math.ceil(ounces))}oz` : `${Math.ceil(ounces / 16)}lb`);

/** Nonstandard fees start at 22 in and 30 in long and at 2 ft³, so those are the dimension classes. */
const dimClass = (f: UspsPackageFacts) => `${f.length > 30 ? "L30" : f.length > 22 ? "L22" : "L0"}${f.cubicInches > 3456 ? "V2" : ""}`;

const shape = (p: PriceKeyParts) => {
  const t = p.terms.priceType === "CONTRACT" ? `CONTRACT:${p.terms.accountType}:${p.terms.accountNumber}` : p.terms.priceType;
  const dim = p.facts.dimWeightPounds === null ? "" : `dim${p.facts.dimWeightPounds}`;
  return [p.mailClass, weightStep(p.facts.ounces), dim, p.facts.processingCategory, p.facts.rateIndicator, dimClass(p.facts), t].join("|");
};

export const priceKey = (p: PriceKeyParts) => `${p.origin}>${p.destination}|${shape(p)}`;
const lanePrefix = (p: PriceKeyParts) => `${p.origin.slice(0, 3)}>${p.destination.slice(0, 3)}`;

export interface Remembered {
  /** null: USPS answered live and offered no price for this key (remembered so we don't ask again). */
  price: UspsPrice | null;
  source: "cached" | "learned";
  observedAt: number;
  fresh: boolean;
}

export interface PriceMemory {
  get(parts: PriceKeyParts, now: number): Promise<Remembered | null>;
  put(parts: PriceKeyParts, price: UspsPrice | null, now: number, validUntil?: string): Promise<void>;
}

export const DEFAULT_PRICE_TTL_MS = 7 * 24 * 3_600_000;

export function memoryPriceMemory(opts: { ttlMs?: number; maxEntries?: number } = {}): PriceMemory {
  const ttl = opts.ttlMs ?? DEFAULT_PRICE_TTL_MS;
  const max = opts.maxEntries ?? 50_000;
  const exact = new Map<string, { price: UspsPrice | null; at: number; until: number }>();
  const zones = new Map<string, string>();
  const byZone = new Map<string, { price: UspsPrice; at: number; until: number }>();
  const bound = <V>(m: Map<string, V>) => {
    // Map iteration is insertion order, so this drops the oldest entry: bounded memory under any traffic.
    if (m.size > max) m.delete(m.keys().next().value as string);
  };
  return {
    async get(parts, now) {
      const hit = exact.get(priceKey(parts));
      if (hit) return { price: hit.price, source: "cached", observedAt: hit.at, fresh: now < hit.until };
      const zone = zones.get(`${lanePrefix(parts)}|${parts.mailClass}`);
      const learned = zone ? byZone.get(`${zone}|${shape(parts)}`) : undefined;
      if (learned) return { price: { ...learned.price, zone }, source: "learned", observedAt: learned.at, fresh: false };
      return null;
    },
    async put(parts, price, now, validUntil) {
      const end = validUntil ? Date.parse(`${validUntil}T00:00:00Z`) : NaN;
      const until = Number.isNaN(end) ? now + ttl : Math.min(now + ttl, end);
      exact.set(priceKey(parts), { price, at: now, until });
      bound(exact);
      if (price?.zone) {
        zones.set(`${lanePrefix(parts)}|${parts.mailClass}`, price.zone);
        byZone.set(`${price.zone}|${shape(parts)}`, { price, at: now, until });
        bound(zones);
        bound(byZone);
      }
    },
  };
}

// Sources are rebuilt on every config change, so what they learned lives with the context that builds them: one
// memory per shared-state store (one per rating service or label context), else one for the process.
const defaultMemory = memoryPriceMemory();
const memories = new WeakMap<object, PriceMemory>();
export function priceMemoryFor(deps: { priceMemory?: PriceMemory; sharedState?: object }): PriceMemory {
  if (deps.priceMemory) return deps.priceMemory;
  if (!deps.sharedState) return defaultMemory;
  let memory = memories.get(deps.sharedState);
  if (!memory) memories.set(deps.sharedState, (memory = memoryPriceMemory()));
  return memory;
}
