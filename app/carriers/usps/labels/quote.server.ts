// Quotes before purchase, for reconciliation: the total-rates search and price memory rating uses, so a package
// shape already priced (by checkout, or by an earlier package of the batch) costs no call. A call that is made takes
// a "label" permit: quoting is label work, so it stays below the share of the hour kept for checkout. A batch makes
// at most MAX_QUOTE_CALLS calls: beyond them a package is quoted from memory or not at all, so a batch to many
// different places cannot spend the hour its own purchases need.
import type { LabelQuote, LabelQuoteRequest } from "../../labels";
import type { UspsClient } from "../client.server";
import { DEFAULT_PRICE_TTL_MS, type PriceMemory } from "../price-memory";
import {
  DOMESTIC_TOTAL_RATES_PATH,
  INTERNATIONAL_TOTAL_RATES_PATH,
  domesticTotalRatesQuery,
  internationalTotalRatesQuery,
  isDomestic,
  mailingDateFor,
  priceKeyParts,
  type PriceTerms,
} from "../price-request";
import { parseTotalRates, pickPrices } from "../price-response";

export interface QuoteDeps {
  client: UspsClient;
  memory: PriceMemory;
  terms: PriceTerms;
  now(): number;
}

// USPS prices in US dollars.
const CURRENCY = "USD";
export const MAX_QUOTE_CALLS = 10;

function jsonOf(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

async function quoteOne(d: QuoteDeps, r: LabelQuoteRequest, budget: { calls: number }, signal: AbortSignal): Promise<LabelQuote | null> {
  const now = d.now();
  const domestic = isDomestic(r.to.country);
  const ends = { origin: { country: r.from.country, postalCode: r.from.zip }, destination: { country: r.to.country, postalCode: r.to.zip } };
  const pkg = { grams: r.parcel.grams, billableGrams: r.parcel.grams, dimensionsMm: r.parcel.dimensionsMm };
  const built = domestic
    ? domesticTotalRatesQuery(ends, pkg, [r.serviceCode], d.terms, mailingDateFor(now))
    : internationalTotalRatesQuery(ends, pkg, [r.serviceCode], d.terms, mailingDateFor(now));
  if (!built.ok) return null;
  const key = priceKeyParts(built.body, r.serviceCode, built.facts, d.terms);
  const hit = await d.memory.get(key, now);
  // A learned price is another answer for the same zone and weight step: USPS's price for this package too.
  if (hit && (hit.fresh || (hit.source === "learned" && now - hit.observedAt < DEFAULT_PRICE_TTL_MS))) {
    return hit.price ? { amount: hit.price.cents, currency: CURRENCY } : null;
  }
  // A stale remembered price is no quote: USPS may have changed it, and the label would be flagged for nothing.
  if (budget.calls <= 0) return null;
  budget.calls--;
  const res = await d.client.request(domestic ? DOMESTIC_TOTAL_RATES_PATH : INTERNATIONAL_TOTAL_RATES_PATH, { method: "POST", body: built.body }, signal);
  if (!res.ok) return null;
  const parsed = parseTotalRates(jsonOf(res.bytes));
  if (!parsed.ok) return null;
  const price = pickPrices(parsed.value.rateOptions, [r.serviceCode], built.facts).get(r.serviceCode) ?? null;
  await d.memory.put(key, price, now, price?.endDate);
  return price ? { amount: price.cents, currency: CURRENCY } : null;
}

/** One quote per request, in order; null where USPS gave no price (the label is then not reconciled). */
export async function quoteUspsLabels(d: QuoteDeps, requests: LabelQuoteRequest[], signal: AbortSignal): Promise<(LabelQuote | null)[]> {
  const out: (LabelQuote | null)[] = [];
  const budget = { calls: MAX_QUOTE_CALLS };
  // One at a time: the second package of a shape is then a memory hit, not a second call.
  for (const r of requests) out.push(await quoteOne(d, r, budget, signal));
  return out;
}
