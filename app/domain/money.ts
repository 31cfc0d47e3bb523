// Money is an integer amount of the currency's ISO 4217 minor unit plus the currency code.
// Floats never hold money; conversions to and from decimal strings happen only at the edges.
//
// Rounding used throughout: half away from zero. A markup of +x% and a discount of -x% on the same
// price are then mirror images, and the sign of an amount never changes how it is rounded.

export type Money = { amount: number; currency: string };

const ZERO_DECIMAL = new Set([
  "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
]);
const THREE_DECIMAL = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);

type RoundingMode = "none" | "to_99" | "to_whole";

export function assertMinorUnits(amount: number, what = "amount"): void {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`${what} must be an integer number of minor units, got ${amount}`);
  }
}

function normaliseCurrency(code: string): string {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(upper)) throw new RangeError(`not an ISO 4217 currency code: "${code}"`);
  return upper;
}

/** Digits after the decimal point in ISO 4217; unknown codes are assumed to have 2. */
export function currencyExponent(code: string): 0 | 2 | 3 {
  const c = normaliseCurrency(code);
  if (ZERO_DECIMAL.has(c)) return 0;
  if (THREE_DECIMAL.has(c)) return 3;
  return 2;
}

export function money(amount: number, currency: string): Money {
  assertMinorUnits(amount);
  return { amount, currency: normaliseCurrency(currency) };
}

/** Divides exactly and rounds half away from zero; BigInt keeps large products exact. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("division by zero");
  if (denominator < 0n) return divideRounded(-numerator, -denominator);
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  let q = abs / denominator;
  if ((abs % denominator) * 2n >= denominator) q += 1n;
  return negative ? -q : q;
}

function toSafeNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount ${value} is outside the safe integer range`);
  return n;
}

/**
 * "19.99" → 1999 (USD), "1000" → 1000 (JPY). Extra fractional digits beyond the currency's exponent are
 * rounded half away from zero ("0.125" USD → 13), because carriers sometimes send more precision.
 */
export function parseDecimalToMinor(value: string, currency: string): number {
  const match = /^\s*([+-])?(\d+)(?:\.(\d*))?\s*$/.exec(value) ?? /^\s*([+-])?()\.(\d+)\s*$/.exec(value);
  if (!match) throw new RangeError(`not a decimal amount: "${value}"`);
  const [, sign, whole, fraction = ""] = match;
  const exp = currencyExponent(currency);
  const digits = BigInt((whole || "0") + fraction);
  let minor = divideRounded(digits * 10n ** BigInt(exp), 10n ** BigInt(fraction.length));
  if (sign === "-") minor = -minor;
  return toSafeNumber(minor) + 0; // + 0 turns -0 into 0
}

/** 1999 USD → "19.99", -5 USD → "-0.05", 1000 JPY → "1000", 1234 KWD → "1.234". */
export function minorToDecimalString(amount: number, currency: string): string {
  assertMinorUnits(amount);
  const exp = currencyExponent(currency);
  const abs = Math.abs(amount).toString();
  const sign = amount < 0 ? "-" : "";
  if (exp === 0) return sign + abs;
  const padded = abs.padStart(exp + 1, "0");
  return `${sign}${padded.slice(0, -exp)}.${padded.slice(-exp)}`;
}

/**
 * Shopify's carrier-service `total_price`: subunits as a string, and for currencies without subunits the
 * amount ×100 (1000 JPY → "100000"). Three-decimal currencies are sent in their ISO minor unit (UNVERIFIED:
 * Shopify's docs only describe the 0- and 2-decimal cases).
 */
export function toShopifySubunits(m: Money): string {
  assertMinorUnits(m.amount);
  const factor = currencyExponent(m.currency) === 0 ? 100 : 1;
  return String(toSafeNumber(BigInt(m.amount) * BigInt(factor)));
}

/** Inverse of toShopifySubunits; a zero-decimal amount that is not a whole unit is rounded half away from zero. */
export function fromShopifySubunits(subunits: number | string, currency: string): Money {
  const n = typeof subunits === "string" ? Number(subunits.trim()) : subunits;
  if (typeof subunits === "string" && !/^\s*-?\d+\s*$/.test(subunits)) {
    throw new RangeError(`Shopify subunits must be an integer, got "${subunits}"`);
  }
  assertMinorUnits(n, "subunits");
  const amount = currencyExponent(currency) === 0 ? toSafeNumber(divideRounded(BigInt(n), 100n)) : n;
  return money(amount + 0, currency);
}

/** The percentage part alone: percentOf(1200, 1000) = 120 (10.00% of 12.00). */
export function percentOf(amount: number, basisPoints: number): number {
  assertMinorUnits(amount);
  if (!Number.isSafeInteger(basisPoints)) throw new RangeError(`basis points must be an integer, got ${basisPoints}`);
  return toSafeNumber(divideRounded(BigInt(amount) * BigInt(basisPoints), 10_000n)) + 0;
}

/**
 * amount adjusted by basisPoints (1000 = +10%, -2500 = -25%). The adjustment is rounded half away from
 * zero and then added, so the trace can show the exact adjustment. No clamping: -15000 bp goes negative.
 */
export function applyPercent(amount: number, basisPoints: number): number {
  return amount + percentOf(amount, basisPoints);
}

function nextEndingIn(amount: number, modulus: number, ending: number): number {
  const rest = ((amount % modulus) + modulus) % modulus;
  return amount + ((ending - rest + modulus) % modulus);
}

/**
 * Charm rounding, always upwards (never lowers a price):
 * - to_99: the smallest amount ≥ the input ending in .99 (2 decimals: 12.00 → 12.99, 12.99 stays);
 *   3-decimal currencies end in .990; zero-decimal currencies end in 99 units (1234 JPY → 1299, 50 → 99).
 * - to_whole: up to the next whole major unit (12.01 → 13.00); a no-op for zero-decimal currencies.
 * Zero stays zero so free shipping stays free. Negative amounts are rejected: prices are clamped before rounding.
 */
export function roundTo(m: Money, mode: RoundingMode): Money {
  assertMinorUnits(m.amount);
  if (m.amount < 0) throw new RangeError(`cannot round a negative price (${m.amount})`);
  if (mode === "none" || m.amount === 0) return { ...m };
  const exp = currencyExponent(m.currency);
  if (mode === "to_whole") {
    const unit = 10 ** exp;
    return { ...m, amount: Math.ceil(m.amount / unit) * unit };
  }
  if (exp === 3) return { ...m, amount: nextEndingIn(m.amount, 1000, 990) };
  return { ...m, amount: nextEndingIn(m.amount, 100, 99) };
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

export function addMoney(a: Money, b: Money): Money {
  assertMinorUnits(a.amount);
  assertMinorUnits(b.amount);
  assertSameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}
