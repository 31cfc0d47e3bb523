// Shipping zones and which one a destination falls into.
//
// Choosing a zone, in this order:
//   1. PRIORITY: the LOWER number is evaluated first and wins (priority 1 beats priority 2), whatever the
//      regions are. Merchants use it to say "this zone first".
//   2. SPECIFICITY, when priorities tie: postal > province > country; among postal patterns the narrower
//      one wins (longer prefix, narrower numeric range, UK outward code over postcode area).
//   3. Zone id (string order), so the answer never depends on the order zones were loaded in.
// A zone known to have no enabled service is skipped, so the next matching zone answers: an empty zone (a new
// zone saved with only a name) must never shadow a working one and leave checkout with no rates.
//
// Postal patterns (see parsePostalPattern):
//   - prefix: "9021", "SP", "M5V*" (a trailing * only makes the prefix explicit). Matched against the
//     normalised code (upper-case, no spaces/dashes), so "9021" matches "90210-1234".
//   - numeric range: "01000-19999", both ends with the same number of digits. The destination's first N digits
//     (N = digits in the range) are compared, so a 5-digit range matches 8-digit Brazilian CEPs and US ZIP+4,
//     and "01000000-19999999" works on full CEPs. A destination with fewer digits than the range never matches.
//   - Brazil: "01310-100" (5 digits, dash, 3 digits) is a CEP written with its dash, i.e. an exact code, not a range.
//   - UK (GB, GG, JE, IM): "SW1A" is an outward code and matches "SW1A 1AA" but not "SW1 1AA"; "SW" is a
//     postcode area and matches every SW postcode but not "S1 2AB"; a full postcode matches itself; "SW1*" is a
//     plain prefix.
import { z } from "zod";
import { type Address, normalizePostalCode, UK_POSTCODE_COUNTRIES, ukOutwardCode, ukPostcodeArea } from "./address";

type PostalMatcher =
  | { kind: "prefix"; prefix: string }
  | { kind: "range"; lo: string; hi: string }
  | { kind: "uk_outward"; outward: string }
  | { kind: "uk_area"; area: string };

/** A refusal says why in English (the command line) and as a message key + values (the admin, app/locales errors.json). */
type PatternError = { error: string; key: string; params?: Record<string, string | number> };
type ParsedPattern = { ok: true; matcher: PostalMatcher } | ({ ok: false } & PatternError);

const RANGE = /^(\d+)\s*-\s*(\d+)$/;
const UK_OUTWARD = /^[A-Z]{1,2}\d[A-Z\d]?$/;
const UK_FULL = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/;

