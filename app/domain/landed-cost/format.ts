// Small pure helpers for the engine's arithmetic and wording.
import { divideRounded, minorToDecimalString } from "../money";

const SYMBOL: Record<string, string> = { EUR: "€", USD: "$", GBP: "£", JPY: "¥", CNY: "CN¥", KRW: "₩", INR: "₹" };

/** 420 EUR → "€4.20"; 500 CHF → "CHF 5.00". */
export function fmt(amount: number, currency: string): string {
  const sign = amount < 0 ? "-" : "";
  const text = minorToDecimalString(Math.abs(amount), currency);
  const symbol = SYMBOL[currency];
  return symbol ? `${sign}${symbol}${text}` : `${sign}${currency} ${text}`;
}

type Ratio = { num: bigint; den: bigint };
const parsed = new Map<string, Ratio>();
/** "9.975" → 9975/100000 of one hundred percent (cached: the same few strings recur on every request). */
function ratio(percent: string): Ratio {
  let r = parsed.get(percent);
  if (!r) {
    const [whole, fraction = ""] = percent.split(".");
    r = { num: BigInt(whole + fraction), den: 100n * 10n ** BigInt(fraction.length) };
    parsed.set(percent, r);
  }
  return r;
}

/** percent% of amount, rounded once, half away from zero. */
export function percentOfAmount(amount: number, percent: string): number {
  const r = ratio(percent);
  return Number(divideRounded(BigInt(amount) * r.num, r.den)) + 0;
}

/** Tax charged "por dentro" (Brazil ICMS): base × r ÷ (1 − r). */
export function grossedUpTax(base: number, percent: string): number {
  const r = ratio(percent);
  return Number(divideRounded(BigInt(base) * r.num, r.den - r.num)) + 0;
}

/** Splits `total` across `weights` in proportion, largest remainder first, so the parts always sum to `total`. */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = weights.map((w, i) => ({ i, rest: (total * w) % sum })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k].i] += 1;
  return parts;
}

/** "610910" → "6109.10" (how merchants and customs write it). */
export function displayHs(hs: string): string {
  return hs.length > 4 ? `${hs.slice(0, 4)}.${hs.slice(4)}` : hs;
}
