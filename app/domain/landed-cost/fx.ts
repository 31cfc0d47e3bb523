// Currency conversion only through the shop's exchange-rate table, with exact rational arithmetic: a rate
// "1.0842" is 10842/10000, and each conversion rounds once, half away from zero (money.ts's rule).
import { currencyExponent, divideRounded, minorToDecimalString } from "../money";
import type { ExchangeRate } from "./model";

type Ratio = { num: bigint; den: bigint; text: string };

export class MissingExchangeRateError extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`no exchange rate ${from} → ${to} in the exchange-rate table`);
  }
}

export type Conversion = { amount: number; trace: string };

function ratioOf(rate: string): { num: bigint; den: bigint } {
  const [whole, fraction = ""] = rate.split(".");
  return { num: BigInt(whole + fraction), den: 10n ** BigInt(fraction.length) };
}

export type FxTable = {
  /** Converts minor units of `from` into minor units of `to`; the trace names the rate, its date and source. */
  convert(amount: number, from: string, to: string): Conversion;
  has(from: string, to: string): boolean;
};

export function buildFxTable(rates: readonly ExchangeRate[]): FxTable {
  const direct = new Map<string, Ratio>();
  for (const r of rates) {
    const { num, den } = ratioOf(r.rate);
    if (num === 0n) continue;
    const label = `${r.source}, ${r.date}`;
    direct.set(`${r.base}>${r.quote}`, { num, den, text: `1 ${r.base} = ${r.rate} ${r.quote} (${label})` });
    if (!direct.has(`${r.quote}>${r.base}`)) {
      direct.set(`${r.quote}>${r.base}`, { num: den, den: num, text: `1 ${r.base} = ${r.rate} ${r.quote}, inverted (${label})` });
    }
  }
  const cache = new Map<string, Ratio | null>();
  const find = (from: string, to: string): Ratio | null => {
    const key = `${from}>${to}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let found: Ratio | null = direct.get(key) ?? null;
    if (!found) {
      // One pivot (e.g. a table quoted against EUR): from → pivot → to.
      for (const [k, first] of direct) {
        if (!k.startsWith(`${from}>`)) continue;
        const pivot = k.slice(from.length + 1);
        const second = direct.get(`${pivot}>${to}`);
        if (second) {
          found = { num: first.num * second.num, den: first.den * second.den, text: `${first.text}; ${second.text}` };
          break;
        }
      }
    }
    cache.set(key, found);
    return found;
  };
  return {
    has: (from, to) => from === to || find(from, to) !== null,
    convert(amount, from, to) {
      if (from === to) return { amount, trace: "" };
      const ratio = find(from, to);
      if (!ratio) throw new MissingExchangeRateError(from, to);
      const scale = BigInt(currencyExponent(to) - currencyExponent(from));
      const num = BigInt(amount) * ratio.num * (scale > 0n ? 10n ** scale : 1n);
      const den = ratio.den * (scale < 0n ? 10n ** -scale : 1n);
      const out = Number(divideRounded(num, den)) + 0;
      return {
        amount: out,
        trace: `${from} ${minorToDecimalString(amount, from)} → ${to} ${minorToDecimalString(out, to)} at ${ratio.text}`,
      };
    },
  };
}

const tables = new WeakMap<readonly ExchangeRate[], FxTable>();
/** The same table object for the same settings array: built once per configuration, not per rate request. */
export function fxTableFor(rates: readonly ExchangeRate[]): FxTable {
  let t = tables.get(rates);
  if (!t) {
    t = buildFxTable(rates);
    tables.set(rates, t);
  }
  return t;
}