function parsePostalPattern(pattern: string, country?: string): ParsedPattern {
  const raw = pattern.trim().toUpperCase();
  const cc = country?.trim().toUpperCase();
  if (raw === "") return { ok: false, error: "Enter a postal code pattern.", key: "postal_required" };
  if (!/^[A-Z0-9 \-*]+$/.test(raw)) {
    return { ok: false, error: `"${pattern}" may only contain letters, digits, spaces, dashes and a trailing *.`, key: "postal_characters", params: { pattern } };
  }
  const star = raw.indexOf("*");
  if (star !== -1 && star !== raw.length - 1) {
    return { ok: false, error: `The * wildcard is only allowed at the end, as in "M5V*".`, key: "postal_star_end" };
  }
  const body = star === -1 ? raw : raw.slice(0, -1).trim();
  if (body === "") return { ok: false, error: `"*" alone matches the whole country; add a country region instead.`, key: "postal_star_alone" };
  if (star !== -1) {
    if (body.includes("-")) return { ok: false, error: `A * prefix cannot contain a range ("${pattern}").`, key: "postal_star_range", params: { pattern } };
    return { ok: true, matcher: { kind: "prefix", prefix: normalizePostalCode(cc ?? "", body) } };
  }

  if (cc === "BR" && /^\d{5}-\d{3}$/.test(body)) {
    return { ok: true, matcher: { kind: "prefix", prefix: normalizePostalCode(cc, body) } };
  }
  const range = RANGE.exec(body);
  if (range) {
    const [, lo, hi] = range;
    if (lo.length !== hi.length) {
      return {
        ok: false,
        error: `Both ends of the range "${pattern}" need the same number of digits (${lo.length} vs ${hi.length}); write a single code without the dash.`,
        key: "postal_range_digits",
        params: { pattern },
      };
    }
    if (lo > hi) return { ok: false, error: `The range "${pattern}" starts after it ends (${lo} > ${hi}).`, key: "postal_range_order", params: { pattern } };
    return { ok: true, matcher: { kind: "range", lo, hi } };
  }
  if (body.includes("-")) {
    return { ok: false, error: `"${pattern}" is not a numeric range; ranges look like 01000-19999.`, key: "postal_range_numeric", params: { pattern } };
  }

  const code = normalizePostalCode(cc ?? "", body);
  if (cc && UK_POSTCODE_COUNTRIES.has(cc)) {
    if (/^[A-Z]{1,2}$/.test(code)) return { ok: true, matcher: { kind: "uk_area", area: code } };
    if (UK_OUTWARD.test(code)) return { ok: true, matcher: { kind: "uk_outward", outward: code } };
    if (UK_FULL.test(code)) return { ok: true, matcher: { kind: "prefix", prefix: code } };
    return {
      ok: false,
      error: `"${pattern}" is not a UK postcode, outward code (SW1A) or area (SW); end it with * for a plain prefix.`,
      key: "postal_uk",
      params: { pattern },
    };
  }
  return { ok: true, matcher: { kind: "prefix", prefix: code } };
}

/** Null when the pattern is usable; otherwise a message for the form field. */
export function validatePostalPattern(pattern: string, country?: string): string | null {
  return postalPatternProblem(pattern, country)?.error ?? null;
}

/** Null when the pattern is usable; otherwise why, in English and as a message key. */
export function postalPatternProblem(pattern: string, country?: string): PatternError | null {
  const parsed = parsePostalPattern(pattern, country);
  return parsed.ok ? null : { error: parsed.error, key: parsed.key, ...(parsed.params ? { params: parsed.params } : {}) };
}

const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "country must be an ISO 3166-1 alpha-2 code");

export const RegionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("country"), country: countryCode }),
  z.object({ type: z.literal("province"), country: countryCode, province: z.string().trim().toUpperCase().min(1).max(50) }),
  z
    .object({ type: z.literal("postal"), country: countryCode, pattern: z.string().max(50) })
    .superRefine((r, ctx) => {
      const problem = postalPatternProblem(r.pattern, r.country);
      if (problem) ctx.addIssue({ code: "custom", path: ["pattern"], message: problem.error, params: { i18n: problem.key, ...problem.params } });
    }),
]);
export type Region = z.output<typeof RegionSchema>;

export const ZoneSchema = z.object({
  id: z.string().min(1).max(40),
  name: z.string().trim().min(1).max(100),
  priority: z.number().int(),
  regions: z.array(RegionSchema).min(1, "A zone needs at least one region."),
});
/**
 * `enabledServices`: how many of the zone's services are enabled. Zero means the zone cannot answer and is skipped
 * when matching; absent means unknown (the zone is matched). The compiled shop always sets it.
 */
export type Zone = z.output<typeof ZoneSchema> & { enabledServices?: number };

type ZoneMatch = { zone: Zone; region: Region; specificity: number };

/** Specificity scale: country 1000, province 2000, postal 3000 + 100 × significant characters of the pattern. */
const SPECIFICITY = { country: 1000, province: 2000, postal: 3000 } as const;

function postalPrecision(m: PostalMatcher): number {
  switch (m.kind) {
    case "prefix":
      return m.prefix.length;
    case "uk_outward":
      return m.outward.length;
    case "uk_area":
      return m.area.length;
    case "range":
      // A range of width 10^k over N digits pins down N - k digits, like a prefix of that length.
      return m.lo.length - Math.log10(Number(m.hi) - Number(m.lo) + 1);
  }
}

function postalMatches(m: PostalMatcher, country: string, postalCode: string): boolean {
  const code = normalizePostalCode(country, postalCode);
  switch (m.kind) {
    case "prefix":
      return code.startsWith(m.prefix);
    case "uk_outward":
      return ukOutwardCode(code) === m.outward;
    case "uk_area":
      return ukPostcodeArea(code) === m.area;
    case "range": {
      if (!/^\d+$/.test(code) || code.length < m.lo.length) return false;
      const head = code.slice(0, m.lo.length);
      return head >= m.lo && head <= m.hi;
    }
  }
}

/** How specifically a region matches the address, or null when it does not match. */
function regionSpecificity(region: Region, address: Address): number | null {
  if (region.country !== address.country.toUpperCase()) return null;
  switch (region.type) {
    case "country":
      return SPECIFICITY.country;
    case "province":
      return address.province?.toUpperCase() === region.province ? SPECIFICITY.province : null;
    case "postal": {
      if (!address.postalCode) return null;
      const parsed = parsePostalPattern(region.pattern, region.country);
      if (!parsed.ok || !postalMatches(parsed.matcher, region.country, address.postalCode)) return null;
      return SPECIFICITY.postal + Math.round(100 * postalPrecision(parsed.matcher));
    }
  }
}

export function matchZone(zones: readonly Zone[], address: Address): ZoneMatch | null {
  let best: ZoneMatch | null = null;
  for (const zone of zones) {
    if (zone.enabledServices === 0) continue;
    let own: ZoneMatch | null = null;
    for (const region of zone.regions) {
      const s = regionSpecificity(region, address);
      if (s !== null && (own === null || s > own.specificity)) own = { zone, region, specificity: s };
    }
    if (own && (best === null || beats(own, best))) best = own;
  }
  return best;
}

function beats(a: ZoneMatch, b: ZoneMatch): boolean {
  if (a.zone.priority !== b.zone.priority) return a.zone.priority < b.zone.priority;
  if (a.specificity !== b.specificity) return a.specificity > b.specificity;
  return a.zone.id < b.zone.id;
}

// ---------------------------------------------------------------------------------------------------------------
// Overlaps: two zones overlap when some address can match both. Only overlaps that are certain are reported:
// a province and a postal pattern in the same country are not compared (no postal-code-to-province map here).

/** Two zones that share addresses: who answers those addresses at checkout, and why. */
export interface ZoneOverlap {
  /** The zone checkout uses for the shared addresses. */
  winner: { id: string; name: string };
  /** The zone whose rates those addresses never see. */
  shadowed: { id: string; name: string };
  /** The shared part: the narrower of the two overlapping regions. */
  region: Region;
  /** priority: lower number first; specificity: same priority, narrower region; id: full tie;
   *  no_services: the zone that would win has no enabled service, so checkout falls through to the other. */
  reason: "priority" | "specificity" | "id" | "no_services";
  /** The shadowed zone's region lies inside the winner's, so that region of the shadowed zone never answers: most
   *  likely a mistake. False for a deliberate carve-out (a narrower zone that wins inside a broader one). */
  unreachable: boolean;
}

function regionScore(region: Region): number {
  if (region.type !== "postal") return SPECIFICITY[region.type];
  const parsed = parsePostalPattern(region.pattern, region.country);
  return parsed.ok ? SPECIFICITY.postal + Math.round(100 * postalPrecision(parsed.matcher)) : SPECIFICITY.postal;
}

/** Numeric interval a digits-only matcher covers, widened to `n` digits. */
function digitsInterval(m: PostalMatcher, n: number): [string, string] | null {
  if (m.kind === "range") return [m.lo.padEnd(n, "0").slice(0, n), m.hi.padEnd(n, "9").slice(0, n)];
  if (m.kind === "prefix" && /^\d+$/.test(m.prefix)) return [m.prefix.padEnd(n, "0").slice(0, n), m.prefix.padEnd(n, "9").slice(0, n)];
  return null;
}

const matcherText = (m: PostalMatcher) => (m.kind === "prefix" ? m.prefix : m.kind === "uk_outward" ? m.outward : m.kind === "uk_area" ? m.area : m.lo);

function postalOverlap(a: PostalMatcher, b: PostalMatcher): boolean {
  if (a.kind === "range" || b.kind === "range") {
    const n = Math.max(matcherText(a).length, matcherText(b).length);
    const x = digitsInterval(a, n);
    const y = digitsInterval(b, n);
    return x !== null && y !== null && x[0] <= y[1] && y[0] <= x[1];
  }
  if (a.kind === "uk_outward" && b.kind === "uk_outward") return a.outward === b.outward;
  if (a.kind === "uk_area" && b.kind === "uk_area") return a.area === b.area;
  if (a.kind === "uk_area" && b.kind === "uk_outward") return ukPostcodeArea(b.outward) === a.area;
  if (a.kind === "uk_outward" && b.kind === "uk_area") return ukPostcodeArea(a.outward) === b.area;
  // Plain prefixes (and a prefix against a UK code): one must extend the other.
  const p = matcherText(a);
  const q = matcherText(b);
  return p.startsWith(q) || q.startsWith(p);
}

/** The narrower region (b when they are as narrow) when the two certainly share an address; null otherwise. */
function sharedRegion(a: Region, b: Region): Region | null {
  if (a.country !== b.country) return null;
  if (b.type === "country") return a.type === "country" ? b : a;
  if (a.type === "country") return b;
  if (a.type === "province" && b.type === "province") return a.province === b.province ? b : null;
  if (a.type === "postal" && b.type === "postal") {
    const pa = parsePostalPattern(a.pattern, a.country);
    const pb = parsePostalPattern(b.pattern, b.country);
    if (!pa.ok || !pb.ok || !postalOverlap(pa.matcher, pb.matcher)) return null;
    return regionScore(a) > regionScore(b) ? a : b;
  }
  return null;
}

/** Every pair of zones that share addresses, once per pair, in the zones' order. */
export function findZoneOverlaps(zones: readonly Zone[]): ZoneOverlap[] {
  const out: ZoneOverlap[] = [];
  for (let i = 0; i < zones.length; i++) {
    for (let j = i + 1; j < zones.length; j++) {
      const overlap = overlapOf(zones[i], zones[j]);
      if (overlap) out.push(overlap);
    }
  }
  return out;
}

function overlapOf(a: Zone, b: Zone): ZoneOverlap | null {
  for (const ra of a.regions) {
    for (const rb of b.regions) {
      const region = sharedRegion(ra, rb);
      if (!region) continue;
      const { first, reason } = ranked(a, ra, b, rb);
      const second = first === a ? b : a;
      const emptyFirst = first.enabledServices === 0 && second.enabledServices !== 0;
      const winner = emptyFirst ? second : first;
      const shadowed = winner === a ? b : a;
      const [winnerRegion, shadowedRegion] = winner === a ? [ra, rb] : [rb, ra];
      return {
        winner: { id: winner.id, name: winner.name },
        shadowed: { id: shadowed.id, name: shadowed.name },
        region,
        reason: emptyFirst ? "no_services" : reason,
        unreachable: sharedRegion(winnerRegion, shadowedRegion) === shadowedRegion,
      };
    }
  }
  return null;
}

/** The same order matchZone applies, for the shared addresses of two overlapping regions. */
function ranked(a: Zone, ra: Region, b: Zone, rb: Region): { first: Zone; reason: ZoneOverlap["reason"] } {
  if (a.priority !== b.priority) return { first: a.priority < b.priority ? a : b, reason: "priority" };
  const sa = regionScore(ra);
  const sb = regionScore(rb);
  if (sa !== sb) return { first: sa > sb ? a : b, reason: "specificity" };
  return { first: a.id < b.id ? a : b, reason: "id" };
}
